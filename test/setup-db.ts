// Every test file gets its own freshly migrated throwaway database, reached through the same
// getDb() the app uses: a SQLite file, or in the PostgreSQL project (TEST_ENGINE=postgres) a
// database copied from the migrated template made by test/postgres-template.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDb, getDb } from "#db/client.server";
import { migrateToLatest } from "#db/migrate";
import { createDatabase, dropDatabase, skipCommitFlush, uniqueDatabaseName } from "#db/postgres-admin";

const dir = mkdtempSync(join(tmpdir(), "samsyn-test-"));
const adminUrl = process.env.TEST_ENGINE === "postgres" ? process.env.TEST_POSTGRES_URL : undefined;
const database = uniqueDatabaseName("samsyn_test");
process.env.DATABASE_URL = `file:${join(dir, "test.sqlite")}`;
process.env.NODE_ENV = "test";
process.env.APP_URL = "http://localhost:3999";
if (adminUrl) {
  // Audit checkpoints live beside the SQLite file; on PostgreSQL in this file's own directory.
  process.env.AUDIT_CHECKPOINT_FILE = join(dir, "audit-checkpoints.jsonl");
}

beforeAll(async () => {
  if (adminUrl) {
    process.env.DATABASE_URL = await createDatabase(adminUrl, database, inject("postgresTemplate"));
    await skipCommitFlush(adminUrl, database);
  }
  await migrateToLatest(getDb());
});

afterAll(async () => {
  await closeDb();
  if (adminUrl) await dropDatabase(adminUrl, database);
  rmSync(dir, { recursive: true, force: true });
});
