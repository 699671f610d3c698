// npm run bench – speed budgets, measured here rather than in tests.
// Seeds a throwaway database with 100 000 deviations and 50 000 plans in one partnership
// and times the working period summary (budget: 300 ms).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createDb } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { seedDemo } from "../db/seed/seed";
import { seedVolume } from "../db/seed/volume";
import { currentTerm, instantBounds, lastFullTerm, trailingPeriods } from "../app/features/summaries/periods";
import { computeSummary } from "../app/features/summaries/summaries.server";

const BUDGET_MS = 300;
const DEVIATIONS = Number(process.env.BENCH_DEVIATIONS ?? 100_000);
const PLANS = Number(process.env.BENCH_PLANS ?? 50_000);

async function main() {
  // BENCH_DB=/path/file.sqlite keeps the seeded database between runs (seeding takes a minute).
  const dir = mkdtempSync(join(tmpdir(), "samsyn-bench-"));
  const path = process.env.BENCH_DB ?? join(dir, "bench.sqlite");
  const reuse = Boolean(process.env.BENCH_DB) && existsSync(path);
  const db = createDb(`file:${path}`);
  try {
    await migrateToLatest(db);
    if (!reuse) await seed(db);
    const partnership = await db
      .selectFrom("partnerships")
      .select("id")
      .where("name", "=", "Samordningsförbundet Sjöstad")
      .executeTakeFirstOrThrow();

    let failed = false;
    for (const period of [currentTerm(), lastFullTerm()]) {
      await computeSummary(db, partnership.id, period); // warm the page cache
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await computeSummary(db, partnership.id, period);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const medianMs = times[2];
      const ok = medianMs < BUDGET_MS;
      failed ||= !ok;
      console.log(
        `summary ${period.label}: median ${medianMs.toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)}) – budget ${BUDGET_MS} ms: ${ok ? "ok" : "OVER"}`,
      );
    }
    process.exitCode = failed ? 1 : 0;
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
    if (process.env.BENCH_DB) console.log(`Kept the database at ${path}.`);
  }
}

async function seed(db: ReturnType<typeof createDb>) {
  await seedDemo(db);
  const from = Date.parse(instantBounds(trailingPeriods(currentTerm(), 8)[0]).from);
  const started = performance.now();
  await seedVolume(db, {
    partnershipName: "Samordningsförbundet Sjöstad",
    deviations: DEVIATIONS,
    plans: PLANS,
    fromMs: from,
    toMs: Date.now(),
    seed: 99,
    personOffset: 100_000,
  });
  console.log(
    `Seeded ${DEVIATIONS} deviations and ${PLANS} plans in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
