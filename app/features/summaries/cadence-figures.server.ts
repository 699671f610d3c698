// Follow-up cadence and progression in the summary (docs/decisions/0022): plans whose follow-up
// date had passed at period end, plans followed up within the partnership's interval, and persons
// who moved at least one step forward on its scale. Grouped SQL over index ranges, counts only.
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { addMonths } from "~/features/organisations/partnership-settings";
import { leadOrganisationIds, type SummaryScope } from "./summary-scope.server";

export interface CadenceCounts {
  intervalMonths: number;
  /** Active at period end with a follow-up date on or before its last day that had not been held. */
  overdueAtEnd: number;
  /** Active at period end and followed up in the interval's months up to its last day. */
  followedUpWithin: number;
  activeAtEnd: number;
}

export interface ProgressionCounts {
  /** Persons with at least two follow-ups with a step in the period, across their plans. */
  persons: number;
  /** Of those, persons whose latest step in the period is higher than their first. */
  steppedForward: number;
}

/** Follow-ups of the partnership's plans, each joined to its plan (by key) when active at period end. */
const followUpsOfActive = (db: DB, scope: SummaryScope) =>
  db
    .selectFrom("plan_follow_ups")
    .innerJoin("plans", "plans.id", "plan_follow_ups.plan_id")
    .where("plan_follow_ups.lead_organisation_id", "in", leadOrganisationIds(scope))
    .where("plans.activated_at", "<", scope.bounds.to)
    .where((eb) => eb.or([eb("plans.closed_at", "is", null), eb("plans.closed_at", ">=", scope.bounds.to)]));

const count = (n: unknown) => Number(n ?? 0);

/**
 * The follow-up date a plan had at period end is its current one unless it was followed up since:
 * then the first follow-up after the period end recorded the date that was due (due_on). So an
 * overdue plan either still has its old date, or its first later follow-up was due by period end.
 */
export async function cadenceCounts(db: DB, scope: SummaryScope): Promise<CadenceCounts> {
  const end = scope.period.end;
  const ids = leadOrganisationIds(scope);
  const plans = await db
    .selectFrom("plans")
    .where("plans.lead_organisation_id", "in", ids)
    .where("plans.activated_at", "<", scope.bounds.to)
    .where((eb) => eb.or([eb("plans.closed_at", "is", null), eb("plans.closed_at", ">=", scope.bounds.to)]))
    .select((eb) => [
      eb.fn.countAll<number>().as("active"),
      eb.fn.sum<number>(eb.case().when("plans.next_follow_up", "<=", end).then(1).else(0).end()).as("still_due"),
    ])
    .executeTakeFirstOrThrow();
  const heldLate = await followUpsOfActive(db, scope)
    .where("plan_follow_ups.held_on", ">", end)
    .where("plan_follow_ups.due_on", "<=", end)
    .select((eb) => eb.fn.count<number>("plan_follow_ups.plan_id").distinct().as("n"))
    .executeTakeFirstOrThrow();
  const within = await followUpsOfActive(db, scope)
    .where("plan_follow_ups.held_on", ">", addMonths(end, -scope.maxFollowUpMonths))
    .where("plan_follow_ups.held_on", "<=", end)
    .select((eb) => eb.fn.count<number>("plan_follow_ups.plan_id").distinct().as("n"))
    .executeTakeFirstOrThrow();
  return {
    intervalMonths: scope.maxFollowUpMonths,
    activeAtEnd: count(plans.active),
    overdueAtEnd: count(plans.still_due) + count(heldLate.n),
    followedUpWithin: count(within.n),
  };
}

/**
 * Each person's first and latest step in the period, across the partnership's plans: the
 * smallest and largest "date|step" text, so one grouped query finds both.
 */
export async function progressionCounts(db: DB, scope: SummaryScope): Promise<ProgressionCounts> {
  const marked = sql<string>`plan_follow_ups.held_on || '|' || plan_follow_ups.progression_step`;
  const perPerson = db
    .selectFrom("plan_follow_ups")
    .innerJoin("plans", "plans.id", "plan_follow_ups.plan_id")
    .where("plan_follow_ups.lead_organisation_id", "in", leadOrganisationIds(scope))
    .where("plan_follow_ups.held_on", ">=", scope.period.start)
    .where("plan_follow_ups.held_on", "<=", scope.period.end)
    .where("plan_follow_ups.progression_step", "is not", null)
    .select([sql<string>`min(${marked})`.as("first"), sql<string>`max(${marked})`.as("latest")])
    .groupBy("plans.person_id")
    .having((eb) => eb.fn.countAll(), ">=", 2)
    .as("per_person");
  const step = (column: string) => sql`cast(substr(${sql.ref(column)}, 12) as integer)`;
  const row = await db
    .selectFrom(perPerson)
    .select((eb) => [
      eb.fn.countAll<number>().as("persons"),
      eb.fn
        .sum<number>(sql`case when ${step("per_person.latest")} > ${step("per_person.first")} then 1 else 0 end`)
        .as("forward"),
    ])
    .executeTakeFirstOrThrow();
  return { persons: count(row.persons), steppedForward: count(row.forward) };
}
