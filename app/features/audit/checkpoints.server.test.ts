// Several app instances on one database: one gap-free sequence, one checkpoint writer.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DB } from "#db/client.server";
import { migrateToLatest } from "#db/migrate";
import { audit } from "./audit.server";
import { checkpointRound, releaseLease, takeLease, type CheckpointWriter } from "./checkpoints.server";
import { auditKey } from "./key.server";
import { verifyAuditChain } from "./verify.server";

const actor = { userId: "u1", organisationId: "o1" };
const dir = mkdtempSync(join(tmpdir(), "samsyn-instances-"));
const url = `file:${join(dir, "shared.sqlite")}`;
let first: DB;
let second: DB;

beforeAll(async () => {
  first = createDb(url);
  second = createDb(url);
  await migrateToLatest(first);
});

afterAll(async () => {
  await first.destroy();
  await second.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * An app instance of its own (a separate process, as on a second server). It opens the database,
 * says "ready", and appends `count` events once told "go", so that the instances really race.
 */
function instance(count: number) {
  const worker = join(dir, "instance.mts");
  writeFileSync(
    worker,
    `import { once } from "node:events";
     import { createDb } from ${JSON.stringify(resolve("db/client.server.ts"))};
     import { audit } from ${JSON.stringify(resolve("app/features/audit/audit.server.ts"))};
     const db = createDb(${JSON.stringify(url)});
     process.stdout.write("ready\\n");
     await once(process.stdin, "data");
     for (let i = 0; i < ${count}; i++) {
       await audit(db, { actor: { userId: "u" + process.pid, organisationId: "o1" }, action: "plan.read", recordType: "plan" });
       // Between requests a server does other work; without a pause one instance would hold the lock in a loop.
       await new Promise((r) => setTimeout(r, 5));
     }
     await db.destroy();
     process.exit(0);`,
  );
  const child = spawn(process.execPath, ["--import", "tsx", worker], {
    cwd: resolve("."),
    env: { ...process.env, AUDIT_KEY: auditKey().toString("utf8") },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const finished = new Promise<void>((done, failed) =>
    child.on("exit", (code) => (code === 0 ? done() : failed(new Error(`instance exited ${code}: ${errors}`)))),
  );
  const ready = new Promise<void>((done) => child.stdout.once("data", () => done()));
  return { ready, go: () => child.stdin.write("go\n"), finished };
}

describe("two app instances on one database", () => {
  it("number their events without gaps or doubles, and the chain verifies", { timeout: 90_000 }, async () => {
    const instances = [instance(20), instance(20)];
    await Promise.all(instances.map((i) => i.ready));
    for (const i of instances) i.go();
    await Promise.all(instances.map((i) => i.finished));
    const seqs = (await first.selectFrom("audit_events").select("seq").orderBy("seq").execute()).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await verifyAuditChain(first, { key: auditKey() })).toMatchObject({ ok: true, checked: 40 });
  });

  it("can never both take the same number: the database refuses the second", async () => {
    const head = await first
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    await expect(
      second
        .insertInto("audit_events")
        .values({ ...head, id: "another" })
        .execute(),
    ).rejects.toThrow(/UNIQUE|PRIMARY/i);
  });

  it("let one of them at a time hold the checkpoint lease", async () => {
    const now = new Date("2030-01-01T12:00:00.000Z");
    const later = (ms: number) => new Date(now.getTime() + ms);
    expect(await takeLease(first, "A", 60_000, now)).toBe(true);
    expect(await takeLease(second, "B", 60_000, later(1_000))).toBe(false);
    expect(await takeLease(first, "A", 60_000, later(30_000))).toBe(true);
    expect(await takeLease(second, "B", 60_000, later(60_000))).toBe(false);
    // A stops renewing: once the lease has run out, B takes over and A is out.
    expect(await takeLease(second, "B", 60_000, later(91_000))).toBe(true);
    expect(await takeLease(first, "A", 60_000, later(92_000))).toBe(false);
    await releaseLease(second, "B");
    expect(await takeLease(first, "A", 60_000, later(93_000))).toBe(true);
    await releaseLease(first, "A");
  });

  it("write checkpoints only from the lease holder", async () => {
    const file = join(dir, "checkpoints.jsonl");
    const logged: string[] = [];
    const writer = (db: DB, holder: string): CheckpointWriter => ({
      db,
      key: auditKey(),
      file,
      holder,
      leaseMs: 60_000,
      log: (line) => logged.push(line),
    });
    const a = writer(first, "instance-a");
    const b = writer(second, "instance-b");
    let seqA = await checkpointRound(a, 0);
    let seqB = await checkpointRound(b, 0);
    await audit(second, { actor, action: "plan.read", recordType: "plan" });
    seqA = await checkpointRound(a, seqA);
    seqB = await checkpointRound(b, seqB);
    expect(seqB).toBe(0);
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { seq: number });
    expect(lines.map((l) => l.seq)).toEqual([40, 41]);
    expect(seqA).toBe(41);
    // The server log carries the same line, and nothing personal.
    expect(logged).toHaveLength(2);
    expect(logged[1]).toMatch(/^\[samsyn\] audit checkpoint seq=41 mac=[0-9a-f]{64} at=\S+$/);
    await releaseLease(first, "instance-a");
  });
});
