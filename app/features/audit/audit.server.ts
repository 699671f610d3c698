// The audit trail: append-only (the database refuses UPDATE and DELETE) and
// chained by hash, so a changed or removed event breaks the chain.
import { createHash } from "node:crypto";
import type { DB } from "#db/client.server";
import { newId, nowIso, toJson } from "#db/portable";
import type { AuditEvent } from "#db/schema";

export const GENESIS_HASH = "0".repeat(64);

export interface Actor {
  userId: string | null;
  organisationId: string | null;
}

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

type HashedFields = Omit<AuditEvent, "seq" | "hash">;

function hashEvent(event: HashedFields): string {
  const canonical = [
    event.id,
    event.occurred_at,
    event.user_id,
    event.organisation_id,
    event.action,
    event.record_type,
    event.record_id,
    event.person_id,
    event.plan_id,
    event.outcome,
    event.details,
    event.prev_hash,
  ];
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

async function appendInto(trx: DB, input: AuditInput, now: Date): Promise<void> {
  const last = await trx.selectFrom("audit_events").select("hash").orderBy("seq", "desc").limit(1).executeTakeFirst();
  const event: HashedFields = {
    id: newId(),
    occurred_at: nowIso(now),
    user_id: input.actor.userId,
    organisation_id: input.actor.organisationId,
    action: input.action,
    record_type: input.recordType,
    record_id: input.recordId ?? null,
    person_id: input.personId ?? null,
    plan_id: input.planId ?? null,
    outcome: input.outcome ?? "allowed",
    details: input.details ? toJson(input.details) : null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto("audit_events")
    .values({ ...event, hash: hashEvent(event) })
    .execute();
}

/** Appends one event. Inside a transaction it joins it; otherwise it opens its own. */
export async function audit(db: DB, input: AuditInput, now = new Date()): Promise<void> {
  if (db.isTransaction) return appendInto(db, input, now);
  await db.transaction().execute((trx) => appendInto(trx, input, now));
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** The sequence number of the first event that does not match its hash or its predecessor. */
  brokenAt?: number;
}

/** Recomputes the chain from the start; the auditor's tamper check. */
export async function verifyAuditChain(db: DB): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  let checked = 0;
  let after = 0;
  for (;;) {
    const batch = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(5000)
      .execute();
    if (batch.length === 0) return { ok: true, checked };
    for (const event of batch) {
      const { seq, hash, ...fields } = event;
      if (fields.prev_hash !== prev || hashEvent(fields) !== hash) return { ok: false, checked, brokenAt: seq };
      prev = hash;
      checked++;
      after = seq;
    }
  }
}

export interface AuditFilter {
  organisationId: string;
  userId?: string;
  personId?: string;
  planId?: string;
  /** YYYY-MM-DD, inclusive, Europe/Stockholm days approximated in UTC bounds. */
  from?: string;
  to?: string;
  page: number;
}

/** Log review: events by the users of one organisation, newest first. */
export async function searchAuditEvents(db: DB, filter: AuditFilter, pageSize = 50) {
  let query = db
    .selectFrom("audit_events")
    .leftJoin("users", "users.id", "audit_events.user_id")
    .where("audit_events.organisation_id", "=", filter.organisationId);
  if (filter.userId) query = query.where("audit_events.user_id", "=", filter.userId);
  if (filter.personId) query = query.where("audit_events.person_id", "=", filter.personId);
  if (filter.planId) query = query.where("audit_events.plan_id", "=", filter.planId);
  if (filter.from) query = query.where("audit_events.occurred_at", ">=", `${filter.from}T00:00:00.000Z`);
  if (filter.to) query = query.where("audit_events.occurred_at", "<=", `${filter.to}T23:59:59.999Z`);
  const [items, count] = await Promise.all([
    query
      .select([
        "audit_events.seq",
        "audit_events.occurred_at",
        "audit_events.action",
        "audit_events.record_type",
        "audit_events.record_id",
        "audit_events.plan_id",
        "audit_events.outcome",
        "users.name as user_name",
      ])
      .orderBy("audit_events.seq", "desc")
      .limit(pageSize)
      .offset((filter.page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return {
    items,
    total: Number(count.total),
    page: filter.page,
    pageSize,
    pages: Math.max(1, Math.ceil(Number(count.total) / pageSize)),
  };
}
