// Convening a plan meeting: the consent check on invitees, and what each invitee receives.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { withdrawConsent } from "~/features/consent/consent.server";
import { unreadNotifications } from "~/features/notifications/notifications.server";
import { makeUser } from "../../../test/factories";
import { convene, lastMailTo, meetingInput, meetingSetup, outboxFor } from "../../../test/meetings";
import { addToTeam, caseworkerIn } from "../../../test/plans";
import { stockholmToUtcIso } from "./meeting-time";
import { conveneMeeting, meetingPage } from "./meetings.server";

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
      planId,
      meetingInput({
        staff: [
          { userId: ame.id, kind: "summons" },
          { userId: uncovered.id, kind: "summons" },
        ],
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: "not_covered",
      detail: { refused: [{ id: uncovered.id, organisationName: uncovered.org.name }] },
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
      planId,
      meetingInput({ staff: [{ userId: af.id, kind: "summons" }] }),
    );
    expect(result).toMatchObject({ ok: false, error: "not_covered" });

    const stranger = await caseworkerIn("healthcare", partnership.id);
    const unknown = await conveneMeeting(
      db(),
      lead,
      planId,
      meetingInput({ staff: [{ userId: stranger.id, kind: "invitation" }] }),
    );
    expect(unknown).toEqual({ ok: false, error: "unknown_invitee" });
  });

  it("invites a caseworker of a covered organisation who is not yet on the team, and puts them on it", async () => {
    const { lead, ame, planId } = await meetingSetup();
    const colleague = await makeUser(db(), { organisationId: ame.organisationId, roles: [{ role: "caseworker" }] });
    const meetingId = await convene(lead, planId, { staff: [{ userId: colleague.id, kind: "invitation" }] });
    const team = await db().selectFrom("plan_team").select("user_id").where("plan_id", "=", planId).execute();
    expect(team.map((m) => m.user_id)).toContain(colleague.id);
    const colleagueUser = { ...colleague, grants: [{ role: "caseworker" as const, partnershipId: null }] };
    expect((await meetingPage(db(), colleagueUser, meetingId)).ok).toBe(true);
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
