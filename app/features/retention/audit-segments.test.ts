import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { SYSTEM_ACTOR } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { genuineHead, type Checkpoint } from "~/features/audit/checkpoints.server";
import { auditKey } from "~/features/audit/key.server";
import { verifyAuditChain } from "~/features/audit/verify.server";
import { auditPrunePoint, pruneAuditSegments } from "./audit-segments.server";

const event = (n: number) => ({ actor: SYSTEM_ACTOR, action: "test.event", recordType: "test", details: { n } });

async function checkpointAt(seq: number): Promise<Checkpoint> {
  const row = await getDb().selectFrom("audit_events").select(["mac"]).where("seq", "=", seq).executeTakeFirstOrThrow();
  return { seq, mac: row.mac!, at: "2011-01-01T00:00:00.000Z" };
}

describe("old audit segments", () => {
  it("go only up to a checkpoint that covers them, and verification starts from it", async () => {
    const db = getDb();
    for (let n = 1; n <= 6; n++) await audit(db, event(n), new Date(`2010-0${n}-01T10:00:00.000Z`));
    const old = await checkpointAt(4);
    for (let n = 7; n <= 9; n++) await audit(db, event(n));
    const recent = await checkpointAt(8);
    const checkpoints = [old, recent];
    const key = auditKey();

    // Without a checkpoint nothing is removed, however old.
    expect(await auditPrunePoint(db, [])).toBeNull();
    // A checkpoint on a recent event does not cover anything past the ten years.
    expect((await auditPrunePoint(db, [recent]))?.seq).toBeUndefined();

    const outcome = await pruneAuditSegments(db, { key, checkpoints });
    expect(outcome).toMatchObject({ pruned: { seq: 4, events: 4 } });
    const left = await db.selectFrom("audit_events").select("seq").orderBy("seq").execute();
    expect(left[0].seq).toBe(5);

    const report = await verifyAuditChain(db, { key, checkpoints });
    expect(report).toMatchObject({ ok: true, findings: [] });
    expect(await genuineHead(db, key)).toMatchObject({ seq: expect.any(Number) });

    // The removal itself is an event, and the log goes on from where it was.
    const actions = await db.selectFrom("audit_events").select("action").execute();
    expect(actions.map((a) => a.action)).toContain("retention.audit_pruned");
    await audit(db, event(10));
    expect((await verifyAuditChain(db, { key, checkpoints })).ok).toBe(true);
  });

  it("the database refuses to delete any event the removal did not cover", async () => {
    await expect(getDb().deleteFrom("audit_events").where("seq", "=", 6).execute()).rejects.toThrow(/append-only/);
  });

  it("a removal recorded without the checkpoint outside the database shows as deleted events", async () => {
    const report = await verifyAuditChain(getDb(), { key: auditKey(), checkpoints: [] });
    expect(report.ok).toBe(false);
    expect(report.findings).toContainEqual({ kind: "deleted_middle", fromSeq: 1, toSeq: 4 });
  });

  it("the removal record only moves forward and is never changed", async () => {
    const db = getDb();
    await expect(
      db
        .insertInto("audit_prunes")
        .values({ seq: 2, hash: "x", mac: "y", checkpoint_at: "2011-01-01", pruned_at: "2026-01-01" })
        .execute(),
    ).rejects.toThrow();
    await expect(db.updateTable("audit_prunes").set({ seq: 9 }).execute()).rejects.toThrow();
    await expect(db.deleteFrom("audit_prunes").execute()).rejects.toThrow();
  });
});
