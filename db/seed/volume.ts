// Synthetic volume: generated staff, persons, plans and deviations spread over a date range,
// so every chart has something to show (demo) and the summary can be timed at scale (bench).
// Written with plain batched inserts; nothing here is a real person.
import type { DB } from "../client.server";
import { newId, toJson } from "../portable";
import type { Database } from "../schema";
import { DEVIATION_CATEGORIES, DEVIATION_CONSEQUENCES, PLAN_OUTCOMES } from "../schema";
import { DEFAULT_ACTION_TYPES as ACTION_TYPES } from "../../app/features/organisations/partnership-settings";
import { teamKindsText } from "../../app/features/plans/team.server";

/** Deterministic pseudo-random numbers (mulberry32), so a seed run is repeatable. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);

async function insertMany<T extends keyof Database>(db: DB, table: T, rows: Record<string, unknown>[], batch = 400) {
  for (let i = 0; i < rows.length; i += batch) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + batch) as never)
      .execute();
  }
}

/**
 * Years of birth weighted as the plans' people are (many young adults, a few under 18, fewer over
 * 50), so that every age band of the summary has something in it (docs/decisions/0022).
 */
const BIRTH_YEARS = [
  ...[2009, 2009, 2009, 2010, 2010],
  ...[2002, 2003, 2004, 2005, 2006, 2007, 2008].flatMap((y) => [y, y, y]),
  ...[1997, 1998, 1999, 2000, 2001].flatMap((y) => [y, y]),
  ...Array.from({ length: 20 }, (_, i) => 1977 + i),
  ...[1960, 1962, 1964, 1966, 1968, 1970, 1972, 1974],
];

function identityNumber(n: number): string {
  // Born 1960–2010 on a day that is never 5, 15 or 25, so the demo retention purge has work to do.
  // The birth number carries the year's slot, so numbers stay unique (for n below 249 600) and
  // both legal genders occur.
  const slot = n % BIRTH_YEARS.length;
  const year = BIRTH_YEARS[slot];
  const month = 1 + (Math.floor(n / 64) % 12);
  const day = [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24, 26, 27, 28][
    Math.floor(n / 768) % 25
  ];
  const serial = String(100 + slot * 13 + (Math.floor(n / 19200) % 13)).padStart(3, "0");
  const nine = `${String(year).slice(2)}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${serial}`;
  const sum = nine.split("").reduce((acc, ch, i) => {
    const v = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  return `${String(year).slice(0, 2)}${nine}${(10 - (sum % 10)) % 10}`;
}

const DESCRIPTIONS = [
  "Beslut skickades inte mellan parterna och insatsen försenades.",
  "Personen hänvisades mellan två myndigheter utan att någon tog ansvar.",
  "Uppföljningen missades eftersom ingen var utsedd som ansvarig.",
  "Långa väntetider gjorde att personen stod utan stöd.",
  "IT-systemen kunde inte ta emot samtycket digitalt.",
  "Reglerna för ersättning krockade mellan parterna.",
];

export async function seedVolume(
  db: DB,
  options: {
    partnershipName: string;
    deviations: number;
    plans: number;
    fromMs: number;
    toMs: number;
    seed?: number;
    personOffset?: number;
  },
): Promise<void> {
  const r = rng(options.seed ?? 2026);
  const partnership = await db
    .selectFrom("partnerships")
    .select("id")
    .where("name", "=", options.partnershipName)
    .executeTakeFirstOrThrow();
  const organisations = await db
    .selectFrom("organisations")
    .innerJoin("organisation_partnerships", "organisation_partnerships.organisation_id", "organisations.id")
    .select(["organisations.id", "organisations.kind", "organisations.name"])
    .where("organisation_partnerships.partnership_id", "=", partnership.id)
    .execute();
  const span = options.toMs - options.fromMs;
  const created = iso(options.fromMs);

  // Generated staff: three caseworkers per organisation, clearly not the demo cast.
  const staff: { id: string; organisationId: string; kind: string }[] = [];
  const userRows: Record<string, unknown>[] = [];
  const grantRows: Record<string, unknown>[] = [];
  const tag = newId().slice(0, 6);
  for (const org of organisations) {
    for (let i = 1; i <= 3; i++) {
      const id = newId();
      staff.push({ id, organisationId: org.id, kind: org.kind });
      userRows.push({
        id,
        email: `genererad.${tag}.${org.kind}.${i}.${id.slice(0, 4)}@exempel.invalid`,
        name: `Genererad handläggare ${i} (${org.name})`,
        organisation_id: org.id,
        password_hash: null,
        must_change_password: 1,
        created_at: created,
        updated_at: created,
      });
      grantRows.push({ id: newId(), user_id: id, role: "caseworker", partnership_id: null, created_at: created });
    }
  }
  await insertMany(db, "users", userRows);
  await insertMany(db, "role_grants", grantRows);
  const leadStaff = staff.filter((s) =>
    ["social_services", "labour_market_unit", "employment_service"].includes(s.kind),
  );

  // Persons and plans.
  const persons: Record<string, unknown>[] = [];
  const personDetails: Record<string, unknown>[] = [];
  const plans: Record<string, unknown>[] = [];
  const team: Record<string, unknown>[] = [];
  const followUps: Record<string, unknown>[] = [];
  const actions: Record<string, unknown>[] = [];
  for (let i = 0; i < options.plans; i++) {
    const personId = newId();
    const n = (options.personOffset ?? 0) + i;
    persons.push({
      id: personId,
      identity_number: identityNumber(n),
      protected_identity: 0,
      created_at: created,
      updated_at: created,
    });
    const lead = r.pick(leadStaff);
    const createdMs = options.fromMs + r.next() * span;
    const activatedMs = createdMs + r.int(3, 21) * DAY;
    const closes = r.next() < 0.45 && activatedMs + 60 * DAY < options.toMs;
    const closedMs = closes
      ? activatedMs + r.int(60, Math.max(61, Math.floor((options.toMs - activatedMs) / DAY))) * DAY
      : null;
    const planId = newId();
    // The name is the plan's own record of its person (docs/decisions/0010).
    personDetails.push({
      plan_id: planId,
      person_id: personId,
      name: `Testperson ${String(n + 1).padStart(6, "0")}`,
      updated_at: created,
    });
    const status = closedMs ? "closed" : activatedMs < options.toMs ? "active" : "draft";
    plans.push({
      id: planId,
      kind: r.next() < 0.3 ? "SIP" : "GIP",
      person_id: personId,
      status,
      lead_organisation_id: lead.organisationId,
      lead_user_id: lead.id,
      goal: "",
      needs: "",
      next_follow_up: closedMs ? null : date(Math.min(options.toMs + 90 * DAY, activatedMs + r.int(30, 120) * DAY)),
      outcome: closedMs ? r.pick(PLAN_OUTCOMES) : null,
      closed_at: closedMs ? iso(closedMs) : null,
      activated_at: status === "draft" ? null : iso(activatedMs),
      version: 1,
      created_by: lead.id,
      created_at: iso(createdMs),
      updated_at: iso(createdMs),
    });
    const members = new Map([[lead.id, lead.kind]]);
    for (let m = r.int(1, 3); m > 0; m--) {
      const member = r.pick(staff);
      members.set(member.id, member.kind);
    }
    for (const userId of members.keys()) team.push({ plan_id: planId, user_id: userId, added_at: iso(createdMs) });
    plans[plans.length - 1].team_organisation_kinds = teamKindsText([...members.values()]);
    // Actions of the team's organisations, each of an insats type on the default list.
    const teamOrganisations = [...members.keys()].map((id) => staff.find((s) => s.id === id)!.organisationId);
    for (let a = r.int(1, 3); a > 0; a--) {
      const at = createdMs + r.next() * Math.max(DAY, (closedMs ?? options.toMs) - createdMs);
      actions.push({
        id: newId(),
        plan_id: planId,
        responsible_organisation_id: r.pick(teamOrganisations),
        responsible_user_id: null,
        description: "Genererad insats.",
        start_date: date(at),
        due_date: date(at + r.int(30, 180) * DAY),
        status: closedMs ? "done" : r.pick(["planned", "ongoing", "ongoing"] as const),
        insats_type: r.pick(ACTION_TYPES),
        created_at: iso(at),
        updated_at: iso(at),
      });
    }
    // Each follow-up records a step on the default five-step scale: mostly forward, sometimes back.
    let step = r.int(1, 3);
    for (let f = 0, due = activatedMs + 90 * DAY; f < 3 && due < (closedMs ?? options.toMs); f++, due += 90 * DAY) {
      const held = due + r.int(-10, 25) * DAY;
      if (f > 0) step = Math.max(1, Math.min(5, step + r.pick([1, 1, 0, 0, -1])));
      followUps.push({
        id: newId(),
        plan_id: planId,
        lead_organisation_id: lead.organisationId,
        held_on: date(held),
        due_on: date(due),
        reviewed: "Genomgång av insatserna.",
        next_date: date(held + 90 * DAY),
        progression_step: step,
        recorded_by: lead.id,
        created_at: iso(held),
      });
    }
  }
  await insertMany(db, "persons", persons);
  await insertMany(db, "plans", plans);
  await insertMany(db, "plan_person_details", personDetails);
  await insertMany(db, "plan_team", team);
  await insertMany(db, "plan_follow_ups", followUps);
  await insertMany(db, "plan_actions", actions);

  // Deviations.
  const last = await db
    .selectFrom("deviations")
    .select((eb) => eb.fn.max("number").as("n"))
    .where("partnership_id", "=", partnership.id)
    .executeTakeFirst();
  let number = Number(last?.n ?? 0);
  const deviations: Record<string, unknown>[] = [];
  const parties: Record<string, unknown>[] = [];
  const routes: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < options.deviations; i++) {
    const id = newId();
    const reporter = r.pick(staff);
    const eventMs = options.fromMs + r.next() * span;
    const createdMs = eventMs + r.int(0, 5) * DAY;
    const age = (options.toMs - createdMs) / DAY;
    const reviewedMs = createdMs + r.int(1, 10) * DAY;
    const routedMs = reviewedMs + r.int(1, 10) * DAY;
    const answerBy = routedMs + 30 * DAY;
    const concerned = [...new Set([r.pick(organisations).id, ...(r.next() < 0.5 ? [r.pick(organisations).id] : [])])];
    // A routine case is its organisation's own: its managers review and close it, nothing is routed.
    const routine = r.next() >= 0.7;
    const drawn = age < 10 ? 0 : age < 25 ? 1 : age < 60 ? r.int(2, 3) : r.next() < 0.85 ? 4 : 3;
    const stage = routine && (drawn === 2 || drawn === 3) ? 1 : drawn;
    const answeredMs = stage >= 3 && !routine ? routedMs + r.int(5, 45) * DAY : null;
    const closedMs = stage === 4 ? (answeredMs ?? routedMs) + r.int(3, 30) * DAY : null;
    const outcome = closedMs
      ? r.pick(["resolved_locally", "improvement_agreed", "escalated", "not_actionable"] as const)
      : null;
    deviations.push({
      id,
      partnership_id: partnership.id,
      number: ++number,
      event_date: date(eventMs),
      reporter_id: reporter.id,
      reporter_organisation_id: reporter.organisationId,
      reporter_role: "caseworker",
      kind: routine ? "routine" : "between_parties",
      handler: routine ? "manager" : "coordinator",
      routine_organisation_id: routine ? reporter.organisationId : null,
      category: r.pick(DEVIATION_CATEGORIES),
      consequence: r.pick(DEVIATION_CONSEQUENCES),
      description: r.pick(DESCRIPTIONS),
      tried_locally: "",
      suggested_improvement: "",
      plan_id: null,
      status: (["submitted", "in_review", "awaiting_response", "answered", "closed"] as const)[stage],
      summary: stage >= 1 ? r.pick(DESCRIPTIONS) : "",
      answer_by: stage >= 2 && !routine ? date(answerBy) : null,
      routed_at: stage >= 2 && !routine ? iso(routedMs) : null,
      closing_outcome: outcome,
      closing_note: closedMs ? "Avslutat efter dialog mellan parterna." : null,
      escalation_level:
        outcome === "escalated"
          ? r.pick([
              "organisation",
              "preparatory_group",
              "partnership_director",
              "partnership_board",
              "national",
            ] as const)
          : null,
      agenda_date: null,
      published_at: null,
      closed_at: closedMs ? iso(closedMs) : null,
      reviewed_at: stage >= 1 ? iso(reviewedMs) : null,
      first_answered_at: answeredMs ? iso(answeredMs) : null,
      answered_at: answeredMs ? iso(answeredMs) : null,
      version: 1,
      created_at: iso(createdMs),
      updated_at: iso(createdMs),
    });
    for (const orgId of concerned) {
      const keys = { partnership_id: partnership.id, event_date: date(eventMs) };
      parties.push({ deviation_id: id, organisation_id: orgId, ...keys });
      if (stage >= 2 && !routine)
        routes.push({
          deviation_id: id,
          organisation_id: orgId,
          ...keys,
          routed_at: iso(routedMs),
          answer_by: date(answerBy),
          answered_at: answeredMs ? iso(answeredMs) : null,
        });
    }
    if (stage >= 1)
      events.push({
        id: newId(),
        deviation_id: id,
        user_id: reporter.id,
        occurred_at: iso(reviewedMs),
        change: "triage",
        details: toJson({ generated: true }),
      });
  }
  await insertMany(db, "deviations", deviations);
  await insertMany(db, "deviation_parties", parties);
  await insertMany(db, "deviation_routes", routes);
  await insertMany(db, "deviation_events", events);
}
