// Every test file gets its own freshly migrated throwaway SQLite database,
// reached through the same getDb() the app uses.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { closeDb, getDb } from "#db/client.server";
import { migrateToLatest } from "#db/migrate";

const dir = mkdtempSync(join(tmpdir(), "samsyn-test-"));
process.env.DATABASE_URL = `file:${join(dir, "test.sqlite")}`;
process.env.NODE_ENV = "test";
process.env.APP_URL = "http://localhost:3999";

beforeAll(async () => {
  await migrateToLatest(getDb());
});

afterAll(async () => {
  await closeDb();
  rmSync(dir, { recursive: true, force: true });
});
