import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { routeToParties } from "~/features/deviations/triage.server";
import { convene, meetingSetup } from "../../../test/meetings";
import { deviationSetup, reportCase, sampleReport } from "../../../test/deviations";
import { giveConsent, planSetup } from "../../../test/plans";
import { sendReminders } from "./reminders.server";

// A fixed clock: 08:00 Swedish time on the given day.
const at = (day: string) => new Date(`${day}T07:00:00Z`);

async function remindersOf(userId: string) {
  return getDb()
    .selectFrom("notifications")
    .select(["kind", "link", "subject_type", "subject_ref", "due_on", "created_at"])
    .where("user_id", "=", userId)
    .where("kind", "like", "reminder.%")
    .orderBy("created_at")
    .execute();
}

// Each test's data is its own; clear what earlier tests left so counts are exact.
beforeEach(async () => {
  await getDb().deleteFrom("reminders_sent").execute();
});

describe("answer-by reminders", () => {
  async function routedCase(answerBy: string) {
    const s = await deviationSetup();
    const id = await reportCase(s.reporter, sampleReport(s.partnership.id, [s.party.organisationId]));
    const routed = await routeToParties(getDb(), s.coordinator, id, {
      organisationIds: [s.party.organisationId],
      answerBy,
    });
    expect(routed.ok).toBe(true);
    const { number } = await getDb()
      .selectFrom("deviations")
      .select("number")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return { ...s, id, number };
  }

  it("reminds the party's contact three working days ahead, once", async () => {
    // Dates in December 2030, so the tests do not age: Tuesday the 10th is three working days after Thursday the 5th.
    const c = await routedCase("2030-12-10");
    await sendReminders(getDb(), at("2030-12-04"));
    expect(await remindersOf(c.party.id)).toEqual([]);

    await sendReminders(getDb(), at("2030-12-05"));
    await sendReminders(getDb(), at("2030-12-05"));
    await sendReminders(getDb(), at("2030-12-06"));
    const sent = await remindersOf(c.party.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      kind: "reminder.answer_due",
      link: `/deviations/${c.id}`,
      subject_type: "deviation",
      subject_ref: String(c.number),
      due_on: "2030-12-10",
    });
    expect(await remindersOf(c.reporter.id)).toEqual([]);
  });

  it("reminds again once when the date has passed", async () => {
    const c = await routedCase("2030-12-10");
    await sendReminders(getDb(), at("2030-12-10"));
    await sendReminders(getDb(), at("2030-12-11"));
    await sendReminders(getDb(), at("2030-12-12"));
    expect((await remindersOf(c.party.id)).map((r) => r.kind)).toEqual([
      "reminder.answer_due",
      "reminder.answer_overdue",
    ]);
  });

  it("counts working days over Christmas and sends nothing on a holiday", async () => {
    // Answer by Monday 2030-12-30: the third working day before it is Friday the 20th
    // (24, 25 and 26 December and the weekends are not working days).
    const c = await routedCase("2030-12-30");
    await sendReminders(getDb(), at("2030-12-19"));
    expect(await remindersOf(c.party.id)).toEqual([]);
    expect(await sendReminders(getDb(), at("2030-12-24"))).toBe(0);
    expect(await sendReminders(getDb(), at("2030-12-25"))).toBe(0);
    expect(await remindersOf(c.party.id)).toEqual([]);
    await sendReminders(getDb(), at("2030-12-20"));
    expect(await remindersOf(c.party.id)).toHaveLength(1);
  });
});

describe("follow-up reminders", () => {
  it("tells the lead once per passed follow-up date", async () => {
    const { lead, planId } = await planSetup();
    await getDb()
      .updateTable("plans")
      .set({ status: "active", next_follow_up: "2030-12-06" })
      .where("id", "=", planId)
      .execute();
    await sendReminders(getDb(), at("2030-12-06"));
    expect(await remindersOf(lead.id)).toEqual([]);
    await sendReminders(getDb(), at("2030-12-09"));
    await sendReminders(getDb(), at("2030-12-10"));
    expect(await remindersOf(lead.id)).toMatchObject([
      { kind: "reminder.follow_up_passed", subject_type: "plan", subject_ref: "GIP", due_on: "2030-12-06" },
    ]);

    // A new date that passes too is a new reminder.
    await getDb().updateTable("plans").set({ next_follow_up: "2030-12-11" }).where("id", "=", planId).execute();
    await sendReminders(getDb(), at("2030-12-12"));
    expect(await remindersOf(lead.id)).toHaveLength(2);
  });

  it("does not remind about a closed plan", async () => {
    const { lead, planId } = await planSetup();
    await getDb()
      .updateTable("plans")
      .set({ status: "closed", next_follow_up: "2030-12-02" })
      .where("id", "=", planId)
      .execute();
    await sendReminders(getDb(), at("2030-12-09"));
    expect(await remindersOf(lead.id)).toEqual([]);
  });
});

describe("summons reminders", () => {
  it("reminds a summoned colleague who has not answered, two working days before the meeting", async () => {
    const { lead, ame, af, planId } = await meetingSetup();
    // The meeting is on Wednesday 2030-12-11; two working days before is Monday the 9th.
    const meetingId = await convene(
      lead,
      planId,
      {
        startsAt: "2030-12-11T09:00:00.000Z",
        staff: [
          { userId: ame.id, kind: "summons" },
          { userId: af.id, kind: "summons" },
        ],
      },
      new Date("2030-12-02T08:00:00Z"),
    );
    await getDb()
      .updateTable("meeting_invitees")
      .set({ response: "accepted", responded_at: "2030-12-03T08:00:00.000Z" })
      .where("meeting_id", "=", meetingId)
      .where("user_id", "=", af.id)
      .execute();
    await sendReminders(getDb(), at("2030-12-06"));
    expect(await remindersOf(ame.id)).toEqual([]);
    await sendReminders(getDb(), at("2030-12-09"));
    await sendReminders(getDb(), at("2030-12-10"));
    expect(await remindersOf(ame.id)).toMatchObject([
      { kind: "reminder.summons_unanswered", link: `/meetings/${meetingId}`, due_on: "2030-12-11" },
    ]);
    expect(await remindersOf(af.id)).toEqual([]);
  });
});

describe("consent reminders", () => {
  it("tells the lead once when a consent on an active plan ends within 30 days", async () => {
    const { lead, planId } = await planSetup();
    await giveConsent(lead, planId, [lead.organisationId]);
    await getDb().updateTable("plans").set({ status: "active" }).where("id", "=", planId).execute();
    await getDb()
      .updateTable("consents")
      .set({ valid_from: "2030-01-01", valid_until: "2031-01-10" })
      .where("plan_id", "=", planId)
      .execute();
    await sendReminders(getDb(), at("2030-12-10"));
    expect(await remindersOf(lead.id)).toEqual([]);
    await sendReminders(getDb(), at("2030-12-11"));
    await sendReminders(getDb(), at("2030-12-12"));
    expect(await remindersOf(lead.id)).toMatchObject([{ kind: "reminder.consent_ending", due_on: "2031-01-10" }]);
  });
});
