// An invitee's answer to a summons or invitation: accept, or decline with a reason and
// optionally a colleague who comes instead.
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";
import { coveredOrganisationIds, type AccessUser } from "~/features/access/access.server";
import { notify } from "~/features/notifications/notifications.server";
import { recordHistory } from "~/features/plans/history.server";
import { sendMail } from "~/lib/mail.server";
import { fail, notFoundFailure, ok, type Result } from "~/lib/result";
import { todayInStockholm } from "~/lib/time";
import { ensureOnTeam, inviteeValues, isCaseworker } from "./invitees.server";
import { auditMeeting, meetingAccessFor, meetingPath, refuse } from "./meeting-access.server";
import { meetingMails } from "./meeting-mail.server";

export interface ResponseInput {
  response: "accepted" | "declined";
  reason?: string | null;
  replacementUserId?: string | null;
}

/** not_invited: the user is not an invitee who answers (the convener is not); refused like not_found. */
export type RespondResult = Result<undefined, "not_invited" | "not_scheduled" | "reason_required" | "bad_replacement">;

export async function respondToMeeting(
  db: DB,
  user: AccessUser,
  meetingId: string,
  input: ResponseInput,
  today = todayInStockholm(),
): Promise<RespondResult> {
  const result = await db.transaction().execute(async (trx) => {
    const found = await meetingAccessFor(trx, user, meetingId, "meeting.respond", today);
    if (!found) return notFoundFailure();
    const { access, meeting } = found;
    const mine = await trx
      .selectFrom("meeting_invitees")
      .select(["id", "kind", "replaced_by"])
      .where("meeting_id", "=", meetingId)
      .where("party", "=", "staff")
      .where("user_id", "=", user.id)
      .executeTakeFirst();
    if (!mine || user.id === meeting.organiserId)
      return refuse(trx, user, access, "meeting.respond", meetingId, "not_invited");
    if (meeting.status !== "scheduled") return fail("not_scheduled");
    const reason = input.reason?.trim() || null;
    if (input.response === "declined" && !reason) return fail("reason_required");

    // A replacement is a caseworker of the decliner's own organisation, covered on the plan, not yet invited.
    const replacement =
      input.response === "declined" && input.replacementUserId
        ? await trx
            .selectFrom("users")
            .innerJoin("organisations", "organisations.id", "users.organisation_id")
            .select([
              "users.id",
              "users.name",
              "users.organisation_id",
              "organisations.name as organisation_name",
              "organisations.kind",
            ])
            .where("users.id", "=", input.replacementUserId)
            .where("users.organisation_id", "=", user.organisationId)
            .where("users.disabled_at", "is", null)
            .where(isCaseworker)
            .where("users.id", "not in", (eb) =>
              eb
                .selectFrom("meeting_invitees")
                .select("meeting_invitees.user_id")
                .where("meeting_invitees.meeting_id", "=", meetingId)
                .where("meeting_invitees.user_id", "is not", null)
                .$narrowType<{ user_id: string }>(),
            )
            .executeTakeFirst()
        : undefined;
    if (input.response === "declined" && input.replacementUserId) {
      const covered = await coveredOrganisationIds(trx, access.planId, today);
      if (
        !replacement ||
        (replacement.organisation_id !== access.leadOrganisationId && !covered.has(replacement.organisation_id))
      )
        return fail("bad_replacement");
    }

    const stamp = nowIso();
    let replacedBy: string | null = mine.replaced_by;
    if (replacement) {
      const row = inviteeValues(meetingId, stamp, {
        party: "staff",
        kind: mine.kind,
        userId: replacement.id,
        organisationId: replacement.organisation_id,
        organisationKind: replacement.kind,
      });
      replacedBy = row.id;
      await trx.insertInto("meeting_invitees").values(row).execute();
      await ensureOnTeam(trx, user, access, {
        id: replacement.id,
        name: replacement.name,
        organisationName: replacement.organisation_name,
      });
      await notify(trx, {
        userIds: [replacement.id],
        kind: `meeting.${mine.kind}`,
        link: meetingPath(meetingId),
        planId: access.planId,
      });
    }
    await trx
      .updateTable("meeting_invitees")
      .set({
        response: input.response,
        response_reason: input.response === "declined" ? reason : null,
        responded_at: stamp,
        replaced_by: replacedBy,
      })
      .where("id", "=", mine.id)
      .execute();
    if (input.response === "declined") {
      await notify(trx, {
        userIds: [meeting.organiserId],
        kind: "meeting.declined",
        link: meetingPath(meetingId),
        planId: access.planId,
      });
    }
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "meeting.respond",
      after: { response: input.response, ...(replacement ? { replacement: replacement.name } : {}) },
    });
    await auditMeeting(trx, user, access, "meeting.respond", meetingId, {
      details: { response: input.response, replaced: Boolean(replacement) },
    });
    return ok(replacement?.id ?? null);
  });
  if (!result.ok) return result;
  if (result.value)
    await sendMail(db, await meetingMails(db, meetingId, { kind: "request", onlyUserIds: [result.value] }));
  return ok();
}
