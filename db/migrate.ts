import { Migrator, type MigrationResultSet } from "kysely";
import type { DB } from "./client.server";
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

export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  return unwrap(await migrator(db).migrateToLatest());
}

export async function migrateDown(db: DB): Promise<MigrationResultSet> {
  return unwrap(await migrator(db).migrateDown());
}

/** Names of migrations the database has not run yet. */
export async function pendingMigrations(db: DB): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
