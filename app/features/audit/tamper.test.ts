// An attacker with write access to the database (but not to the key or the checkpoint file)
// tampers with the audit log in each way issue 11 lists; verification must name each one.
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type DB } from "#db/client.server";
import { migrateToLatest } from "#db/migrate";
import { migrations } from "#db/migrations/index";
import { newId } from "#db/portable";
import { audit } from "./audit.server";
import { eventHash, GENESIS_HASH, legacyHash } from "./chain.server";
import { checkpointRound, readCheckpoints, type CheckpointWriter } from "./checkpoints.server";
import { auditKey } from "./key.server";
import { verifyAuditChain } from "./verify.server";

const actor = { userId: "u1", organisationId: "o1" };
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function freshLog(events = 6, migrateTo?: string) {
  const dir = mkdtempSync(join(tmpdir(), "samsyn-tamper-"));
  const db = createDb(`file:${join(dir, "log.sqlite")}`);
  cleanups.push(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  if (migrateTo) {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo(migrateTo);
    if (error) throw error;
  } else {
    await migrateToLatest(db);
    for (let i = 1; i <= events; i++) await append(db, i);
  }
  const file = join(dir, "checkpoints.jsonl");
  const writer: CheckpointWriter = { db, key: auditKey(), file, holder: "test", leaseMs: 60_000, log: () => {} };
  return { db, file, writer };
}

const append = (db: DB, n: number) =>
  audit(db, { actor, action: "plan.read", recordType: "plan", recordId: `p${n}`, details: { n } });

async function verify(db: DB, file?: string) {
  const { checkpoints } = file ? await readCheckpoints(file) : { checkpoints: [] };
  return verifyAuditChain(db, { key: auditKey(), checkpoints });
}

/** What an attacker does first: the append-only triggers are only a speed bump for the database's owner. */
async function dropGuards(db: DB) {
  await sql`DROP TRIGGER audit_events_no_update`.execute(db);
  await sql`DROP TRIGGER audit_events_no_delete`.execute(db);
}

/** The unkeyed part of the chain is public arithmetic: the attacker recomputes it from `seq` on. */
async function recomputeHashes(db: DB, fromSeq: number) {
  const rows = await db.selectFrom("audit_events").selectAll().where("seq", ">=", fromSeq).orderBy("seq").execute();
  const before = await db
    .selectFrom("audit_events")
    .select("hash")
    .where("seq", "<", fromSeq)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  let prev = before?.hash ?? GENESIS_HASH;
  for (const row of rows) {
    const hash = eventHash(row, prev);
    await db.updateTable("audit_events").set({ prev_hash: prev, hash }).where("seq", "=", row.seq).execute();
    prev = hash;
  }
}

describe("audit chain verification", () => {
  it("passes an untouched log and compares it with the checkpoints", async () => {
    const { db, file, writer } = await freshLog(4);
    expect(await checkpointRound(writer, 0)).toBe(4);
    await append(db, 5);
    expect(await checkpointRound(writer, 4)).toBe(5);
    expect(await checkpointRound(writer, 5)).toBe(5);
    expect((await readCheckpoints(file)).checkpoints.map((c) => c.seq)).toEqual([4, 5]);
    expect(await verify(db, file)).toEqual({
      ok: true,
      checked: 5,
      lastSeq: 5,
      checkpoints: 2,
      findings: [],
      truncated: false,
    });
  });

  it("names an edited event", async () => {
    const { db, file, writer } = await freshLog();
    await checkpointRound(writer, 0);
    await dropGuards(db);
    await db.updateTable("audit_events").set({ user_id: "someone-else" }).where("seq", "=", 3).execute();
    expect((await verify(db, file)).findings).toEqual([{ kind: "edited_event", fromSeq: 3, toSeq: 3 }]);
  });

  it("names a deleted tail that a checkpoint saw", async () => {
    const { db, file, writer } = await freshLog();
    await checkpointRound(writer, 0);
    await dropGuards(db);
    await db.deleteFrom("audit_events").where("seq", ">=", 5).execute();
    // Without the checkpoint the shortened log would look whole.
    expect((await verify(db)).ok).toBe(true);
    expect((await verify(db, file)).findings).toEqual([{ kind: "deleted_tail", fromSeq: 5, toSeq: 6 }]);
  });

  it("names a deleted tail also when the log has gone on since", async () => {
    const { db, file, writer } = await freshLog();
    await checkpointRound(writer, 0);
    await dropGuards(db);
    await db.deleteFrom("audit_events").where("seq", ">=", 5).execute();
    for (let n = 7; n <= 9; n++) await append(db, n);
    expect((await verify(db, file)).findings).toEqual([{ kind: "deleted_tail", fromSeq: 6, toSeq: 6 }]);
  });

  it("names a deleted middle event even when the following hashes are recomputed", async () => {
    const { db, file, writer } = await freshLog();
    await checkpointRound(writer, 0);
    await dropGuards(db);
    await db.deleteFrom("audit_events").where("seq", "=", 3).execute();
    await recomputeHashes(db, 4);
    expect((await verify(db, file)).findings).toEqual([{ kind: "deleted_middle", fromSeq: 3, toSeq: 3 }]);
  });

  it("names an edited event whose chain was recomputed: the links fit, the MAC does not", async () => {
    const { db, file, writer } = await freshLog();
    await checkpointRound(writer, 0);
    await dropGuards(db);
    await db.updateTable("audit_events").set({ action: "plan.update" }).where("seq", "=", 3).execute();
    await recomputeHashes(db, 3);
    expect((await verify(db, file)).findings).toEqual([{ kind: "recomputed_chain", fromSeq: 3, toSeq: 3 }]);
  });

  it("names a forged event appended by someone without the key, and never checkpoints it", async () => {
    const { db, file, writer } = await freshLog();
    await checkpointRound(writer, 0);
    const head = await db.selectFrom("audit_events").selectAll().where("seq", "=", 6).executeTakeFirstOrThrow();
    const forged = { ...head, seq: 7, id: newId(), user_id: "intruder", record_id: "p-covered" };
    const hash = eventHash(forged, head.hash);
    // The attacker's best guess: a MAC under a key of their own.
    const mac = createHmac("sha256", randomBytes(32)).update(hash).digest("hex");
    await db
      .insertInto("audit_events")
      .values({ ...forged, prev_hash: head.hash, hash, mac })
      .execute();
    expect((await verify(db, file)).findings).toEqual([{ kind: "forged_event", fromSeq: 7, toSeq: 7 }]);
    const lines = readFileSync(file, "utf8");
    expect(await checkpointRound(writer, 6)).toBe(6);
    expect(readFileSync(file, "utf8")).toBe(lines);
  });

  it("names several kinds at once when events are deleted and renumbered", async () => {
    const { db, file, writer } = await freshLog();
    await checkpointRound(writer, 0);
    await dropGuards(db);
    await db.deleteFrom("audit_events").where("seq", "=", 3).execute();
    for (const seq of [4, 5, 6]) {
      await db
        .updateTable("audit_events")
        .set({ seq: seq - 1 })
        .where("seq", "=", seq)
        .execute();
    }
    await recomputeHashes(db, 3);
    expect((await verify(db, file)).findings).toEqual([
      { kind: "recomputed_chain", fromSeq: 3, toSeq: 5 },
      { kind: "deleted_tail", fromSeq: 6, toSeq: 6 },
    ]);
  });
});

describe("events written before the keyed chain", () => {
  const before = Object.keys(migrations)
    .sort()
    .filter((name) => name < "0010_audit_chain")
    .at(-1)!;

  async function legacyLog() {
    const log = await freshLog(0, before);
    let prev = GENESIS_HASH;
    for (let n = 1; n <= 3; n++) {
      const event = {
        id: newId(),
        occurred_at: new Date(Date.UTC(2024, 0, n)).toISOString(),
        user_id: "u1",
        organisation_id: "o1",
        action: "plan.read",
        record_type: "plan",
        record_id: `old${n}`,
        person_id: null,
        plan_id: null,
        outcome: "allowed" as const,
        details: null,
        prev_hash: prev,
      };
      prev = legacyHash(event);
      await log.db
        .insertInto("audit_events")
        .values({ ...event, hash: prev })
        .execute();
    }
    await migrateToLatest(log.db);
    for (let n = 4; n <= 5; n++) await append(log.db, n);
    return log;
  }

  it("still verify after the migration, under the old rule up to the recorded boundary", async () => {
    const { db } = await legacyLog();
    const boundary = await db.selectFrom("audit_chain").selectAll().executeTakeFirstOrThrow();
    expect(boundary.legacy_until_seq).toBe(3);
    const events = await db.selectFrom("audit_events").select(["seq", "mac"]).orderBy("seq").execute();
    expect(events.map((e) => [e.seq, e.mac === null])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, false],
      [5, false],
    ]);
    expect(await verify(db)).toMatchObject({ ok: true, checked: 5, findings: [] });
  });

  it("are protected too: an edit is found, and so is a recomputed old chain", async () => {
    const { db } = await legacyLog();
    await dropGuards(db);
    await db.updateTable("audit_events").set({ record_id: "changed" }).where("seq", "=", 2).execute();
    expect((await verify(db)).findings).toEqual([{ kind: "edited_event", fromSeq: 2, toSeq: 2 }]);

    // Recomputing the old rule from the edit on, and the new rule's hashes after it.
    const rows = await db.selectFrom("audit_events").selectAll().where("seq", "<=", 3).orderBy("seq").execute();
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const hash = legacyHash({ ...row, prev_hash: prev });
      await db.updateTable("audit_events").set({ prev_hash: prev, hash }).where("seq", "=", row.seq).execute();
      prev = hash;
    }
    await recomputeHashes(db, 4);
    expect((await verify(db)).findings).toEqual([{ kind: "recomputed_chain", fromSeq: 3, toSeq: 3 }]);
  });

  it("cannot be declared old afterwards: the boundary is as fixed as the log", async () => {
    const { db } = await legacyLog();
    await expect(db.updateTable("audit_chain").set({ legacy_until_seq: 5 }).execute()).rejects.toThrow(/fixed/);
    await expect(db.deleteFrom("audit_chain").execute()).rejects.toThrow(/fixed/);
  });
});
