// Builders and readers for meeting tests: real plans, real meetings, and the outbox's
// iCalendar parsed back with ical.js (not string matching).
import ICAL from "ical.js";
import { sql } from "kysely";
import { getDb, isPostgres } from "#db/client.server";
import { planAccessFor, type AccessUser } from "~/features/access/access.server";
import { conveneMeeting, type ConveneInput } from "~/features/meetings/meetings.server";
import type { Result } from "~/lib/result";
import { addToTeam, caseworkerIn, giveConsent, planSetup } from "./plans";

/** A plan led by social services with two covered colleagues on the team (AME and AF). */
export async function meetingSetup(name = "Mötesperson Ett") {
  const { partnership, lead, planId } = await planSetup(name);
  const ame = await caseworkerIn("labour_market_unit", partnership.id);
  const af = await caseworkerIn("employment_service", partnership.id);
  await addToTeam(planId, ame.id);
  await addToTeam(planId, af.id);
  await giveConsent(lead, planId, [ame.organisationId, af.organisationId]);
  const person = await getDb()
    .selectFrom("plans")
    .innerJoin("persons", "persons.id", "plans.person_id")
    .innerJoin("plan_person_details as details", "details.plan_id", "plans.id")
    .select(["details.name", "persons.identity_number"])
    .where("plans.id", "=", planId)
    .executeTakeFirstOrThrow();
  return { partnership, lead, ame, af, planId, person };
}

/** The user's access to the plan, for the other features' commands that take it. */
export async function access(user: AccessUser, planId: string) {
  const found = await planAccessFor(getDb(), user, planId, "test");
  if (!found) throw new Error("access: the user may not see the plan");
  return found;
}

/** A command's result as one word: "ok" or the name of its failure. */
export const outcome = (result: Result<unknown, string, unknown>) => (result.ok ? "ok" : result.error);

export function meetingInput(overrides: Partial<ConveneInput> = {}): ConveneInput {
  return {
    startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    durationMinutes: 60,
    place: "Kommunhuset, rum 3",
    videoLink: null,
    purpose: "Planera arbetsträning",
    agenda: "1. Läget\n2. Nästa steg",
    staff: [],
    person: { kind: "invitation" },
    externals: [],
    ...overrides,
  };
}

export async function convene(lead: AccessUser, planId: string, overrides: Partial<ConveneInput> = {}, sentAt?: Date) {
  const result = await conveneMeeting(getDb(), lead, planId, meetingInput(overrides), sentAt);
  if (!result.ok) throw new Error(`not convened: ${result.error}`);
  return result.value.meetingId;
}

export interface ParsedCalendar {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  description: string;
  location: string | null;
  /** DTSTART as an instant, and whether it was written in UTC. */
  start: string;
  startIsUtc: boolean;
  end: string;
  organizer: string;
  attendees: { email: string; name: string; role: string; partstat: string }[];
}

export function parseCalendar(text: string): ParsedCalendar {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent("vevent")!;
  const start = event.getFirstPropertyValue("dtstart") as ICAL.Time;
  const end = event.getFirstPropertyValue("dtend") as ICAL.Time;
  const mail = (value: unknown) => String(value).replace(/^mailto:/i, "");
  return {
    method: String(calendar.getFirstPropertyValue("method")),
    uid: String(event.getFirstPropertyValue("uid")),
    sequence: Number(event.getFirstPropertyValue("sequence")),
    status: String(event.getFirstPropertyValue("status")),
    summary: String(event.getFirstPropertyValue("summary")),
    description: String(event.getFirstPropertyValue("description")),
    location: (event.getFirstPropertyValue("location") as string | null) ?? null,
    start: start.toJSDate().toISOString(),
    startIsUtc: start.zone === ICAL.Timezone.utcTimezone,
    end: end.toJSDate().toISOString(),
    organizer: mail(event.getFirstPropertyValue("organizer")),
    attendees: event.getAllProperties("attendee").map((p) => ({
      email: mail(p.getFirstValue()),
      name: String(p.getParameter("cn") ?? ""),
      role: String(p.getParameter("role") ?? ""),
      partstat: String(p.getParameter("partstat") ?? ""),
    })),
  };
}

export async function outboxFor(email: string) {
  // rowid (SQLite) and ctid (PostgreSQL, a table never updated) keep insertion order even within
  // one millisecond; tests only.
  return getDb()
    .selectFrom("outbox")
    .selectAll()
    .where("to_address", "=", email)
    .orderBy(isPostgres(getDb()) ? sql`ctid` : sql`rowid`)
    .execute();
}

/** The newest message to an address, with its calendar parsed. */
export async function lastMailTo(email: string) {
  const messages = await outboxFor(email);
  const last = messages.at(-1);
  if (!last) throw new Error(`no mail to ${email}`);
  return { ...last, calendar: last.ics ? parseCalendar(last.ics) : null };
}

/** A command's or query's value, failing the test when it failed. */
export function valueOf<T>(result: Result<T, string, unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error}`);
  return result.value;
}
