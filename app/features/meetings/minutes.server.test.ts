// Holding the meeting: attendance, minutes, the plan's next follow-up, and decisions.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { addDays, todayInStockholm } from "~/lib/time";
import { makePartnership } from "../../../test/factories";
import { access, convene, meetingSetup, outcome } from "../../../test/meetings";
import { caseworkerIn } from "../../../test/plans";
import { utcToStockholm } from "./meeting-time";
import { addDecision, decisionToAction, listPlanMeetings, recordMeeting } from "./meetings.server";

const db = () => getDb();

describe("holding and recording the meeting", () => {
  async function heldMeeting() {
    const setup = await meetingSetup();
    const { lead, ame, af, planId } = setup;
    const meetingId = await convene(
      lead,
      planId,
      {
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        staff: [
          { userId: ame.id, kind: "summons" },
          { userId: af.id, kind: "summons" },
        ],
      },
      new Date(Date.now() - 10 * 86_400_000),
    );
    return { ...setup, meetingId };
  }

  it("keeps attendance per invitee, the minutes, when it was held, and sets the plan's next follow-up", async () => {
    const { lead, ame, af, planId, meetingId } = await heldMeeting();
    const invitees = await db()
      .selectFrom("meeting_invitees")
      .select(["id", "user_id", "party"])
      .where("meeting_id", "=", meetingId)
      .execute();
    const present = invitees.filter((i) => i.user_id !== af.id).map((i) => i.id);
    const meeting = await db()
      .selectFrom("meetings")
      .select("starts_at")
      .where("id", "=", meetingId)
      .executeTakeFirstOrThrow();
    const heldOn = utcToStockholm(meeting.starts_at).date;
    const a = await access(lead, planId);

    expect(
      outcome(
        await recordMeeting(db(), lead, meetingId, {
          attendedInviteeIds: present,
          minutes: "Vi kom överens.",
          nextFollowUp: heldOn,
        }),
      ),
    ).toBe("next_before_meeting");
    expect(
      outcome(
        await recordMeeting(db(), ame, meetingId, {
          attendedInviteeIds: present,
          minutes: "x",
          nextFollowUp: addDays(heldOn, 30),
        }),
      ),
    ).toBe("not_allowed");
    expect(
      outcome(
        await recordMeeting(db(), lead, meetingId, {
          attendedInviteeIds: present,
          minutes: "Vi kom överens.",
          nextFollowUp: addDays(heldOn, 30),
        }),
      ),
    ).toBe("ok");

    const stored = await db().selectFrom("meetings").selectAll().where("id", "=", meetingId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      status: "held",
      held_at: meeting.starts_at,
      minutes: "Vi kom överens.",
      recorded_by: lead.id,
    });
    expect(Date.parse(stored.summons_sent_at)).toBeLessThan(Date.parse(stored.starts_at));
    const attendance = await db()
      .selectFrom("meeting_invitees")
      .select(["user_id", "party", "attended", "organisation_kind"])
      .where("meeting_id", "=", meetingId)
      .execute();
    expect(attendance.find((i) => i.user_id === af.id)).toMatchObject({
      attended: 0,
      organisation_kind: "employment_service",
    });
    expect(attendance.find((i) => i.user_id === ame.id)).toMatchObject({
      attended: 1,
      organisation_kind: "labour_market_unit",
    });
    expect(attendance.find((i) => i.party === "person")).toMatchObject({ attended: 1 });
    const plan = await db()
      .selectFrom("plans")
      .select("next_follow_up")
      .where("id", "=", planId)
      .executeTakeFirstOrThrow();
    expect(plan.next_follow_up).toBe(addDays(heldOn, 30));
    const followUp = await db()
      .selectFrom("plan_follow_ups")
      .selectAll()
      .where("plan_id", "=", planId)
      .executeTakeFirstOrThrow();
    expect(followUp).toMatchObject({ held_on: heldOn, next_date: addDays(heldOn, 30) });
    expect((await listPlanMeetings(db(), a)).past.map((m) => m.id)).toEqual([meetingId]);
  });

  it("turns a decision into a plan action in one step, or later", async () => {
    const { lead, ame, planId, meetingId } = await heldMeeting();
    const due = addDays(todayInStockholm(), 45);
    expect(
      outcome(
        await addDecision(db(), lead, meetingId, {
          text: "Arbetsträning i butik",
          action: { responsibleOrganisationId: ame.organisationId, dueDate: due },
        }),
      ),
    ).toBe("ok");
    const decision = await db()
      .selectFrom("meeting_decisions")
      .selectAll()
      .where("meeting_id", "=", meetingId)
      .executeTakeFirstOrThrow();
    const action = await db()
      .selectFrom("plan_actions")
      .selectAll()
      .where("id", "=", decision.action_id!)
      .executeTakeFirstOrThrow();
    expect(action).toMatchObject({
      plan_id: planId,
      description: "Arbetsträning i butik",
      responsible_organisation_id: ame.organisationId,
      due_date: due,
      status: "planned",
    });

    expect(outcome(await addDecision(db(), lead, meetingId, { text: "Ansöka om studiestöd", action: null }))).toBe(
      "ok",
    );
    const later = await db()
      .selectFrom("meeting_decisions")
      .select("id")
      .where("meeting_id", "=", meetingId)
      .where("text", "=", "Ansöka om studiestöd")
      .executeTakeFirstOrThrow();
    const stranger = await caseworkerIn("other", (await makePartnership()).id);
    expect(
      outcome(
        await decisionToAction(db(), lead, meetingId, later.id, {
          responsibleOrganisationId: stranger.organisationId,
          dueDate: null,
        }),
      ),
    ).toBe("bad_organisation");
    expect(
      outcome(
        await decisionToAction(db(), lead, meetingId, later.id, {
          responsibleOrganisationId: lead.organisationId,
          dueDate: null,
        }),
      ),
    ).toBe("ok");
    expect(
      outcome(
        await decisionToAction(db(), lead, meetingId, later.id, {
          responsibleOrganisationId: lead.organisationId,
          dueDate: null,
        }),
      ),
    ).toBe("has_action");
    const actions = await db().selectFrom("plan_actions").select("description").where("plan_id", "=", planId).execute();
    expect(actions.map((x) => x.description).sort()).toEqual(["Ansöka om studiestöd", "Arbetsträning i butik"]);
  });

  it("cannot be recorded, nor decisions noted, before the day of the meeting", async () => {
    const { lead, ame, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, {
      startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      staff: [{ userId: ame.id, kind: "summons" }],
    });
    expect(
      outcome(
        await recordMeeting(db(), lead, meetingId, {
          attendedInviteeIds: [],
          minutes: "x",
          nextFollowUp: addDays(todayInStockholm(), 60),
        }),
      ),
    ).toBe("too_early");
    expect(outcome(await addDecision(db(), lead, meetingId, { text: "x", action: null }))).toBe("too_early");
  });
});
