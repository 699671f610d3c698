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
 * The one place that numbers and chains events: one read of the head, one insert of all of them,
 * inside the caller's transaction. SQLite transactions begin IMMEDIATE (db/client.server.ts), so
 * the head cannot move between the read and the insert; on PostgreSQL every transaction takes an
 * advisory lock when it begins (holdWriteLock), which does the same across every app instance. Either way the primary key on seq refuses a second writer of the same number,
 * so two writers can never both extend the chain from one head.
 */
async function appendInto(trx: DB, entries: { input: AuditInput; now: Date }[]): Promise<void> {
  await holdWriteLock(trx);
  // The newest event by its key (max(seq) is answered from the primary key's end), not
  // `ORDER BY seq DESC LIMIT 1`, which reads as a scan of the whole log in the query plans.
  const head = await trx
    .selectFrom("audit_events")
    .select(["seq", "hash", "mac"])
    .where("seq", "=", (eb) => eb.selectFrom("audit_events").select((e) => e.fn.max("seq").as("max")))
    .executeTakeFirst();
  let seq = head ? Number(head.seq) : 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const key = auditKey();
  // The head has no MAC only when it is the last event of the old unkeyed chain (or there is none).
  let prevMac = head?.mac ?? genesisMac(key, seq, prevHash);
  const rows = entries.map(({ input, now }) => {
    const event = {
      seq: ++seq,
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
    const row = { ...event, prev_hash: prevHash, hash: eventHash(event, prevHash), mac: eventMac(key, event, prevMac) };
    prevHash = row.hash;
    prevMac = row.mac;
    return row;
  });
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await trx
      .insertInto("audit_events")
      .values(rows.slice(i, i + INSERT_BATCH))
      .execute();
  }
}

/** Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters. */
const INSERT_BATCH = 100;

interface Pending {
  input: AuditInput;
  now: Date;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Events audited outside a transaction (reads, mostly) are appended in groups: every event that
 * arrives while one group is being committed goes into the next group's single transaction, so
 * sixteen concurrent page reads cost one commit (and one fsync) instead of sixteen. Each caller's
 * promise settles only when its own event is committed, so a read's event is on disk before the
 * page is sent.
 */
class AuditQueue {
  private pending: Pending[] = [];
  private flushing = false;

  constructor(private readonly db: DB) {}

  append(input: AuditInput, now: Date): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, now, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const group = this.pending;
        this.pending = [];
        try {
          await this.db.transaction().execute((trx) => appendInto(trx, group));
          for (const p of group) p.resolve();
        } catch (error) {
          if (group.length === 1) group[0].reject(error);
          // One bad event must not fail its neighbours: append the group one by one instead.
          else await this.appendOneByOne(group);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async appendOneByOne(group: Pending[]): Promise<void> {
    for (const p of group) {
      try {
        await this.db.transaction().execute((trx) => appendInto(trx, [p]));
        p.resolve();
      } catch (error) {
        p.reject(error);
      }
    }
  }
}

const queues = new WeakMap<DB, AuditQueue>();

/**
 * Appends one event. Inside a transaction it joins it; otherwise it is committed with the events
 * of concurrent requests in one transaction of its own, before the returned promise resolves.
 */
export async function audit(db: DB, input: AuditInput, now = new Date()): Promise<void> {
  if (db.isTransaction) return appendInto(db, [{ input, now }]);
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = new AuditQueue(db)));
  await queue.append(input, now);
}
