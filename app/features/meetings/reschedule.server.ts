// Moving and cancelling a meeting: only its convener or the plan's lead user may, only while it
// is scheduled. Every staff invitee hears of it, and calendar programs replace the old entry
// (same UID, higher SEQUENCE).
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";
import type { AccessUser } from "~/features/access/access.server";
import { notify } from "~/features/notifications/notifications.server";
import { recordHistory } from "~/features/plans/history.server";
import { sendMail } from "~/lib/mail.server";
import { fail, notFoundFailure, ok, type Result } from "~/lib/result";
import { todayInStockholm } from "~/lib/time";
import { staffToTell } from "./invitees.server";
import {
  auditMeeting,
  canManage,
  localTime,
  meetingAccessFor,
  meetingPath,
  refuse,
  type ManageFailure,
} from "./meeting-access.server";
import { meetingMails } from "./meeting-mail.server";
import type { WhenWhere } from "./meeting-types";

export type ManageResult = Result<undefined, ManageFailure>;

export async function rescheduleMeeting(
  db: DB,
  user: AccessUser,
  meetingId: string,
  input: WhenWhere,
  today = todayInStockholm(),
): Promise<ManageResult> {
  const result = await db.transaction().execute(async (trx) => {
    const found = await meetingAccessFor(trx, user, meetingId, "meeting.reschedule", today);
    if (!found) return notFoundFailure();
    const { access, meeting } = found;
    if (!canManage(user, meeting)) return refuse(trx, user, access, "meeting.reschedule", meetingId, "not_allowed");
    if (meeting.status !== "scheduled") return fail("not_scheduled");
    const tell = await staffToTell(trx, meetingId, meeting.organiserId);
    await trx
      .updateTable("meetings")
      .set({
        starts_at: input.startsAt,
        duration_minutes: input.durationMinutes,
        place: input.place,
        video_link: input.videoLink,
        sequence: meeting.sequence + 1,
        updated_at: nowIso(),
      })
      .where("id", "=", meetingId)
      .execute();
    // A new time needs a new answer.
    if (tell.length > 0) {
      await trx
        .updateTable("meeting_invitees")
        .set({ response: "pending", response_reason: null, responded_at: null })
        .where(
          "id",
          "in",
          tell.map((t) => t.id),
        )
        .execute();
    }
    await notify(trx, {
      userIds: tell.map((t) => t.userId),
      kind: "meeting.rescheduled",
      link: meetingPath(meetingId),
      planId: access.planId,
    });
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "meeting.reschedule",
      before: { meetingAt: localTime(meeting.startsAt) },
      after: { meetingAt: localTime(input.startsAt) },
    });
    await auditMeeting(trx, user, access, "meeting.reschedule", meetingId, {
      details: { sequence: meeting.sequence + 1 },
    });
    return ok(tell.map((t) => t.userId));
  });
  if (!result.ok) return result;
  await sendMail(db, await meetingMails(db, meetingId, { kind: "rescheduled", onlyUserIds: result.value }));
  return ok();
}

export async function cancelMeeting(
  db: DB,
  user: AccessUser,
  meetingId: string,
  reason: string,
  today = todayInStockholm(),
): Promise<ManageResult> {
  const result = await db.transaction().execute(async (trx) => {
    const found = await meetingAccessFor(trx, user, meetingId, "meeting.cancel", today);
    if (!found) return notFoundFailure();
    const { access, meeting } = found;
    if (!canManage(user, meeting)) return refuse(trx, user, access, "meeting.cancel", meetingId, "not_allowed");
    if (meeting.status !== "scheduled") return fail("not_scheduled");
    const tell = await staffToTell(trx, meetingId, meeting.organiserId);
    const stamp = nowIso();
    await trx
      .updateTable("meetings")
      .set({
        status: "cancelled",
        sequence: meeting.sequence + 1,
        cancelled_at: stamp,
        cancelled_by: user.id,
        cancel_reason: reason,
        updated_at: stamp,
      })
      .where("id", "=", meetingId)
      .execute();
    await notify(trx, {
      userIds: tell.map((t) => t.userId),
      kind: "meeting.cancelled",
      link: meetingPath(meetingId),
      planId: access.planId,
    });
    await recordHistory(trx, { planId: access.planId, userId: user.id, change: "meeting.cancel", after: { reason } });
    await auditMeeting(trx, user, access, "meeting.cancel", meetingId);
    return ok(tell.map((t) => t.userId));
  });
  if (!result.ok) return result;
  await sendMail(db, await meetingMails(db, meetingId, { kind: "cancelled", onlyUserIds: result.value }));
  return ok();
}
