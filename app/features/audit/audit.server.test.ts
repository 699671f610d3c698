import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { dropTrigger } from "../../../test/engine";
import { audit, GENESIS_HASH } from "./audit.server";
import { auditKey } from "./key.server";
import { verifyAuditChain } from "./verify.server";

const actor = { userId: "u1", organisationId: "o1" };

describe("audit trail", () => {
  it("chains every event to the one before", async () => {
    const db = getDb();
    await audit(db, { actor, action: "plan.read", recordType: "plan", recordId: "p1" });
    await audit(db, { actor, action: "plan.update", recordType: "plan", recordId: "p1" });
    const events = await db.selectFrom("audit_events").selectAll().orderBy("seq").execute();
    expect(events[0].prev_hash).toBe(GENESIS_HASH);
    expect(events[1].prev_hash).toBe(events[0].hash);
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
    expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.mac ?? ""))).toBe(true);
    expect(await verifyAuditChain(db, { key: auditKey() })).toMatchObject({
      ok: true,
      checked: events.length,
      findings: [],
    });
  });

  it("cannot be changed or deleted: the database refuses", async () => {
    const db = getDb();
    await audit(db, { actor, action: "plan.read", recordType: "plan", recordId: "p2" });
    await expect(db.updateTable("audit_events").set({ action: "nothing" }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_events").execute()).rejects.toThrow(/append-only/);
  });

  it("detects tampering when someone gets past the triggers", async () => {
    const db = getDb();
    await audit(db, { actor, action: "person.read", recordType: "person", recordId: "x" });
    await audit(db, { actor, action: "person.read", recordType: "person", recordId: "y" });
    const target = await db
      .selectFrom("audit_events")
      .select("seq")
      .where("record_id", "=", "x")
      .executeTakeFirstOrThrow();
    await dropTrigger(db, "audit_events_no_update", "audit_events");
    await db.updateTable("audit_events").set({ user_id: "someone-else" }).where("seq", "=", target.seq).execute();
    const check = await verifyAuditChain(db, { key: auditKey() });
    expect(check.ok).toBe(false);
    expect(check.findings).toEqual([{ kind: "edited_event", fromSeq: target.seq, toSeq: target.seq }]);
  });
});
