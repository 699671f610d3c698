// Frozen summaries: a stored copy of the (already suppressed) figures for a steering-group
// meeting. Never edited: a coordinator releases it to the steering group, or retracts it with a
// reason. Each command guards, checks its rules and audits inside its own transaction.
import type { DB } from "#db/client.server";
import { newId, nowIso, toJson } from "#db/portable";
import { actorOf, type CurrentUser } from "~/features/access/current-user";
import { mayPrepareSummaries } from "~/features/access/snapshot-policy";
import { audit } from "~/features/audit/audit.server";
import { isIsoDate } from "~/lib/time";
import { fail, notFoundFailure, ok, type Result } from "~/lib/result";
import type { Period } from "./periods";
import { withImprovementRegister } from "~/features/improvements/register-figures.server";
import { computeSummary } from "./summaries.server";

export const MEETING_NAME_MAX = 150;
export const RETRACTION_REASON_MAX = 1000;

/** Figures computed from the data as it is now and stored with the meeting they were frozen for. */
export async function freezeSummary(
  db: DB,
  user: CurrentUser,
  input: { partnershipId: string; period: Period; meetingName: string; meetingDate: string },
  now = new Date(),
): Promise<Result<{ id: string }, "invalid">> {
  const meetingName = input.meetingName.trim();
  const fields: Record<string, string> = {};
  if (!meetingName) fields.meetingName = "required";
  else if (meetingName.length > MEETING_NAME_MAX) fields.meetingName = "too_long";
  if (!isIsoDate(input.meetingDate)) fields.meetingDate = "date";
  if (!mayPrepareSummaries(user, input.partnershipId)) return notFoundFailure();
  const partnership = await db
    .selectFrom("partnerships")
    .select("id")
    .where("id", "=", input.partnershipId)
    .executeTakeFirst();
  if (!partnership) return notFoundFailure();
  if (Object.keys(fields).length) return fail("invalid", { fields });
  // Computed before the transaction: it reads for a while, and a transaction holds the write lock.
  const figures = await withImprovementRegister(
    db,
    await computeSummary(db, partnership.id, input.period, now),
    partnership.id,
    input.period,
    now,
  );
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("summary_snapshots")
      .values({
        id,
        partnership_id: partnership.id,
        period_key: figures.period.key,
        period_label: figures.period.label,
        meeting_name: meetingName,
        meeting_date: input.meetingDate,
        figures: toJson(figures),
        created_by: user.id,
        created_at: nowIso(now),
      })
      .execute();
    await audit(trx, {
      actor: actorOf(user),
      action: "summary.freeze",
      recordType: "summary_snapshot",
      recordId: id,
    });
  });
  return ok({ id });
}

/** The snapshot as its partnership's coordinator may change it; anyone else finds nothing. */
async function snapshotToManage(trx: DB, user: CurrentUser, id: string) {
  const row = await trx
    .selectFrom("summary_snapshots")
    .select(["id", "partnership_id", "released_at", "retracted_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row && mayPrepareSummaries(user, row.partnership_id) ? row : undefined;
}

/** Releases to the steering group. Releasing again changes nothing; a retracted one stays retracted. */
export async function releaseSnapshot(
  db: DB,
  user: CurrentUser,
  id: string,
  now = new Date(),
): Promise<Result<void, "retracted">> {
  return db.transaction().execute(async (trx) => {
    const snapshot = await snapshotToManage(trx, user, id);
    if (!snapshot) return notFoundFailure();
    if (snapshot.retracted_at) return fail("retracted");
    if (snapshot.released_at) return ok(undefined);
    await trx
      .updateTable("summary_snapshots")
      .set({ released_at: nowIso(now), released_by: user.id })
      .where("id", "=", snapshot.id)
      .execute();
    await audit(trx, {
      actor: actorOf(user),
      action: "summary.release",
      recordType: "summary_snapshot",
      recordId: snapshot.id,
    });
    return ok(undefined);
  });
}

/**
 * Takes a snapshot back from the steering group, with the reason the coordinator gives (kept to
 * RETRACTION_REASON_MAX characters). Retracting again changes nothing.
 */
export async function retractSnapshot(
  db: DB,
  user: CurrentUser,
  id: string,
  reason: string,
  now = new Date(),
): Promise<Result<void, "invalid">> {
  const given = reason.trim();
  return db.transaction().execute(async (trx) => {
    const snapshot = await snapshotToManage(trx, user, id);
    if (!snapshot) return notFoundFailure();
    if (!given) return fail("invalid", { fields: { reason: "required" } });
    if (snapshot.retracted_at) return ok(undefined);
    await trx
      .updateTable("summary_snapshots")
      .set({
        retracted_at: nowIso(now),
        retracted_by: user.id,
        retraction_reason: given.slice(0, RETRACTION_REASON_MAX),
      })
      .where("id", "=", snapshot.id)
      .execute();
    // The audit log's name for this action predates the word "retract"; kept so the log reads one way.
    await audit(trx, {
      actor: actorOf(user),
      action: "summary.withdraw",
      recordType: "summary_snapshot",
      recordId: snapshot.id,
    });
    return ok(undefined);
  });
}
