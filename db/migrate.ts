import SQLite from "better-sqlite3";
import { Migrator, sql, type MigrationResultSet } from "kysely";
import { isPostgres, type DB } from "./client.server";
import { migrations } from "./migrations/index";

function migrator(db: DB) {
  // Features are built on parallel branches, so a migration numbered lower than one already run
  // can arrive later (0005 after 0006): run it rather than refuse the database.
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
}

function unwrap(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    const message = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${message}`);
  }
  return result;
}

/** How long a second migrator waits for the first before giving up, as Kysely's own lock on PostgreSQL. */
const LOCK_WAIT_MS = 60 * 60 * 1000;

/**
 * Two instances starting at once (`npm start` migrates first) must not both run a migration.
 * PostgreSQL: Kysely's migrator holds a session-level advisory lock (pg_advisory_lock on a fixed
 * key) around reading the migration table and running what is pending, in one transaction, so
 * the second instance reads the table only after the first committed. SQLite: Kysely takes no
 * lock there (it assumes one process), and the migrations cannot share one transaction (0013
 * turns foreign keys off between its own), so the migrator runs while this process holds
 * the write lock of a small side file, `<database>.migrate-lock`: the operating system releases
 * it if the process dies, so a crashed migrator never leaves the database locked.
 */
async function exclusively<T>(db: DB, work: () => Promise<T>): Promise<T> {
  if (isPostgres(db)) return work();
  const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db);
  const file = rows[0]?.file;
  if (!file) return work(); // in memory: one connection, no other process can reach it
  const lock = new SQLite(`${file}.migrate-lock`, { timeout: 0 });
  try {
    for (const deadline = Date.now() + LOCK_WAIT_MS; ;) {
      try {
        lock.exec("begin immediate");
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
    return await work();
  } finally {
    lock.close(); // ends the transaction, releasing the lock
  }
}

export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  return exclusively(db, async () => unwrap(await migrator(db).migrateToLatest()));
}

export async function migrateDown(db: DB): Promise<MigrationResultSet> {
  return exclusively(db, async () => unwrap(await migrator(db).migrateDown()));
}

/** Names of migrations the database has not run yet. */
export async function pendingMigrations(db: DB): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
