// `npm run db:copy`: the demo installation on SQLite copied to a fresh database of the project's
// engine (PostgreSQL in the postgres project, which is the move the command exists for; another
// SQLite file in the sqlite project), compared table by table and row by row.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audit } from "~/features/audit/audit.server";
import { auditKey } from "~/features/audit/key.server";
import { verifyAuditChain } from "~/features/audit/verify.server";
import { createDb, type DB } from "./client.server";
import { copyDatabase, rowCounts } from "./copy.server";
import { migrateToLatest } from "./migrate";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "./postgres-admin";
import { DEMO_USERS } from "./seed/demo-cast";
import { seedDemo } from "./seed/seed";
import { describeTables, type TableInfo } from "./tables.server";

// Set before anything reads the key, so the command line (a child process) verifies with it too.
const KEY = "copy-test-audit-key-0123456789abcdef0123456789";
process.env.AUDIT_KEY = KEY;

const adminUrl = process.env.TEST_ENGINE === "postgres" ? process.env.TEST_POSTGRES_URL : undefined;
const dir = mkdtempSync(join(tmpdir(), "samsyn-copy-"));
const sourceUrl = `file:${join(dir, "source.sqlite")}`;
const targetName = uniqueDatabaseName("samsyn_copy");
let targetUrl: string;
let source: DB;
let target: DB;

beforeAll(async () => {
  expect(auditKey().toString("utf8")).toBe(KEY);
  source = createDb(sourceUrl);
  await migrateToLatest(source);
  await seedDemo(source);
  // Rows a migration inserted and the installation changed: the copy must carry the change.
  await source.updateTable("retention_periods").set({ days: 45 }).where("name", "=", "outbox").execute();
  // An identity column on PostgreSQL: its sequence must continue after the copied numbers.
  const at = new Date().toISOString();
  await source
    .insertInto("login_attempts")
    .values([1, 2, 3].map(() => ({ email: "x@example.org", ip: "127.0.0.1", succeeded: 0, created_at: at })))
    .execute();
  targetUrl = adminUrl ? await createDatabase(adminUrl, targetName) : `file:${join(dir, "target.sqlite")}`;
}, 120_000);

afterAll(async () => {
  await Promise.all([source?.destroy(), target?.destroy()]);
  if (adminUrl) await dropDatabase(adminUrl, targetName);
  rmSync(dir, { recursive: true, force: true });
});

function runCopy(from: string, to: string) {
  return spawnSync(
    resolve("node_modules/.bin/tsx"),
    ["scripts/db-copy.ts", "--from", from, "--to", to, "--batch", "7"],
    {
      env: { ...process.env, AUDIT_KEY: KEY },
      encoding: "utf8",
      timeout: 120_000,
    },
  );
}

const byKey = (table: TableInfo) => (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const key = (r: Record<string, unknown>) =>
    JSON.stringify((table.primaryKey.length ? table.primaryKey : table.columns).map((c) => r[c]));
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
};

describe("copying an installation to another database", () => {
  it("copies every table and row, in small batches, with the audit chain intact", { timeout: 180_000 }, async () => {
    const run = runCopy(sourceUrl, targetUrl);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("The audit log is intact on the target.");
    // Table names and counts only: no e-mail address, name or identity number of anyone.
    for (const user of DEMO_USERS) {
      expect(run.stdout).not.toContain(user.email);
      expect(run.stdout).not.toContain(user.name);
    }
    expect(run.stdout).not.toMatch(/\d{6,8}-?\d{4}/);

    target = createDb(targetUrl);
    const tables = await describeTables(source);
    expect(tables.map((t) => t.name)).toEqual((await describeTables(target)).map((t) => t.name));
    const counts = await rowCounts(source, tables);
    expect(await rowCounts(target, tables)).toEqual(counts);
    for (const name of ["users", "plans", "deviations", "audit_events", "summary_snapshots"]) {
      expect(counts.get(name), name).toBeGreaterThan(0);
    }
    // Every row, field by field (sorted here, since the engines collate text differently).
    for (const table of tables) {
      const read = (db: DB) =>
        db
          .selectFrom(table.name as never)
          .select(table.columns as never)
          .execute() as Promise<Record<string, unknown>[]>;
      const [before, after] = await Promise.all([read(source), read(target)]);
      expect(after.sort(byKey(table)), table.name).toEqual(before.sort(byKey(table)));
    }
  });

  it("leaves a copy the app can go on writing to", async () => {
    target ??= createDb(targetUrl);
    await audit(target, {
      actor: { userId: null, organisationId: null },
      action: "system.copied",
      recordType: "database",
    });
    const report = await verifyAuditChain(target, { key: auditKey() });
    expect(report).toMatchObject({ ok: true, findings: [] });
    expect(report.checked).toBe(
      Number((await rowCounts(source, await describeTables(source))).get("audit_events")) + 1,
    );
    const next = await target
      .insertInto("login_attempts")
      .values({ email: "y@example.org", ip: "127.0.0.1", succeeded: 0, created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(Number(next.id)).toBe(4);
    // The guards lifted to replace the migration's rows are back.
    await expect(target.updateTable("audit_chain").set({ legacy_until_seq: 5 }).execute()).rejects.toThrow(
      /audit_chain is fixed/,
    );
    await expect(target.deleteFrom("audit_events").execute()).rejects.toThrow(/append-only/);
  });

  it("copies back the other way, into a third database", { timeout: 120_000 }, async () => {
    target ??= createDb(targetUrl);
    const back = createDb(`file:${join(dir, "back.sqlite")}`);
    try {
      expect(await copyDatabase(target, back, { batchRows: 50 })).toMatchObject({ ok: true });
      const tables = await describeTables(target);
      expect(await rowCounts(back, tables)).toEqual(await rowCounts(target, tables));
      for (const name of ["persons", "audit_events", "retention_periods", "audit_chain"]) {
        const table = tables.find((t) => t.name === name)!;
        const read = (db: DB) =>
          db
            .selectFrom(name as never)
            .selectAll()
            .execute() as Promise<Record<string, unknown>[]>;
        expect((await read(back)).sort(byKey(table)), name).toEqual((await read(target)).sort(byKey(table)));
      }
      expect(await verifyAuditChain(back, { key: auditKey() })).toMatchObject({ ok: true });
    } finally {
      await back.destroy();
    }
  });

  it("refuses a source with migrations not yet run", async () => {
    const unmigrated = createDb(`file:${join(dir, "unmigrated.sqlite")}`);
    const empty = createDb(`file:${join(dir, "empty.sqlite")}`);
    try {
      expect(await copyDatabase(unmigrated, empty)).toMatchObject({ ok: false, reason: "source_not_migrated" });
    } finally {
      await Promise.all([unmigrated.destroy(), empty.destroy()]);
    }
  });

  it("refuses a target that already holds rows, and changes nothing", async () => {
    target ??= createDb(targetUrl);
    const tables = await describeTables(target);
    const before = await rowCounts(target, tables);
    expect(await copyDatabase(source, target)).toMatchObject({ ok: false, reason: "target_not_empty" });
    const run = runCopy(sourceUrl, targetUrl);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("the target already holds data");
    expect(await rowCounts(target, tables)).toEqual(before);
  });
});
