import SQLite from "better-sqlite3";
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, sqlitePath } from "#db/client.server";
import { SYSTEM_ACTOR } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { appendCheckpoint, genuineHead, readCheckpoints } from "~/features/audit/checkpoints.server";
import { auditKey } from "~/features/audit/key.server";
import { verifyAuditChain } from "~/features/audit/verify.server";
import { planSetup } from "../../../test/plans";
import { backupSqlite, restoreSqlite } from "./backup.server";

const dir = mkdtempSync(join(tmpdir(), "samsyn-backup-"));
const backups = join(dir, "backups");
const checkpointFile = join(dir, "checkpoints.jsonl");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WRITER = `
const SQLite = require("better-sqlite3");
const db = new SQLite(process.env.TARGET);
db.pragma("busy_timeout = 5000");
const insert = db.prepare("insert into login_attempts (email, ip, succeeded, device, created_at) values (?, '10.0.0.9', 0, null, ?)");
let i = 0;
setInterval(() => {
  for (let n = 0; n < 20; n++) { i++; insert.run("load-" + i, new Date().toISOString()); }
  if (i % 200 === 0) process.stdout.write("w" + i + "\\n");
}, 1);
`;

function tableRows(path: string, exceptAuditAfter?: number): Record<string, unknown[]> {
  const db = new SQLite(path, { readonly: true });
  try {
    const tables = (
      db
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
        .all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const out: Record<string, unknown[]> = {};
    for (const table of tables) {
      const where =
        table === "audit_events" && exceptAuditAfter !== undefined ? ` where seq <= ${exceptAuditAfter}` : "";
      out[table] = db.prepare(`select * from "${table}"${where} order by rowid`).all();
    }
    return out;
  } finally {
    db.close();
  }
}

const key = () => auditKey();
const source = () => process.env.DATABASE_URL!;

beforeAll(async () => {
  await planSetup("Säkerhetskopierad Person");
  for (let i = 0; i < 5; i++) await audit(getDb(), { actor: SYSTEM_ACTOR, action: "test.event", recordType: "test" });
  const head = await genuineHead(getDb(), key());
  if (head && head !== "forged") await appendCheckpoint(checkpointFile, { ...head, at: new Date().toISOString() });
});

describe("backup and restore", () => {
  it(
    "a backup taken under write load is consistent, verified, and restores to the same tables",
    { timeout: 60_000 },
    async () => {
      const writer = spawn(process.execPath, ["-e", WRITER], {
        env: { ...process.env, TARGET: sqlitePath(source()) },
        stdio: ["ignore", "pipe", "inherit"],
      });
      try {
        await new Promise<void>((resolve) =>
          writer.stdout.on("data", (d: Buffer) => String(d).includes("w") && resolve()),
        );
        const results = [];
        for (let n = 0; n < 3; n++) {
          results.push(
            await backupSqlite(source(), backups, {
              key: key(),
              checkpointFile,
              keep: 2,
              now: new Date(Date.UTC(2026, 11, 3, 14, 0, n)),
            }),
          );
        }
        expect(results.every((r) => r.ok)).toBe(true);
        // Named by time, newest two kept.
        expect(readdirSync(backups).sort()).toEqual([
          "samsyn-20261203T140001Z.sqlite",
          "samsyn-20261203T140002Z.sqlite",
        ]);
      } finally {
        writer.kill();
      }
      const copy = join(backups, "samsyn-20261203T140002Z.sqlite");
      // Consistent: the writer's rows are all there up to some point, with no gap.
      const loads = (tableRows(copy).login_attempts as { email: string }[])
        .filter((r) => r.email.startsWith("load-"))
        .map((r) => Number(r.email.slice(5)));
      expect(loads.length).toBeGreaterThan(0);
      expect(loads).toEqual(loads.map((_, i) => i + 1));

      const target = join(dir, "restored", "db.sqlite");
      const restored = await restoreSqlite(copy, `file:${target}`, { key: key(), checkpointFile });
      expect(restored).toMatchObject({ ok: true });
      const restoredSeq = restored.ok ? restored.restoredSeq : 0;
      expect(tableRows(target, restoredSeq)).toEqual(tableRows(copy));

      // The restored log verifies against the checkpoint file, with the restore marker in it.
      const db = (await import("#db/client.server")).createDb(`file:${target}`);
      const { checkpoints } = await readCheckpoints(checkpointFile);
      const report = await verifyAuditChain(db, { key: key(), checkpoints });
      const actions = await db.selectFrom("audit_events").select("action").orderBy("seq", "desc").limit(1).execute();
      await db.destroy();
      expect(report).toMatchObject({ ok: true, findings: [] });
      expect(actions).toEqual([{ action: "backup.restored" }]);
    },
  );

  it("events written after the backup are reported as lost by the restore, not as tampering", async () => {
    const copy = join(backups, "samsyn-20261203T140002Z.sqlite");
    // The live log moves on and is checkpointed after the backup.
    for (let i = 0; i < 3; i++) await audit(getDb(), { actor: SYSTEM_ACTOR, action: "test.after", recordType: "test" });
    const head = await genuineHead(getDb(), key());
    if (!head || head === "forged") throw new Error("no head");
    await appendCheckpoint(checkpointFile, { ...head, at: new Date().toISOString() });

    const target = join(dir, "restored-2", "db.sqlite");
    const restored = await restoreSqlite(copy, `file:${target}`, { key: key(), checkpointFile });
    expect(restored.ok).toBe(true);
    const { checkpoints, lostByRestore } = await readCheckpoints(checkpointFile);
    expect(lostByRestore.at(-1)).toMatchObject({ toSeq: head.seq });
    const db = (await import("#db/client.server")).createDb(`file:${target}`);
    const report = await verifyAuditChain(db, { key: key(), checkpoints });
    await db.destroy();
    expect(report.ok).toBe(true);
  });

  it("refuses a damaged file, a copy from a newer schema, and a target that holds data", async () => {
    const copy = join(backups, "samsyn-20261203T140002Z.sqlite");
    const damaged = join(dir, "damaged.sqlite");
    writeFileSync(damaged, "this is not a database".repeat(100));
    expect(
      await restoreSqlite(damaged, `file:${join(dir, "t1.sqlite")}`, { key: key(), checkpointFile }),
    ).toMatchObject({
      ok: false,
      reason: "damaged",
    });

    const newer = join(dir, "newer.sqlite");
    copyFileSync(copy, newer);
    const n = new SQLite(newer);
    n.prepare("insert into kysely_migration (name, timestamp) values ('9999_from_the_future', ?)").run(
      new Date().toISOString(),
    );
    n.close();
    expect(await restoreSqlite(newer, `file:${join(dir, "t2.sqlite")}`, { key: key(), checkpointFile })).toMatchObject({
      ok: false,
      reason: "newer_schema",
    });

    expect(await restoreSqlite(copy, source(), { key: key(), checkpointFile })).toMatchObject({
      ok: false,
      reason: "not_empty",
    });
  });

  it("a backup whose audit log does not verify fails and leaves no copy behind", async () => {
    const otherKey = Buffer.from("x".repeat(40));
    const result = await backupSqlite(source(), join(dir, "bad"), { key: otherKey, checkpointFile, keep: 2 });
    expect(result).toMatchObject({ ok: false });
    expect(readdirSync(join(dir, "bad"))).toEqual([]);
  });
});
