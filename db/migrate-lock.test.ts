// Two instances starting at once both migrate first (`npm start`): each migration must still run
// exactly once. Two processes on one fresh database, SQLite in the sqlite project and PostgreSQL
// in the postgres project.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./client.server";
import { migrations } from "./migrations/index";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "./postgres-admin";

const adminUrl = process.env.TEST_ENGINE === "postgres" ? process.env.TEST_POSTGRES_URL : undefined;
const dir = mkdtempSync(join(tmpdir(), "samsyn-migrate-lock-"));
const databases: string[] = [];

afterAll(async () => {
  for (const name of databases) if (adminUrl) await dropDatabase(adminUrl, name);
  rmSync(dir, { recursive: true, force: true });
});

async function freshDatabase(round: number): Promise<string> {
  if (!adminUrl) return `file:${join(dir, `fresh-${round}.sqlite`)}`;
  const name = uniqueDatabaseName("samsyn_migrate_lock");
  databases.push(name);
  return createDatabase(adminUrl, name);
}

function migrate(url: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(resolve("node_modules/.bin/tsx"), ["scripts/migrate.ts"], {
      env: { ...process.env, DATABASE_URL: url },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

describe("two migrators at once", () => {
  it("run each migration exactly once between them, without an error", { timeout: 120_000 }, async () => {
    for (let round = 0; round < 2; round++) {
      const url = await freshDatabase(round);
      const runs = await Promise.all([migrate(url), migrate(url)]);
      for (const run of runs) {
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
      }
      const applied = runs.flatMap((r) => [...r.stdout.matchAll(/^applied (\S+)$/gm)].map((m) => m[1]));
      expect(applied.sort()).toEqual(Object.keys(migrations).sort());
      const db = createDb(url, { poolSize: 1 });
      const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
      await db.destroy();
      expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(migrations).sort());
    }
  });
});
