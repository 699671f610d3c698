// The meeting commands are the door: called directly (by a script, a job or another feature,
// not through a route), each applies the access rule itself and changes nothing for an outsider.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { addDays, todayInStockholm } from "~/lib/time";
import { convene, meetingInput, meetingSetup, outcome } from "../../../test/meetings";
import { addToTeam, caseworkerIn } from "../../../test/plans";
import {
  addDecision,
  cancelMeeting,
  checkConveneAccess,
  checkMeetingAccess,
  conveneFormPage,
  conveneMeeting,
  decisionToAction,
  meetingCalendarFile,
  meetingLetter,
  meetingPage,
  recordMeeting,
  rescheduleMeeting,
  respondToMeeting,
} from "./meetings.server";

const db = () => getDb();

async function snapshot(planId: string) {
  const rows = async (table: "meetings" | "meeting_invitees" | "meeting_decisions" | "notifications" | "outbox") =>
    db().selectFrom(table).selectAll().execute();
  return {
    meetings: (await rows("meetings")).filter((m) => m.plan_id === planId),
    invitees: await rows("meeting_invitees"),
    decisions: await rows("meeting_decisions"),
    notifications: await rows("notifications"),
    outbox: await rows("outbox"),
  };
}

describe("every meeting command applies the access rule itself", () => {
  it("answers not_found to a team member whose organisation no consent covers, changes nothing, and audits it", async () => {
    const { partnership, lead, ame, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, { staff: [{ userId: ame.id, kind: "summons" }] });
    const outsider = await caseworkerIn("social_insurance", partnership.id);
    await addToTeam(planId, outsider.id);
    const before = await snapshot(planId);
    const later = addDays(todayInStockholm(), 30);

    const outcomes = {
      convene: outcome(
        await conveneMeeting(db(), outsider, planId, meetingInput({ staff: [{ userId: ame.id, kind: "summons" }] })),
      ),
      respond: outcome(await respondToMeeting(db(), outsider, meetingId, { response: "accepted" })),
      reschedule: outcome(
        await rescheduleMeeting(db(), outsider, meetingId, {
          startsAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
          durationMinutes: 60,
          place: "Rum 1",
          videoLink: null,
        }),
      ),
      cancel: outcome(await cancelMeeting(db(), outsider, meetingId, "Inställt")),
      record: outcome(
        await recordMeeting(db(), outsider, meetingId, { attendedInviteeIds: [], minutes: "x", nextFollowUp: later }),
      ),
      decide: outcome(await addDecision(db(), outsider, meetingId, { text: "x", action: null })),
      toAction: outcome(
        await decisionToAction(db(), outsider, meetingId, "x", {
          responsibleOrganisationId: outsider.organisationId,
          dueDate: null,
        }),
      ),
      page: outcome(await meetingPage(db(), outsider, meetingId)),
      letter: outcome(await meetingLetter(db(), outsider, meetingId)),
      calendar: outcome(await meetingCalendarFile(db(), outsider, meetingId, "sv")),
      form: outcome(await conveneFormPage(db(), outsider, planId)),
      checkConvene: outcome(await checkConveneAccess(db(), outsider, planId)),
      checkMeeting: outcome(await checkMeetingAccess(db(), outsider, meetingId, "meeting.update")),
    };
    for (const [step, result] of Object.entries(outcomes)) expect(result, step).toBe("not_found");
    expect(await snapshot(planId)).toEqual(before);

    const denied = await db()
      .selectFrom("audit_events")
      .select("action")
      .where("plan_id", "=", planId)
      .where("user_id", "=", outsider.id)
      .where("outcome", "=", "denied")
      .execute();
    expect(denied.map((d) => d.action)).toEqual(
      expect.arrayContaining([
        "meeting.create",
        "meeting.respond",
        "meeting.reschedule",
        "meeting.cancel",
        "meeting.record",
        "meeting.decision",
        "meeting.read",
        "meeting.letter",
        "meeting.calendar",
        "meeting.prepare",
      ]),
    );
  });

  it("answers not_found for a meeting that does not exist, as for one the user may not see", async () => {
    const { lead } = await meetingSetup();
    expect(outcome(await respondToMeeting(db(), lead, "nosuchmeeting0000000", { response: "accepted" }))).toBe(
      "not_found",
    );
    expect(outcome(await cancelMeeting(db(), lead, "nosuchmeeting0000000", "x"))).toBe("not_found");
    expect(outcome(await meetingPage(db(), lead, "nosuchmeeting0000000"))).toBe("not_found");
  });
});
