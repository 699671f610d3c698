// The caseworker's start page and the deviations it suggests to the lead user.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { withdrawConsent } from "~/features/consent/consent.server";
import { addAction } from "~/features/plans/plan-parts.server";
import { addDays, todayInStockholm } from "~/lib/time";
import { convene, meetingSetup } from "../../../test/meetings";
import { meetingPage, recordMeeting, respondToMeeting } from "./meetings.server";
import { deviationSuggestions } from "~/features/deviations/suggestions.server";
import { meetingsStart } from "./start.server";

const db = () => getDb();

describe("suggested deviations for the lead user", () => {
  it("suggest a summoned party that declined without a replacement, and one that did not attend", async () => {
    const { lead, ame, af, planId } = await meetingSetup();
    const upcoming = await convene(lead, planId, { staff: [{ userId: af.id, kind: "summons" }] });
    await respondToMeeting(db(), af, upcoming, { response: "declined", reason: "Ingen tid" });

    const past = await convene(
      lead,
      planId,
      { startsAt: new Date(Date.now() - 3_600_000).toISOString(), staff: [{ userId: ame.id, kind: "summons" }] },
      new Date(Date.now() - 5 * 86_400_000),
    );
    const invitees = await db()
      .selectFrom("meeting_invitees")
      .select(["id", "user_id"])
      .where("meeting_id", "=", past)
      .execute();
    await recordMeeting(db(), lead, past, {
      attendedInviteeIds: invitees.filter((i) => i.user_id === lead.id).map((i) => i.id),
      minutes: "AME kom inte.",
      nextFollowUp: addDays(todayInStockholm(), 30),
    });

    const suggestions = await deviationSuggestions(db(), lead);
    const texts = suggestions.map((s) => s.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: "meetings.suggestions.declined",
          values: expect.objectContaining({ organisation: af.org.name }),
        }),
        expect.objectContaining({
          key: "meetings.suggestions.absent",
          values: expect.objectContaining({ organisation: ame.org.name }),
        }),
      ]),
    );
    for (const s of suggestions) {
      expect(s.href).toMatch(/^\/deviations\/new\?suggestion=(meeting_absence|overdue_action)&planId=[a-z0-9]{20}/);
      expect(JSON.stringify(s.text)).not.toContain(s.personName);
    }
    // Never filed: nothing but the suggestion exists; and only the lead user gets it.
    expect(await deviationSuggestions(db(), ame)).toEqual([]);
  });

  it("suggest an action overdue by more than the partnership's limit, not one within it", async () => {
    const { partnership, lead, ame, planId } = await meetingSetup();
    await db().updateTable("partnerships").set({ overdue_action_days: 10 }).where("id", "=", partnership.id).execute();
    const today = todayInStockholm();
    await addAction(db(), lead, planId, {
      responsibleOrganisationId: ame.organisationId,
      responsibleUserId: null,
      description: "Långt försenad",
      startDate: null,
      dueDate: addDays(today, -11),
      status: "ongoing",
    });
    await addAction(db(), lead, planId, {
      responsibleOrganisationId: ame.organisationId,
      responsibleUserId: null,
      description: "Lite försenad",
      startDate: null,
      dueDate: addDays(today, -10),
      status: "ongoing",
    });
    const overdue = (await deviationSuggestions(db(), lead)).filter((s) => s.kind === "overdue_action");
    expect(overdue).toHaveLength(1);
    expect(overdue[0].text.values).toMatchObject({ organisation: ame.org.name, days: 11 });
    expect(JSON.stringify(overdue[0])).not.toContain("försenad");
  });
});

describe("the start page", () => {
  it("lists my upcoming meetings and the summonses I have not answered, within what I may see", async () => {
    const { lead, ame, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, { staff: [{ userId: ame.id, kind: "summons" }] });
    let start = await meetingsStart(db(), ame);
    expect(start.unanswered.map((m) => m.id)).toEqual([meetingId]);
    expect(start.upcomingMeetings.map((m) => m.id)).toEqual([meetingId]);
    expect(start.notifications).toHaveLength(1);
    expect((await meetingsStart(db(), lead)).upcomingMeetings.map((m) => m.id)).toEqual([meetingId]);

    // Opening the meeting reads the notification; answering removes it from the unanswered list.
    await meetingPage(db(), ame, meetingId);
    await respondToMeeting(db(), ame, meetingId, { response: "accepted" });
    start = await meetingsStart(db(), ame);
    expect(start.unanswered).toEqual([]);
    expect(start.notifications).toEqual([]);

    // After the consent is withdrawn, the meeting is gone from AME's start page.
    await convene(lead, planId, { staff: [{ userId: ame.id, kind: "summons" }] });
    const consent = await db()
      .selectFrom("consents")
      .select("id")
      .where("plan_id", "=", planId)
      .executeTakeFirstOrThrow();
    await withdrawConsent(db(), lead, planId, consent.id, "Återkallat");
    start = await meetingsStart(db(), ame);
    expect(start).toMatchObject({ upcomingMeetings: [], unanswered: [], notifications: [] });
  });
});
