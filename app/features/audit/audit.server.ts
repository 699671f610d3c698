// The audit trail: append-only (the database refuses UPDATE and DELETE), numbered without gaps
// and chained by a keyed MAC, so an edited, deleted, recomputed or forged event is detectable
// (docs/decisions/0012-audit-chain.md; verification in verify.server.ts).
import type { DB } from "#db/client.server";
import { holdWriteLock, newId, nowIso, toJson } from "#db/portable";
import type { Actor } from "~/features/access/current-user";
import { eventHash, eventMac, GENESIS_HASH, genesisMac } from "./chain.server";
import { auditKey } from "./key.server";

export { GENESIS_HASH };
export type { Actor };

export interface AuditInput {
  actor: Actor;
  action: string;
  recordType: string;
  recordId?: string | null;
  personId?: string | null;
  planId?: string | null;
  outcome?: "allowed" | "denied";
  /** Never passwords, tokens, session ids or identity numbers. */
  details?: Record<string, unknown>;
}

/**
 * The one place that numbers and chains an event: one read of the head, one insert, inside the
 * caller's transaction. SQLite transactions begin IMMEDIATE (db/client.server.ts), so the head
 * cannot move between the read and the insert; on PostgreSQL every transaction takes an advisory
 * lock when it begins, which does the same across every app instance. Either way the primary key on seq refuses a second writer of the same number, so two
 * writers can never both extend the chain from one head.
 */
async function appendInto(trx: DB, input: AuditInput, now: Date): Promise<void> {
  await holdWriteLock(trx);
  const head = await trx
    .selectFrom("audit_events")
    .select(["seq", "hash", "mac"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const headSeq = head ? Number(head.seq) : 0;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const key = auditKey();
  // The head has no MAC only when it is the last event of the old unkeyed chain (or there is none).
  const prevMac = head?.mac ?? genesisMac(key, headSeq, prevHash);
  const event = {
    seq: headSeq + 1,
    id: newId(),
    occurred_at: nowIso(now),
    user_id: input.actor.userId,
    organisation_id: input.actor.organisationId,
    action: input.action,
    record_type: input.recordType,
    record_id: input.recordId ?? null,
    person_id: input.personId ?? null,
    plan_id: input.planId ?? null,
    outcome: input.outcome ?? ("allowed" as const),
    details: input.details ? toJson(input.details) : null,
  };
  await trx
    .insertInto("audit_events")
    .values({
      ...event,
      prev_hash: prevHash,
      hash: eventHash(event, prevHash),
      mac: eventMac(key, event, prevMac),
    })
    .execute();
}

/** Appends one event. Inside a transaction it joins it; otherwise it opens its own. */
export async function audit(db: DB, input: AuditInput, now = new Date()): Promise<void> {
  if (db.isTransaction) return appendInto(db, input, now);
  await db.transaction().execute((trx) => appendInto(trx, input, now));
}
