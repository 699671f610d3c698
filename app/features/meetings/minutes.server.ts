// Recording a held meeting: who attended, the minutes, and the plan's next follow-up, which the
// meeting sets (DESIGN.md "follow-up").
import type { DB } from "#db/client.server";
import { nowIso, toBool } from "#db/portable";
import type { AccessUser } from "~/features/access/access.server";
import { recordHistory } from "~/features/plans/history.server";
import { recordFollowUp } from "~/features/plans/plan-parts.server";
import { getFixedT } from "~/lib/i18n.server";
import { fail, notFoundFailure, ok, type Result } from "~/lib/result";
import { todayInStockholm } from "~/lib/time";
import {
  auditMeeting,
  canManage,
  localTime,
  meetingAccessFor,
  refuse,
  type ManageFailure,
} from "./meeting-access.server";
import { utcToStockholm } from "./meeting-time";

export interface RecordInput {
  attendedInviteeIds: string[];
  minutes: string;
  /** YYYY-MM-DD, after the meeting's day. */
  nextFollowUp: string;
}

export type RecordResult = Result<undefined, ManageFailure | "too_early" | "next_before_meeting">;

export async function recordMeeting(
  db: DB,
  user: AccessUser,
  meetingId: string,
  input: RecordInput,
  today = todayInStockholm(),
): Promise<RecordResult> {
  const result = await db
    .transaction()
    .execute(async (trx) => {
      const found = await meetingAccessFor(trx, user, meetingId, "meeting.record", today);
      if (!found) return notFoundFailure();
      const { access, meeting } = found;
      if (!canManage(user, meeting)) return refuse(trx, user, access, "meeting.record", meetingId, "not_allowed");
      if (meeting.status !== "scheduled") return fail("not_scheduled");
      const heldOn = utcToStockholm(meeting.startsAt).date;
      if (heldOn > today) return fail("too_early");
      if (input.nextFollowUp <= heldOn) return fail("next_before_meeting");
      const attended = new Set(input.attendedInviteeIds);
      const invitees = await trx
        .selectFrom("meeting_invitees")
        .select("id")
        .where("meeting_id", "=", meetingId)
        .execute();
      const stamp = nowIso();
      await trx
        .updateTable("meetings")
        .set({
          status: "held",
          held_at: meeting.startsAt,
          minutes: input.minutes,
          recorded_by: user.id,
          recorded_at: stamp,
          updated_at: stamp,
        })
        .where("id", "=", meetingId)
        .execute();
      for (const value of [true, false]) {
        const ids = invitees.map((i) => i.id).filter((id) => attended.has(id) === value);
        if (ids.length > 0)
          await trx
            .updateTable("meeting_invitees")
            .set({ attended: toBool(value) })
            .where("id", "in", ids)
            .execute();
      }
      await recordHistory(trx, {
        planId: access.planId,
        userId: user.id,
        change: "meeting.record",
        after: { meetingAt: localTime(meeting.startsAt), attended: attended.size },
      });
      await auditMeeting(trx, user, access, "meeting.record", meetingId);
      // The plan's follow-up is the plans feature's own command, joined to this transaction so the
      // meeting and its follow-up are recorded together or not at all. Its rules were checked above
      // (access, next date after the meeting), so a refusal here means the data changed underneath.
      const followUp = await recordFollowUp(trx, user, access.planId, {
        heldOn,
        reviewed: getFixedT("sv")("meetings.followUpReviewed", { purpose: meeting.purpose }),
        nextDate: input.nextFollowUp,
      });
      if (!followUp.ok) throw new RolledBack(followUp.error === "not_found" ? "not_found" : "next_before_meeting");
      return ok();
    })
    .catch((error: unknown) => {
      if (error instanceof RolledBack) return fail(error.failure);
      throw error;
    });
  return result;
}

/** Undoes the meeting's transaction when the plan's follow-up is refused. */
class RolledBack extends Error {
  constructor(readonly failure: "not_found" | "next_before_meeting") {
    super(failure);
  }
}
