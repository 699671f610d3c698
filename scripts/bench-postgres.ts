// The bench on PostgreSQL (BENCH_DATABASE_URL=postgres://…): the same volume as on SQLite, copied
// from the SQLite bench database by `npm run db:copy`'s module, so both engines are measured on the
// very same rows. The database's comment records which volume it holds; a database holding that
// volume is reused (and migrated), an empty one is filled, and any other one is refused, never
// cleared: the URL may name a database that is not the bench's.
import { sql } from "kysely";
import { createDb, type DB } from "../db/client.server";
import { copyDatabase } from "../db/copy.server";
import { migrateToLatest } from "../db/migrate";
import { ensureBenchDb, SEED_VERSION } from "./bench-seed";

/** Where a database is, without user name or password. */
export function describePostgresUrl(url: string): string {
  const parsed = new URL(url);
  return `postgres://${parsed.host}${parsed.pathname}`;
}

export function benchMarker(scale: number): string {
  return `samsyn-bench v${SEED_VERSION} scale ${scale}`;
}

async function databaseComment(db: DB): Promise<{ name: string; comment: string | null }> {
  const { rows } = await sql<{ name: string; comment: string | null }>`select current_database() as name,
    shobj_description(oid, 'pg_database') as comment from pg_database
    where datname = current_database()`.execute(db);
  return rows[0];
}

/**
 * Returns `url` once its database holds the bench volume of `scale`. `sqliteSource` gives the
 * SQLite database to copy from (by default the cached bench database, seeded if missing).
 */
export async function ensureBenchPostgres(
  url: string,
  scale: number,
  { log = console.log, sqliteSource = () => ensureBenchDb(scale, log) } = {},
): Promise<string> {
  const where = describePostgresUrl(url);
  const marker = benchMarker(scale);
  const db = createDb(url, { poolSize: 2 });
  try {
    const { name, comment } = await databaseComment(db);
    if (comment === marker) {
      await migrateToLatest(db);
      log(`Reusing the bench database ${where} (${marker}).`);
      return url;
    }
    if (comment?.startsWith("samsyn-bench ")) {
      throw new Error(`${where} holds another bench volume (${comment}); give BENCH_DATABASE_URL an empty database.`);
    }
    const path = await sqliteSource();
    const source = createDb(`file:${path}`);
    try {
      log(`Copying the bench volume to ${where}…`);
      const result = await copyDatabase(source, db, { batchRows: 2000 });
      if (!result.ok) {
        const tables =
          "tables" in result ? ` (${result.tables.map((t) => (typeof t === "string" ? t : t.name)).join(", ")})` : "";
        throw new Error(`Cannot fill ${where}: ${result.reason}${tables}. Give BENCH_DATABASE_URL an empty database.`);
      }
      log(`Copied ${result.tables.reduce((sum, t) => sum + t.rows, 0)} rows.`);
    } finally {
      await source.destroy();
    }
    // Autovacuum analyses a table soon after it grows, so a production server plans with
    // statistics; measure that rather than whatever moment autovacuum has reached.
    await sql`analyze`.execute(db);
    // Written last: an interrupted copy leaves no marker (and, being one transaction, no rows).
    await sql`comment on database ${sql.id(name)} is ${sql.lit(marker)}`.execute(db);
    return url;
  } finally {
    await db.destroy();
  }
}
