// Old audit segments: the chain is one line through every organisation's events, so only a
// prefix can go, and only up to a checkpoint kept outside the database that names an event
// older than every organisation's audit period. The checkpoint's event (seq, hash, MAC) is
// recorded in audit_prunes, and verification starts from it (verify.server.ts); the database
// lets no event newer than it be deleted.
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";
import { SYSTEM_ACTOR, type Actor } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import type { Checkpoint } from "~/features/audit/checkpoints.server";
import { verifyAuditChain } from "~/features/audit/verify.server";
import { organisationRules } from "./settings.server";

export interface PrunePoint {
  /** Events up to and including this seq can go. */
  seq: number;
  hash: string;
  mac: string;
  checkpointAt: string;
  /** How many events that removes. */
  events: number;
}

/** The longest audit period of any organisation, in years: the chain is shared. */
export async function auditKeepYears(db: DB): Promise<number> {
  let years = 10;
  for (const r of (await organisationRules(db)).values()) years = Math.max(years, r.rule.auditYears);
  return years;
}

function yearsBefore(now: Date, years: number): string {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString();
}

/** The newest checkpoint that covers only events past the period, if any. */
export async function auditPrunePoint(db: DB, checkpoints: Checkpoint[], now = new Date()): Promise<PrunePoint | null> {
  const cutoff = yearsBefore(now, await auditKeepYears(db));
  const [pruned, head, chain] = await Promise.all([
    db.selectFrom("audit_prunes").select("seq").orderBy("seq", "desc").limit(1).executeTakeFirst(),
    db.selectFrom("audit_events").select("seq").orderBy("seq", "desc").limit(1).executeTakeFirst(),
    db.selectFrom("audit_chain").select("legacy_until_seq").where("id", "=", "main").executeTakeFirst(),
  ]);
  const from = Math.max(Number(pruned?.seq ?? 0), Number(chain?.legacy_until_seq ?? 0));
  // The head stays: the next event is numbered and chained from it.
  const headSeq = Number(head?.seq ?? 0);
  const candidates = checkpoints.filter((c) => c.seq > from && c.seq < headSeq).sort((a, b) => b.seq - a.seq);
  for (const c of candidates) {
    const event = await db
      .selectFrom("audit_events")
      .select(["seq", "hash", "mac", "occurred_at"])
      .where("seq", "=", c.seq)
      .executeTakeFirst();
    if (!event || event.mac !== c.mac || event.occurred_at >= cutoff) continue;
    return { seq: c.seq, hash: event.hash, mac: c.mac, checkpointAt: c.at, events: c.seq - from };
  }
  return null;
}

export type PruneOutcome = { pruned: PrunePoint | null } | { refused: "chain_not_verified" };

/**
 * Removes the segment up to the prune point, after verifying the chain: a log that shows
 * tampering is evidence and is not cut.
 */
export async function pruneAuditSegments(
  db: DB,
  {
    key,
    checkpoints,
    now = new Date(),
    actor = SYSTEM_ACTOR,
  }: { key: Buffer; checkpoints: Checkpoint[]; now?: Date; actor?: Actor },
): Promise<PruneOutcome> {
  const point = await auditPrunePoint(db, checkpoints, now);
  if (!point) return { pruned: null };
  const report = await verifyAuditChain(db, { key, checkpoints });
  if (!report.ok) return { refused: "chain_not_verified" };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("audit_prunes")
      .values({
        seq: point.seq,
        hash: point.hash,
        mac: point.mac,
        checkpoint_at: point.checkpointAt,
        pruned_at: nowIso(now),
      })
      .execute();
    await trx.deleteFrom("audit_events").where("seq", "<=", point.seq).execute();
    await audit(trx, {
      actor,
      action: "retention.audit_pruned",
      recordType: "audit_log",
      details: { upToSeq: point.seq, events: point.events },
    });
  });
  return { pruned: point };
}
