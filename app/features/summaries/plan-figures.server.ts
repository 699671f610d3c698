// The joint-plan part of a summary: plans led by the partnership's organisations, counted in SQL
// by index range (lead organisation, then a timestamp). Plans carry their team's kinds of
// organisation (migration 0008), so no team is read plan by plan. Nothing is suppressed here.
import type { DB } from "#db/client.server";
import { teamKindsOf } from "~/features/plans/team.server";
import { addDays } from "~/lib/time";
import { instantBounds } from "./periods";
import { countsOf, leadOrganisationIds, type Counts, type SummaryScope } from "./summary-scope.server";

export interface PlanCounts {
  createdByKind: Counts;
  created: number;
  activeAtEnd: number;
  closedByOutcome: Counts;
  activeOver24Months: number;
  /** Plans closed in the period more than 24 months after they became active (Kolada's form). */
  endedOver24Months: number;
  /** Plans closed in the period that had been active, the base of the share above. */
  closedAfterActive: number;
  /** Plans active during the period, once for every kind of organisation on their team. */
  organisationKinds: Counts;
  followUpsDone: number;
  followUpsOnTime: number;
}

type Bounds = { from: string; to: string };

const partnershipPlans = (db: DB, scope: SummaryScope) =>
  db.selectFrom("plans").where("plans.lead_organisation_id", "in", leadOrganisationIds(scope));

const activeAt = (db: DB, scope: SummaryScope, instant: string) =>
  partnershipPlans(db, scope)
    .where("plans.activated_at", "<", instant)
    .where((eb) => eb.or([eb("plans.closed_at", "is", null), eb("plans.closed_at", ">=", instant)]));

const createdIn = (db: DB, scope: SummaryScope, b: Bounds) =>
  partnershipPlans(db, scope).where("plans.created_at", ">=", b.from).where("plans.created_at", "<", b.to);

const countOf = async (q: ReturnType<typeof partnershipPlans>) =>
  Number((await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

export async function countNewPlans(db: DB, scope: SummaryScope, b: Bounds): Promise<number> {
  return countOf(createdIn(db, scope, b));
}

export async function planCounts(db: DB, scope: SummaryScope): Promise<PlanCounts> {
  const { bounds, period } = scope;
  const twoYearsBefore = instantBounds({ ...period, start: addDays(period.end, 1 - 730), end: period.end }).from;
  const createdByKind = countsOf(
    await createdIn(db, scope, bounds)
      .select(["plans.kind as key", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("plans.kind")
      .execute(),
  );
  const activeAtEnd = await countOf(activeAt(db, scope, bounds.to));
  const closedByOutcome = countsOf(
    await partnershipPlans(db, scope)
      .where("plans.closed_at", ">=", bounds.from)
      .where("plans.closed_at", "<", bounds.to)
      .select(["plans.outcome as key", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("plans.outcome")
      .execute(),
  );
  const activeOver24Months = await countOf(
    activeAt(db, scope, bounds.to).where("plans.activated_at", "<", twoYearsBefore),
  );
  const ended = await endedDurations(db, scope);
  const organisationKinds = await teamKindCounts(db, scope);
  const followUps = await followUpCounts(db, scope);
  return {
    createdByKind,
    created: [...createdByKind.values()].reduce((a, b) => a + b, 0),
    activeAtEnd,
    closedByOutcome,
    activeOver24Months,
    ...ended,
    organisationKinds,
    ...followUps,
  };
}

/** Twenty-four months as Kolada counts them: the same date two years later. */
export function moreThan24Months(activatedAt: string, closedAt: string): boolean {
  const start = new Date(activatedAt);
  const limit = new Date(start);
  limit.setUTCFullYear(start.getUTCFullYear() + 2);
  return new Date(closedAt) > limit;
}

/** Of the plans closed in the period that had been active, those that ended after more than 24 months. */
async function endedDurations(db: DB, scope: SummaryScope) {
  const { bounds } = scope;
  const closed = await partnershipPlans(db, scope)
    .where("plans.closed_at", ">=", bounds.from)
    .where("plans.closed_at", "<", bounds.to)
    .where("plans.activated_at", "is not", null)
    .select(["plans.activated_at", "plans.closed_at"])
    .execute();
  return {
    closedAfterActive: closed.length,
    endedOver24Months: closed.filter((p) => moreThan24Months(p.activated_at!, p.closed_at!)).length,
  };
}

/** Plans active during the period, grouped by the kinds of organisation on their teams. */
async function teamKindCounts(db: DB, scope: SummaryScope): Promise<Counts> {
  const { bounds } = scope;
  const rows = await partnershipPlans(db, scope)
    .where("plans.activated_at", "<", bounds.to)
    .where((eb) => eb.or([eb("plans.closed_at", "is", null), eb("plans.closed_at", ">=", bounds.from)]))
    .select(["plans.team_organisation_kinds as kinds", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("plans.team_organisation_kinds")
    .execute();
  const kinds: Counts = new Map();
  for (const row of rows)
    for (const kind of teamKindsOf(row.kinds)) kinds.set(kind, (kinds.get(kind) ?? 0) + Number(row.n));
  return kinds;
}

/** Follow-ups held in the period; on time when held by their due date (or none was set). */
async function followUpCounts(db: DB, scope: SummaryScope) {
  const followUps = await db
    .selectFrom("plan_follow_ups")
    .where("plan_follow_ups.lead_organisation_id", "in", leadOrganisationIds(scope))
    .select((eb) => [
      eb.fn.countAll<number>().as("done"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.or([
                eb("plan_follow_ups.due_on", "is", null),
                eb("plan_follow_ups.held_on", "<=", eb.ref("plan_follow_ups.due_on")),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as("on_time"),
    ])
    .where("plan_follow_ups.held_on", ">=", scope.period.start)
    .where("plan_follow_ups.held_on", "<=", scope.period.end)
    .executeTakeFirstOrThrow();
  return { followUpsDone: Number(followUps.done), followUpsOnTime: Number(followUps.on_time ?? 0) };
}
