// Meeting routes as an outsider, an invitee, the convener and an admin see them.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { withdrawConsent } from "~/features/consent/consent.server";
import { utcToStockholm } from "~/features/meetings/meeting-time";
import { addDays, todayInStockholm } from "~/lib/time";
import { makeUser, signedInRequest } from "../factories";
import { convene, lastMailTo, meetingSetup, parseCalendar } from "../meetings";
import { addToTeam, caseworkerIn } from "../plans";
import { loader as outboxLoader } from "../../app/routes/admin.outbox";
import { loader as calendarLoader } from "../../app/routes/meetings.$meetingId.calendar";
import { loader as letterLoader } from "../../app/routes/meetings.$meetingId.letter";
import { action as meetingAction, loader as meetingLoader } from "../../app/routes/meetings.$meetingId";
import { action as conveneAction, loader as conveneLoader } from "../../app/routes/plans.$planId.meetings.new";

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "", clientIp: "127.0.0.1" } }) as never;

function post(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
  return { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } };
}

async function outcome(
  promise: Promise<unknown>,
): Promise<{ status: number; body?: unknown; location?: string | null; response?: Response }> {
  try {
    const value = await promise;
    if (value instanceof Response)
      return { status: value.status, location: value.headers.get("Location"), response: value };
    const maybe = value as { init?: { status?: number }; data?: unknown };
    if (maybe && typeof maybe === "object" && "init" in maybe)
      return { status: maybe.init?.status ?? 200, body: maybe.data };
    return { status: 200, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    throw thrown;
  }
}

const ahead = (days: number) => addDays(todayInStockholm(), days);

const INTENTS: Record<string, Record<string, string | string[]>> = {
  accept: {},
  decline: { reason: "Kan inte" },
  reschedule: { date: "2099-01-10", time: "10:00", durationMinutes: "60", place: "Rum 1" },
  cancel: { reason: "Inställt" },
  record: { minutes: "x", nextFollowUp: "2099-01-01" },
  "add-decision": { text: "x" },
  "decision-action": { decisionId: "x", responsibleOrganisationId: "x" },
  unknown: {},
};

/** Every way into a meeting, each answered with its status. */
async function everyRoute(userId: string, meetingId: string) {
  const params = { meetingId };
  const statuses: Record<string, number> = {
    page: (await outcome(meetingLoader(args(await signedInRequest(userId, `/meetings/${meetingId}`), params)))).status,
    letter: (await outcome(letterLoader(args(await signedInRequest(userId, `/meetings/${meetingId}/letter`), params))))
      .status,
    calendar: (
      await outcome(calendarLoader(args(await signedInRequest(userId, `/meetings/${meetingId}/calendar.ics`), params)))
    ).status,
  };
  for (const [intent, fields] of Object.entries(INTENTS)) {
    statuses[intent] = (
      await outcome(
        meetingAction(
          args(await signedInRequest(userId, `/meetings/${meetingId}`, post({ intent, ...fields })), params),
        ),
      )
    ).status;
  }
  return statuses;
}

async function snapshot(meetingId: string) {
  const db = getDb();
  return {
    meeting: await db.selectFrom("meetings").selectAll().where("id", "=", meetingId).executeTakeFirst(),
    invitees: await db
      .selectFrom("meeting_invitees")
      .selectAll()
      .where("meeting_id", "=", meetingId)
      .orderBy("id")
      .execute(),
    decisions: await db.selectFrom("meeting_decisions").selectAll().where("meeting_id", "=", meetingId).execute(),
    outbox: Number(
      (
        await db
          .selectFrom("outbox")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  };
}

describe("the access rule on every meeting route", () => {
  it("answers 404 to outsiders on every route and intent, and changes nothing", async () => {
    const { partnership, lead, ame, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, { staff: [{ userId: ame.id, kind: "summons" }] });
    const uncoveredMember = await caseworkerIn("social_insurance", partnership.id);
    await addToTeam(planId, uncoveredMember.id); // on the team, but no consent names their organisation
    const sameOrgNotOnTeam = await makeUser(getDb(), {
      organisationId: lead.organisationId,
      roles: [{ role: "caseworker" }],
    });
    const admin = await makeUser(getDb(), { organisationId: lead.organisationId, roles: [{ role: "admin" }] });
    const before = await snapshot(meetingId);

    for (const outsider of [uncoveredMember, sameOrgNotOnTeam, admin]) {
      const statuses = await everyRoute(outsider.id, meetingId);
      for (const [route, status] of Object.entries(statuses)) expect(status, `${route}`).toBe(404);
      expect(
        (
          await outcome(
            conveneLoader(args(await signedInRequest(outsider.id, `/plans/${planId}/meetings/new`), { planId })),
          )
        ).status,
      ).toBe(404);
      expect(
        (
          await outcome(
            conveneAction(
              args(await signedInRequest(outsider.id, `/plans/${planId}/meetings/new`, post({ intent: "convene" })), {
                planId,
              }),
            ),
          )
        ).status,
      ).toBe(404);
    }
    expect(await snapshot(meetingId)).toEqual(before);
    // Denials are audited against the plan.
    const denied = await getDb()
      .selectFrom("audit_events")
      .select("action")
      .where("plan_id", "=", planId)
      .where("outcome", "=", "denied")
      .where("user_id", "=", uncoveredMember.id)
      .execute();
    expect(denied.map((d) => d.action)).toEqual(
      expect.arrayContaining(["meeting.read", "meeting.letter", "meeting.calendar", "meeting.respond"]),
    );
  });

  it("answers 404 for a meeting that does not exist, exactly as for one the user may not see", async () => {
    const { lead } = await meetingSetup();
    const statuses = await everyRoute(lead.id, "nosuchmeeting0000000");
    for (const [route, status] of Object.entries(statuses)) expect(status, route).toBe(404);
  });

  it("cuts an invitee off at once when the consent naming their organisation is withdrawn", async () => {
    const { lead, ame, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, { staff: [{ userId: ame.id, kind: "summons" }] });
    const before = await everyRoute(ame.id, meetingId);
    expect(before.page).toBe(200);
    expect(before.letter).toBe(200);
    expect(before.calendar).toBe(200);

    const consent = await getDb()
      .selectFrom("consents")
      .select("id")
      .where("plan_id", "=", planId)
      .executeTakeFirstOrThrow();
    await withdrawConsent(getDb(), lead, planId, consent.id, "Återkallat i telefon");
    const after = await everyRoute(ame.id, meetingId);
    for (const [route, status] of Object.entries(after)) expect(status, route).toBe(404);
    // The lead organisation keeps access to document what happens next.
    expect(
      (await outcome(meetingLoader(args(await signedInRequest(lead.id, `/meetings/${meetingId}`), { meetingId }))))
        .status,
    ).toBe(200);
  });

  it("refuses the convener's steps to an invitee, as not found", async () => {
    const { lead, ame, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, { staff: [{ userId: ame.id, kind: "summons" }] });
    const before = await snapshot(meetingId);
    for (const intent of ["reschedule", "cancel", "record", "add-decision", "decision-action"]) {
      const result = await outcome(
        meetingAction(
          args(
            await signedInRequest(
              ame.id,
              `/meetings/${meetingId}`,
              post({ intent, ...INTENTS[intent], ...(intent === "reschedule" ? { date: ahead(20) } : {}) }),
            ),
            { meetingId },
          ),
        ),
      );
      expect(result.status, intent).toBe(404);
    }
    expect(await snapshot(meetingId)).toEqual(before);
  });
});

describe("convening through the form", () => {
  it("refuses an invitee without consent, says why in Swedish and keeps every value", async () => {
    const { partnership, lead, ame, planId } = await meetingSetup();
    const uncovered = await caseworkerIn("social_insurance", partnership.id);
    await addToTeam(planId, uncovered.id);
    const page = await outcome(
      conveneLoader(args(await signedInRequest(lead.id, `/plans/${planId}/meetings/new`), { planId })),
    );
    const form = page.body as { suggestions: { id: string; covered: boolean }[]; uncoveredOrganisations: string[] };
    // The team is suggested first, an uncovered member marked and not chosen.
    expect(form.suggestions.find((s) => s.id === uncovered.id)?.covered).toBe(false);
    expect(form.uncoveredOrganisations).toEqual([uncovered.org.name]);

    const fields = {
      intent: "convene",
      date: ahead(10),
      time: "09:30",
      durationMinutes: "60",
      place: "Rum 2",
      purpose: "Planera sommaren",
      [`staff.${ame.id}`]: "summons",
      [`staff.${uncovered.id}`]: "summons",
      personKind: "invitation",
    };
    const result = await outcome(
      conveneAction(args(await signedInRequest(lead.id, `/plans/${planId}/meetings/new`, post(fields)), { planId })),
    );
    expect(result.status).toBe(400);
    const body = (result.body as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } })
      .result;
    expect(body.error[""][0]).toMatch(
      new RegExp(`^Kallelsen skickades inte. Samtycket omfattar inte ${uncovered.org.name}`),
    );
    expect(body.initialValue).toMatchObject({
      purpose: "Planera sommaren",
      place: "Rum 2",
      staff: { [ame.id]: "summons" },
    });
    expect(await getDb().selectFrom("meetings").select("id").where("plan_id", "=", planId).execute()).toEqual([]);
  });

  it("convenes with Stockholm time, summons and invitations, and goes to the meeting page", async () => {
    const { lead, ame, af, planId } = await meetingSetup();
    const date = ahead(12);
    const fields = {
      intent: "convene",
      date,
      time: "14:15",
      durationMinutes: "45",
      videoLink: "https://video.example.se/rum-7",
      purpose: "Följa upp arbetsträningen",
      agenda: "Läget",
      [`staff.${ame.id}`]: "summons",
      [`staff.${af.id}`]: "invitation",
      personKind: "invitation",
      "externals[0].name": "Mamma Exempel",
      "externals[0].role": "relative",
      "externals[0].contact": "070-000 00 00",
      "externals[1].name": "Tolk Tolksson",
      "externals[1].role": "interpreter",
      "externals[1].contact": "tolk@example.org",
      "externals[2].name": "",
      "externals[2].role": "relative",
      "externals[2].contact": "",
    };
    const result = await outcome(
      conveneAction(args(await signedInRequest(lead.id, `/plans/${planId}/meetings/new`, post(fields)), { planId })),
    );
    expect(result.status).toBe(303);
    const meetingId = result.location!.match(/^\/meetings\/([a-z0-9]{20})$/)![1];
    const meeting = await getDb()
      .selectFrom("meetings")
      .selectAll()
      .where("id", "=", meetingId)
      .executeTakeFirstOrThrow();
    expect(utcToStockholm(meeting.starts_at)).toEqual({ date, time: "14:15" });
    expect(meeting).toMatchObject({
      duration_minutes: 45,
      video_link: "https://video.example.se/rum-7",
      place: null,
      status: "scheduled",
    });
    const invitees = await getDb()
      .selectFrom("meeting_invitees")
      .selectAll()
      .where("meeting_id", "=", meetingId)
      .execute();
    expect(invitees.map((i) => [i.party, i.kind, i.user_id]).sort()).toEqual(
      [
        ["person", "invitation", null],
        ["relative", "invitation", null],
        ["relative", "invitation", null],
        ["staff", "invitation", af.id],
        ["staff", "summons", ame.id],
        ["staff", "summons", lead.id],
      ].sort(),
    );
    expect(
      invitees
        .filter((i) => i.party === "relative")
        .map((i) => [i.relative_name, i.external_role])
        .sort(),
    ).toEqual([
      ["Mamma Exempel", "relative"],
      ["Tolk Tolksson", "interpreter"],
    ]);
    const ics = (
      await lastMailTo(
        (await getDb().selectFrom("users").select("email").where("id", "=", af.id).executeTakeFirstOrThrow()).email,
      )
    ).ics!;
    expect(ics).not.toMatch(/Mamma Exempel|Tolksson|070-000 00 00|tolk@example/);
    expect(
      (
        await lastMailTo(
          (await getDb().selectFrom("users").select("email").where("id", "=", af.id).executeTakeFirstOrThrow()).email,
        )
      ).calendar!.location,
    ).toBe("https://video.example.se/rum-7");
  });

  it("never summons the person, and wants a way to reach each participant without an account", async () => {
    const { lead, planId } = await meetingSetup();
    const fields = {
      intent: "convene",
      date: ahead(10),
      time: "09:30",
      durationMinutes: "60",
      place: "Rum 2",
      purpose: "Planera sommaren",
      personKind: "summons",
      "externals[0].name": "Gun Godman",
      "externals[0].role": "trustee",
      "externals[0].contact": "",
    };
    const result = await outcome(
      conveneAction(args(await signedInRequest(lead.id, `/plans/${planId}/meetings/new`, post(fields)), { planId })),
    );
    expect(result.status).toBe(400);
    const body = (result.body as { result: { error: Record<string, string[]> } }).result;
    expect(body.error.personKind).toBeDefined();
    expect(body.error["externals[0].contact"]).toEqual(["Skriv hur vi når Gun Godman."]);
    expect(await getDb().selectFrom("meetings").select("id").where("plan_id", "=", planId).execute()).toEqual([]);
  });

  it("finds colleagues by search, marks those the consent does not cover, and keeps the chosen through it", async () => {
    const { partnership, lead, ame, af, planId } = await meetingSetup();
    const uncovered = await caseworkerIn("social_insurance", partnership.id);
    const loaded = async (query: string) =>
      (
        await outcome(
          conveneLoader(args(await signedInRequest(lead.id, `/plans/${planId}/meetings/new${query}`), { planId })),
        )
      ).body as {
        chosen: { id: string }[];
        suggestions: { id: string }[];
        hits: { id: string; covered: boolean }[];
      };
    // First visit: the covered team is chosen.
    const first = await loaded("");
    expect(first.chosen.map((s) => s.id).sort()).toEqual([ame.id, af.id].sort());
    // A search by the uncovered colleague's name: a hit, marked; the chosen (only AF now) survive.
    const name = (
      await getDb().selectFrom("users").select("name").where("id", "=", uncovered.id).executeTakeFirstOrThrow()
    ).name;
    const found = await loaded(`?picked=1&invite=${af.id}&q=${encodeURIComponent(name.toUpperCase())}`);
    expect(found.chosen.map((s) => s.id)).toEqual([af.id]);
    expect(found.suggestions.map((s) => s.id)).toEqual([ame.id]);
    expect(found.hits).toEqual([expect.objectContaining({ id: uncovered.id, covered: false })]);
    // Adding keeps the earlier choice.
    const added = await loaded(`?picked=1&invite=${af.id}&add=${ame.id}&q=x`);
    expect(added.chosen.map((s) => s.id).sort()).toEqual([ame.id, af.id].sort());
  });

  it("refuses a meeting in the past, a missing place and a missing purpose, in Swedish", async () => {
    const { lead, planId } = await meetingSetup();
    const result = await outcome(
      conveneAction(
        args(
          await signedInRequest(
            lead.id,
            `/plans/${planId}/meetings/new`,
            post({ intent: "convene", date: ahead(-1), time: "10:00", durationMinutes: "60" }),
          ),
          { planId },
        ),
      ),
    );
    expect(result.status).toBe(400);
    const error = (result.body as { result: { error: Record<string, string[]> } }).result.error;
    expect(error.date).toEqual(["Mötet måste ligga framåt i tiden."]);
    expect(error.place).toEqual(["Ange plats eller videolänk."]);
    expect(error.purpose).toEqual(["Fyll i syfte med mötet."]);
  });
});

describe("responding through the meeting page", () => {
  it("needs a reason to decline, keeps the values, and records the answer", async () => {
    const { lead, ame, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, { staff: [{ userId: ame.id, kind: "summons" }] });
    const missing = await outcome(
      meetingAction(
        args(await signedInRequest(ame.id, `/meetings/${meetingId}`, post({ intent: "decline", reason: "" })), {
          meetingId,
        }),
      ),
    );
    expect(missing.status).toBe(400);
    expect((missing.body as { result: { error: Record<string, string[]> } }).result.error.reason).toEqual([
      "Skriv varför du inte kan komma.",
    ]);

    const declined = await outcome(
      meetingAction(
        args(
          await signedInRequest(
            ame.id,
            `/meetings/${meetingId}`,
            post({ intent: "decline", reason: "Utbildningsdag" }),
          ),
          { meetingId },
        ),
      ),
    );
    expect(declined).toMatchObject({ status: 303, location: `/meetings/${meetingId}` });
    const accepted = await outcome(
      meetingAction(
        args(await signedInRequest(ame.id, `/meetings/${meetingId}`, post({ intent: "accept" })), { meetingId }),
      ),
    );
    expect(accepted.status).toBe(303);
    const page = await outcome(
      meetingLoader(args(await signedInRequest(lead.id, `/meetings/${meetingId}`), { meetingId })),
    );
    const body = page.body as {
      counts: { accepted: number; invited: number };
      invitees: { userId: string | null; response: string }[];
    };
    expect(body.counts).toMatchObject({ accepted: 2, invited: 2 });
    expect(body.invitees.find((i) => i.userId === ame.id)?.response).toBe("accepted");
  });
});

describe("the calendar file", () => {
  it("is text/calendar and reads back as the meeting", async () => {
    const { lead, ame, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, { staff: [{ userId: ame.id, kind: "summons" }] });
    const result = await outcome(
      calendarLoader(args(await signedInRequest(ame.id, `/meetings/${meetingId}/calendar.ics`), { meetingId })),
    );
    expect(result.status).toBe(200);
    expect(result.response!.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const calendar = parseCalendar(await result.response!.text());
    expect(calendar).toMatchObject({ method: "PUBLISH", uid: `${meetingId}@localhost`, sequence: 0 });
  });
});

describe("the admin outbox", () => {
  it("is for admins only, and shows what was kept", async () => {
    const { lead, ame, planId } = await meetingSetup();
    await convene(lead, planId, { staff: [{ userId: ame.id, kind: "summons" }] });
    expect((await outcome(outboxLoader(args(await signedInRequest(lead.id, "/admin/outbox"))))).status).toBe(404);
    const admin = await makeUser(getDb(), { roles: [{ role: "admin" }] });
    const result = await outcome(outboxLoader(args(await signedInRequest(admin.id, "/admin/outbox"))));
    expect(result.status).toBe(200);
    const items = (result.body as { result: { items: { to_address: string; ics: string | null }[] } }).result.items;
    const ameEmail = (
      await getDb().selectFrom("users").select("email").where("id", "=", ame.id).executeTakeFirstOrThrow()
    ).email;
    expect(items.some((m) => m.to_address === ameEmail && m.ics !== null)).toBe(true);
  });
});
