// Frozen summaries: a stored copy of the (already suppressed) figures for a steering-group
// meeting. Never edited: it can be released to the steering group, or withdrawn with a reason.
import type { DB } from "#db/client.server";
import { fromJson, newId, nowIso, toJson } from "#db/portable";
import { audit } from "~/features/audit/audit.server";
import type { SummaryFigures } from "./summaries.server";

type Actor = { id: string; organisationId: string };

export async function freezeSnapshot(
  db: DB,
  user: Actor,
  input: { partnershipId: string; figures: SummaryFigures; meetingName: string; meetingDate: string },
): Promise<string> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("summary_snapshots")
      .values({
        id,
        partnership_id: input.partnershipId,
        period_key: input.figures.period.key,
        period_label: input.figures.period.label,
        meeting_name: input.meetingName,
        meeting_date: input.meetingDate,
        figures: toJson(input.figures),
        created_by: user.id,
        created_at: nowIso(),
      })
      .execute();
    await audit(trx, {
      actor: { userId: user.id, organisationId: user.organisationId },
      action: "summary.freeze",
      recordType: "summary_snapshot",
      recordId: id,
    });
  });
  return id;
}

export async function releaseSnapshot(db: DB, user: Actor, id: string): Promise<boolean> {
  const result = await db
    .updateTable("summary_snapshots")
    .set({ released_at: nowIso(), released_by: user.id })
    .where("id", "=", id)
    .where("released_at", "is", null)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  await audit(db, {
    actor: { userId: user.id, organisationId: user.organisationId },
    action: "summary.release",
    recordType: "summary_snapshot",
    recordId: id,
  });
  return Number(result.numUpdatedRows) > 0;
}

export async function withdrawSnapshot(db: DB, user: Actor, id: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable("summary_snapshots")
    .set({ withdrawn_at: nowIso(), withdrawn_by: user.id, withdrawal_reason: reason })
    .where("id", "=", id)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  await audit(db, {
    actor: { userId: user.id, organisationId: user.organisationId },
    action: "summary.withdraw",
    recordType: "summary_snapshot",
    recordId: id,
  });
  return Number(result.numUpdatedRows) > 0;
}

export async function getSnapshot(db: DB, id: string) {
  const row = await db
    .selectFrom("summary_snapshots")
    .innerJoin("partnerships", "partnerships.id", "summary_snapshots.partnership_id")
    .innerJoin("users", "users.id", "summary_snapshots.created_by")
    .selectAll("summary_snapshots")
    .select(["partnerships.name as partnership_name", "users.name as created_by_name"])
    .where("summary_snapshots.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, figures: fromJson<SummaryFigures>(row.figures, null as never) };
}

export type Snapshot = NonNullable<Awaited<ReturnType<typeof getSnapshot>>>;

/** Snapshots of the given partnerships; steering members see only released, not withdrawn ones. */
export async function listSnapshots(db: DB, partnershipIds: string[], { releasedOnly }: { releasedOnly: boolean }) {
  let query = db
    .selectFrom("summary_snapshots")
    .innerJoin("partnerships", "partnerships.id", "summary_snapshots.partnership_id")
    .select([
      "summary_snapshots.id",
      "summary_snapshots.partnership_id",
      "summary_snapshots.period_key",
      "summary_snapshots.period_label",
      "summary_snapshots.meeting_name",
      "summary_snapshots.meeting_date",
      "summary_snapshots.created_at",
      "summary_snapshots.released_at",
      "summary_snapshots.withdrawn_at",
      "partnerships.name as partnership_name",
    ])
    .where("summary_snapshots.partnership_id", "in", partnershipIds.length ? partnershipIds : [""]);
  if (releasedOnly)
    query = query
      .where("summary_snapshots.released_at", "is not", null)
      .where("summary_snapshots.withdrawn_at", "is", null);
  return query
    .orderBy("summary_snapshots.meeting_date", "desc")
    .orderBy("summary_snapshots.created_at", "desc")
    .limit(200)
    .execute();
}
