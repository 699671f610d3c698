// The bench volume: the demo plus 100 000 deviations and 50 000 plans in one partnership, times
// `scale`. Seeding takes a minute per scale step, so the database is kept under .bench/ (gitignored)
// and reused while the seed's version and scale match; it is migrated to the latest schema on reuse.
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { sql } from "kysely";
// No ANALYZE: the app never runs it, so the bench measures the query plans production gets.
import { performance } from "node:perf_hooks";
import { createDb, type DB } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { seedDemo } from "../db/seed/seed";
import { seedVolume } from "../db/seed/volume";
import { ensureKeyFile } from "../app/features/audit/key.server";
import { currentTerm, instantBounds, trailingPeriods } from "../app/features/summaries/periods";

/** Bump when the generated data changes shape, so cached databases are seeded again. */
export const SEED_VERSION = 1;
export const BENCH_DIR = resolve(".bench");
export const PARTNERSHIP = "Samordningsförbundet Sjöstad";
export const DEVIATIONS_PER_SCALE = 100_000;
export const PLANS_PER_SCALE = 50_000;

/** The bench's own audit key, kept beside its databases so their chains stay verifiable. */
export const BENCH_AUDIT_KEY_FILE = join(BENCH_DIR, "audit.key");

export function benchDbPath(scale: number): string {
  return join(BENCH_DIR, `bench-v${SEED_VERSION}-scale${scale}.sqlite`);
}

/** Returns the path of a migrated bench database of the given scale, seeding it when missing. */
export async function ensureBenchDb(scale: number, log = console.log): Promise<string> {
  mkdirSync(BENCH_DIR, { recursive: true });
  ensureKeyFile(BENCH_AUDIT_KEY_FILE);
  // The demo seed audits through the app's commands, which read the key from the environment.
  process.env.AUDIT_KEY_FILE = BENCH_AUDIT_KEY_FILE;
  const path = benchDbPath(scale);
  if (existsSync(path)) {
    const db = createDb(`file:${path}`);
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    log(`Reusing the bench database ${path}.`);
    return path;
  }
  // Seeded under a temporary name so an interrupted seed never looks like a finished one.
  const partial = `${path}.partial`;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(partial + suffix, { force: true });
  const db = createDb(`file:${partial}`);
  try {
    // A half-seeded file is thrown away anyway, so the seed need not wait for the disk.
    // Random keys land all over the indexes: with SQLite's default cache the seed slows with
    // every step once the database outgrows it, so give it room (2 GB) while seeding.
    await sql`pragma synchronous = off`.execute(db);
    await sql`pragma cache_size = -2000000`.execute(db);
    await migrateToLatest(db);
    await seedDemo(db);
    await seedBenchVolume(db, scale, log);
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
  } finally {
    await db.destroy();
  }
  renameSync(partial, path);
  return path;
}

/** Seeds `scale` steps of the volume, one step at a time so memory stays flat at scale 10. */
export async function seedBenchVolume(db: DB, scale: number, log = console.log): Promise<void> {
  const from = Date.parse(instantBounds(trailingPeriods(currentTerm(), 8)[0]).from);
  for (let step = 0; step < scale; step++) {
    const started = performance.now();
    await seedVolume(db, {
      partnershipName: PARTNERSHIP,
      deviations: DEVIATIONS_PER_SCALE,
      plans: PLANS_PER_SCALE,
      fromMs: from,
      toMs: Date.now(),
      seed: 99 + step,
      personOffset: 100_000 + step * PLANS_PER_SCALE,
    });
    log(
      `Seeded ${DEVIATIONS_PER_SCALE} deviations and ${PLANS_PER_SCALE} plans (step ${step + 1} of ${scale}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf("--scale");
  const scale = i > 0 ? Number(process.argv[i + 1]) : 1;
  ensureBenchDb(scale).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
