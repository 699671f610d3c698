// Plan meetings as the convener, the invitees and the plan's record see them.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { withdrawConsent } from "~/features/consent/consent.server";
import { unreadNotifications } from "~/features/notifications/notifications.server";
import { addAction } from "~/features/plans/plan-parts.server";
import { addDays, todayInStockholm } from "~/lib/time";
import { makePartnership, makeUser } from "../../../test/factories";
import {
  access,
  convene,
  lastMailTo,
  meetingInput,
  meetingSetup,
  outboxFor,
  parseCalendar,
} from "../../../test/meetings";
import { addToTeam, caseworkerIn } from "../../../test/plans";
import { stockholmToUtcIso, utcToStockholm } from "./meeting-time";
import {
  addDecision,
  cancelMeeting,
  conveneMeeting,
  decisionToAction,
  getMeetingPage,
  listPlanMeetings,
  meetingCalendarFile,
  recordMeeting,
  rescheduleMeeting,
  respondToMeeting,
} from "./meetings.server";
import { deviationSuggestions } from "~/features/deviations/suggestions.server";
import { meetingsStart } from "./start.server";

const db = () => getDb();
const emailOf = async (userId: string) =>
  (await db().selectFrom("users").select("email").where("id", "=", userId).executeTakeFirstOrThrow()).email;

describe("convening: the consent check on invitees", () => {
  it("refuses to summon a team member whose organisation no active consent names, and sends nothing", async () => {
    const { partnership, lead, ame, planId } = await meetingSetup();
    const uncovered = await caseworkerIn("social_insurance", partnership.id);
    await addToTeam(planId, uncovered.id);

    const result = await conveneMeeting(
      db(),
      lead,
      await access(lead, planId),
      meetingInput({
        staff: [
          { userId: ame.id, kind: "summons" },
          { userId: uncovered.id, kind: "summons" },
        ],
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      reason: "uncovered",
      refused: [{ id: uncovered.id, organisationName: uncovered.org.name }],
    });
    expect(await db().selectFrom("meetings").select("id").where("plan_id", "=", planId).execute()).toEqual([]);
    expect(await outboxFor(await emailOf(ame.id))).toEqual([]);
    expect(await outboxFor(await emailOf(uncovered.id))).toEqual([]);
    const denied = await db()
      .selectFrom("audit_events")
      .selectAll()
      .where("plan_id", "=", planId)
      .where("action", "=", "meeting.create")
      .executeTakeFirstOrThrow();
    expect(denied.outcome).toBe("denied");
  });

  it("refuses an organisation whose consent was withdrawn, and one that is not in the plan at all", async () => {
    const { partnership, lead, af, planId } = await meetingSetup();
    const consent = await db()
      .selectFrom("consents")
      .select("id")
      .where("plan_id", "=", planId)
      .executeTakeFirstOrThrow();
    // A fresh consent for AME only, then the one naming AF is withdrawn.
    await withdrawConsent(db(), lead, planId, consent.id, "Återkallat");
    const result = await conveneMeeting(
      db(),
      lead,
      await access(lead, planId),
      meetingInput({ staff: [{ userId: af.id, kind: "summons" }] }),
    );
    expect(result).toMatchObject({ ok: false, reason: "uncovered" });

    const stranger = await caseworkerIn("healthcare", partnership.id);
    const unknown = await conveneMeeting(
      db(),
      lead,
      await access(lead, planId),
      meetingInput({ staff: [{ userId: stranger.id, kind: "invitation" }] }),
    );
    expect(unknown).toEqual({ ok: false, reason: "unknown_invitee" });
  });

  it("invites a caseworker of a covered organisation who is not yet on the team, and puts them on it", async () => {
    const { lead, ame, planId } = await meetingSetup();
    const colleague = await makeUser(db(), { organisationId: ame.organisationId, roles: [{ role: "caseworker" }] });
    const meetingId = await convene(lead, planId, { staff: [{ userId: colleague.id, kind: "invitation" }] });
    const team = await db().selectFrom("plan_team").select("user_id").where("plan_id", "=", planId).execute();
    expect(team.map((m) => m.user_id)).toContain(colleague.id);
    const colleagueUser = { ...colleague, grants: [{ role: "caseworker" as const, partnershipId: null }] };
    expect(await getMeetingPage(db(), colleagueUser, await access(colleagueUser, planId), meetingId)).not.toBeNull();
  });
});

describe("delivery: notifications and e-mail with iCalendar", () => {
  it("gives each staff invitee a notification and an e-mail whose calendar reads back right", async () => {
    const { lead, ame, af, planId, person } = await meetingSetup("Hemlig Mötesperson");
    const startsAt = stockholmToUtcIso("2030-03-12", "10:00");
    const meetingId = await convene(lead, planId, {
      startsAt,
      durationMinutes: 90,
      staff: [
        { userId: ame.id, kind: "summons" },
        { userId: af.id, kind: "invitation" },
      ],
    });

    const ameMail = await lastMailTo(await emailOf(ame.id));
    expect(ameMail.subject).toBe("Kallelse: möte om en GIP, tisdag 12 mars 2030 kl. 10:00–11:30");
    expect(ameMail.text_body).toContain("När: tisdag 12 mars 2030 kl. 10:00–11:30");
    expect(ameMail.text_body).toContain("Var: Kommunhuset, rum 3");
    expect(ameMail.text_body).toContain(`http://localhost:3999/meetings/${meetingId}`);
    expect(ameMail.ics_method).toBe("REQUEST");

    const cal = ameMail.calendar!;
    expect(cal.method).toBe("REQUEST");
    expect(cal.uid).toBe(`${meetingId}@localhost`);
    expect(cal.sequence).toBe(0);
    expect(cal.startIsUtc).toBe(true);
    // 10:00 in Stockholm in March (winter time, UTC+1) is 09:00 UTC.
    expect(cal.start).toBe("2030-03-12T09:00:00.000Z");
    expect(cal.end).toBe("2030-03-12T10:30:00.000Z");
    expect(cal.status).toBe("CONFIRMED");
    expect(cal.location).toBe("Kommunhuset, rum 3");
    expect(cal.organizer).toBe(await emailOf(lead.id));
    expect(cal.attendees).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: await emailOf(ame.id), role: "REQ-PARTICIPANT", partstat: "NEEDS-ACTION" }),
        expect.objectContaining({ email: await emailOf(af.id), role: "OPT-PARTICIPANT", partstat: "NEEDS-ACTION" }),
        expect.objectContaining({ email: await emailOf(lead.id), role: "CHAIR", partstat: "ACCEPTED" }),
      ]),
    );
    expect(cal.attendees).toHaveLength(3);

    const afMail = await lastMailTo(await emailOf(af.id));
    expect(afMail.subject).toMatch(/^Inbjudan: /);
    expect(afMail.calendar!.uid).toBe(cal.uid);
    // The convener gets no e-mail of their own.
    expect(await outboxFor(await emailOf(lead.id))).toEqual([]);

    for (const user of [ame, af]) {
      const notes = await unreadNotifications(db(), user);
      expect(notes).toHaveLength(1);
      expect(notes[0].link).toBe(`/meetings/${meetingId}`);
    }
    expect((await unreadNotifications(db(), ame))[0].kind).toBe("meeting.summons");
    expect((await unreadNotifications(db(), af))[0].kind).toBe("meeting.invitation");

    // No identity number in any e-mail, calendar or notification, in any form; no name of the person either.
    const digits = person.identity_number;
    const forms = [
      digits,
      digits.slice(2),
      `${digits.slice(0, 8)}-${digits.slice(8)}`,
      `${digits.slice(2, 8)}-${digits.slice(8)}`,
    ];
    const everything = JSON.stringify([
      await db().selectFrom("outbox").selectAll().execute(),
      await db().selectFrom("notifications").selectAll().execute(),
    ]);
    for (const form of forms) expect(everything).not.toContain(form);
    expect(everything).not.toContain("Hemlig");
  });

  it("reads a summer date back with the summer offset", async () => {
    const { lead, ame, planId } = await meetingSetup();
    await convene(lead, planId, {
      startsAt: stockholmToUtcIso("2030-06-12", "10:00"),
      staff: [{ userId: ame.id, kind: "summons" }],
    });
    expect((await lastMailTo(await emailOf(ame.id))).calendar!.start).toBe("2030-06-12T08:00:00.000Z");
  });

  it("writes e-mail in the recipient's own language", async () => {
    const { lead, ame, planId } = await meetingSetup();
    await db().updateTable("users").set({ locale: "en" }).where("id", "=", ame.id).execute();
    await convene(lead, planId, {
      startsAt: stockholmToUtcIso("2030-03-12", "10:00"),
      staff: [{ userId: ame.id, kind: "summons" }],
    });
    expect((await lastMailTo(await emailOf(ame.id))).subject).toBe(
      "Summons: meeting on a GIP, Tuesday, 12 March 2030, 10:00–11:00",
    );
  });
});

describe("responding", () => {
  it("accepts, and declines only with a reason, which the convener sees", async () => {
    const { lead, ame, af, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, {
      staff: [
        { userId: ame.id, kind: "summons" },
        { userId: af.id, kind: "summons" },
      ],
    });

    expect(await respondToMeeting(db(), ame, await access(ame, planId), meetingId, { response: "accepted" })).toBe(
      "ok",
    );
    expect(
      await respondToMeeting(db(), af, await access(af, planId), meetingId, { response: "declined", reason: "  " }),
    ).toBe("reason_required");
    expect(
      await respondToMeeting(db(), af, await access(af, planId), meetingId, {
        response: "declined",
        reason: "Semester den veckan",
      }),
    ).toBe("ok");

    // The convener hears about the decline (and reads it by opening the meeting).
    expect((await unreadNotifications(db(), lead)).map((n) => n.kind)).toEqual(["meeting.declined"]);
    const page = (await getMeetingPage(db(), lead, await access(lead, planId), meetingId))!;
    expect(page.counts).toEqual({ invited: 3, accepted: 2, declined: 1, pending: 0 });
    const declined = page.invitees.find((i) => i.user_id === af.id)!;
    expect(declined).toMatchObject({ response: "declined", response_reason: "Semester den veckan" });
    expect(await unreadNotifications(db(), lead)).toEqual([]);
    // The convener is not an invitee who answers.
    expect(
      await respondToMeeting(db(), lead, await access(lead, planId), meetingId, { response: "declined", reason: "x" }),
    ).toBe("not_invited");
  });

  it("lets a decliner name a colleague as replacement, who is summoned in their place", async () => {
    const { lead, af, planId } = await meetingSetup();
    const colleague = await makeUser(db(), { organisationId: af.organisationId, roles: [{ role: "caseworker" }] });
    const meetingId = await convene(lead, planId, { staff: [{ userId: af.id, kind: "summons" }] });
    expect(
      await respondToMeeting(db(), af, await access(af, planId), meetingId, {
        response: "declined",
        reason: "Sjuk",
        replacementUserId: colleague.id,
      }),
    ).toBe("ok");
    const invitees = await db()
      .selectFrom("meeting_invitees")
      .selectAll()
      .where("meeting_id", "=", meetingId)
      .where("party", "=", "staff")
      .execute();
    const replacement = invitees.find((i) => i.user_id === colleague.id)!;
    expect(replacement).toMatchObject({ kind: "summons", response: "pending" });
    expect(invitees.find((i) => i.user_id === af.id)!.replaced_by).toBe(replacement.id);
    expect((await lastMailTo(colleague.email)).calendar!.method).toBe("REQUEST");
    // A replacement from another organisation is refused.
    const other = await makeUser(db(), { roles: [{ role: "caseworker" }] });
    const second = await convene(lead, planId, { staff: [{ userId: af.id, kind: "summons" }] });
    expect(
      await respondToMeeting(db(), af, await access(af, planId), second, {
        response: "declined",
        reason: "Sjuk",
        replacementUserId: other.id,
      }),
    ).toBe("bad_replacement");
  });
});

describe("rescheduling and cancelling", () => {
  it("sends an update with a higher SEQUENCE and the same UID, and asks for new answers", async () => {
    const { lead, ame, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, {
      startsAt: stockholmToUtcIso("2030-03-12", "10:00"),
      staff: [{ userId: ame.id, kind: "summons" }],
    });
    await respondToMeeting(db(), ame, await access(ame, planId), meetingId, { response: "accepted" });
    const first = (await lastMailTo(await emailOf(ame.id))).calendar!;

    const newStart = stockholmToUtcIso("2030-03-14", "13:30");
    expect(
      await rescheduleMeeting(db(), lead, await access(lead, planId), meetingId, {
        startsAt: newStart,
        durationMinutes: 45,
        place: "Jobbtorget",
        videoLink: null,
      }),
    ).toBe("ok");
    const moved = await lastMailTo(await emailOf(ame.id));
    expect(moved.subject).toMatch(/^Ny tid: /);
    expect(moved.calendar!.method).toBe("REQUEST");
    expect(moved.calendar!.uid).toBe(first.uid);
    expect(moved.calendar!.sequence).toBeGreaterThan(first.sequence);
    expect(moved.calendar!.start).toBe("2030-03-14T12:30:00.000Z");
    expect(moved.calendar!.location).toBe("Jobbtorget");
    const invitee = await db()
      .selectFrom("meeting_invitees")
      .select("response")
      .where("meeting_id", "=", meetingId)
      .where("user_id", "=", ame.id)
      .executeTakeFirstOrThrow();
    expect(invitee.response).toBe("pending");
    expect((await unreadNotifications(db(), ame)).map((n) => n.kind)).toContain("meeting.rescheduled");

    // Only the convener or the plan's lead may move it.
    expect(
      await rescheduleMeeting(db(), ame, await access(ame, planId), meetingId, {
        startsAt: newStart,
        durationMinutes: 45,
        place: "x",
        videoLink: null,
      }),
    ).toBe("not_allowed");
  });

  it("cancels with METHOD:CANCEL, the same UID and a higher SEQUENCE still", async () => {
    const { lead, ame, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, { staff: [{ userId: ame.id, kind: "summons" }] });
    await rescheduleMeeting(db(), lead, await access(lead, planId), meetingId, {
      startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString(),
      durationMinutes: 60,
      place: "Rum 4",
      videoLink: null,
    });
    const moved = (await lastMailTo(await emailOf(ame.id))).calendar!;
    expect(await cancelMeeting(db(), lead, await access(lead, planId), meetingId, "Personen är sjuk")).toBe("ok");
    const cancelled = await lastMailTo(await emailOf(ame.id));
    expect(cancelled.ics_method).toBe("CANCEL");
    expect(cancelled.calendar!.method).toBe("CANCEL");
    expect(cancelled.calendar!.status).toBe("CANCELLED");
    expect(cancelled.calendar!.uid).toBe(moved.uid);
    expect(cancelled.calendar!.sequence).toBeGreaterThan(moved.sequence);
    // The reason stays in Samsyn; the e-mail says only that it is cancelled.
    expect(cancelled.text_body).not.toContain("sjuk");
    expect(await cancelMeeting(db(), lead, await access(lead, planId), meetingId, "igen")).toBe("not_scheduled");
  });

  it("offers the calendar file with the current SEQUENCE", async () => {
    const { lead, ame, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, { staff: [{ userId: ame.id, kind: "summons" }] });
    await rescheduleMeeting(db(), lead, await access(lead, planId), meetingId, {
      startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString(),
      durationMinutes: 60,
      place: "Rum 4",
      videoLink: null,
    });
    const file = parseCalendar((await meetingCalendarFile(db(), ame, await access(ame, planId), meetingId, "sv"))!);
    expect(file).toMatchObject({ method: "PUBLISH", uid: `${meetingId}@localhost`, sequence: 1 });
  });
});

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
      await recordMeeting(db(), lead, a, meetingId, {
        attendedInviteeIds: present,
        minutes: "Vi kom överens.",
        nextFollowUp: heldOn,
      }),
    ).toBe("next_before_meeting");
    expect(
      await recordMeeting(db(), ame, await access(ame, planId), meetingId, {
        attendedInviteeIds: present,
        minutes: "x",
        nextFollowUp: addDays(heldOn, 30),
      }),
    ).toBe("not_allowed");
    expect(
      await recordMeeting(db(), lead, a, meetingId, {
        attendedInviteeIds: present,
        minutes: "Vi kom överens.",
        nextFollowUp: addDays(heldOn, 30),
      }),
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
    const a = await access(lead, planId);
    const due = addDays(todayInStockholm(), 45);
    expect(
      await addDecision(db(), lead, a, meetingId, {
        text: "Arbetsträning i butik",
        action: { responsibleOrganisationId: ame.organisationId, dueDate: due },
      }),
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

    expect(await addDecision(db(), lead, a, meetingId, { text: "Ansöka om studiestöd", action: null })).toBe("ok");
    const later = await db()
      .selectFrom("meeting_decisions")
      .select("id")
      .where("meeting_id", "=", meetingId)
      .where("text", "=", "Ansöka om studiestöd")
      .executeTakeFirstOrThrow();
    const stranger = await caseworkerIn("other", (await makePartnership()).id);
    expect(
      await decisionToAction(db(), lead, a, meetingId, later.id, {
        responsibleOrganisationId: stranger.organisationId,
        dueDate: null,
      }),
    ).toBe("bad_organisation");
    expect(
      await decisionToAction(db(), lead, a, meetingId, later.id, {
        responsibleOrganisationId: lead.organisationId,
        dueDate: null,
      }),
    ).toBe("ok");
    expect(
      await decisionToAction(db(), lead, a, meetingId, later.id, {
        responsibleOrganisationId: lead.organisationId,
        dueDate: null,
      }),
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
    const a = await access(lead, planId);
    expect(
      await recordMeeting(db(), lead, a, meetingId, {
        attendedInviteeIds: [],
        minutes: "x",
        nextFollowUp: addDays(todayInStockholm(), 60),
      }),
    ).toBe("too_early");
    expect(await addDecision(db(), lead, a, meetingId, { text: "x", action: null })).toBe("too_early");
  });
});

describe("suggested deviations for the lead user", () => {
  it("suggest a summoned party that declined without a replacement, and one that did not attend", async () => {
    const { lead, ame, af, planId } = await meetingSetup();
    const upcoming = await convene(lead, planId, { staff: [{ userId: af.id, kind: "summons" }] });
    await respondToMeeting(db(), af, await access(af, planId), upcoming, { response: "declined", reason: "Ingen tid" });

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
    await recordMeeting(db(), lead, await access(lead, planId), past, {
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
    await getMeetingPage(db(), ame, await access(ame, planId), meetingId);
    await respondToMeeting(db(), ame, await access(ame, planId), meetingId, { response: "accepted" });
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
