// The deviation part of a summary: the period's cases counted in SQL by index range over the
// keys migration 0008 copied onto cases, parties and routes (docs/decisions/0007-summary-speed.md).
// Only counts and the timestamps the medians need come back; nothing here is suppressed yet.
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import type { Period } from "./periods";
import { countsOf, daysBetweenInstants, type Counts, type SummaryScope } from "./summary-scope.server";

export interface DeviationCounts {
  count: number;
  previousCount: number;
  lastYearCount: number;
  byCategory: Counts;
  byConsequence: Counts;
  byKind: Counts;
  statusAtEnd: Counts;
  escalations: Counts;
  byParty: Counts;
  daysToFirstAnswer: number[];
  daysToClose: number[];
  /** Routes whose answer is in or whose answer-by date passed within the period, and of those the ones answered in time. */
  dueRoutes: number;
  answeredInTime: number;
  /** Closed with an improvement agreed: the coordinator's de-identified summaries. */
  improvements: { number: number; summary: string }[];
  /** Routine cases (own routine not followed) by category, and by the kind of organisation whose routine it was. */
  routineByCategory: Counts;
  routineByOrganisationKind: Counts;
}

const deviationsIn = (db: DB, partnershipId: string, p: Period) =>
  db
    .selectFrom("deviations")
    .where("deviations.partnership_id", "=", partnershipId)
    .where("deviations.event_date", ">=", p.start)
    .where("deviations.event_date", "<=", p.end);

export async function countDeviations(db: DB, scope: SummaryScope, p: Period): Promise<number> {
  const row = await deviationsIn(db, scope.partnershipId, p)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deviationCounts(db: DB, scope: SummaryScope): Promise<DeviationCounts> {
  const [count, previousCount, lastYearCount] = [
    await countDeviations(db, scope, scope.period),
    await countDeviations(db, scope, scope.previous),
    await countDeviations(db, scope, scope.lastYear),
  ];
  const grouped = await groupedCounts(db, scope);
  const byParty = await partyCounts(db, scope);
  const durations = await answerAndCloseDays(db, scope);
  const answering = await routeTimeliness(db, scope);
  const improvements = await improvementsAgreed(db, scope);
  const routine = await routineCounts(db, scope);
  return {
    count,
    previousCount,
    lastYearCount,
    ...grouped,
    byParty,
    ...durations,
    ...answering,
    improvements,
    ...routine,
  };
}

/**
 * Routine cases are the organisations' own matter and handled by their managers; the
 * partnership sees them only here, counted by category and by kind of organisation.
 */
async function routineCounts(db: DB, scope: SummaryScope) {
  const rows = await deviationsIn(db, scope.partnershipId, scope.period)
    .where("deviations.kind", "=", "routine")
    .innerJoin("organisations", (join) =>
      join.on((eb) =>
        eb(
          "organisations.id",
          "=",
          eb.fn.coalesce("deviations.routine_organisation_id", "deviations.reporter_organisation_id"),
        ),
      ),
    )
    .select(["deviations.category", "organisations.kind", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy(["deviations.category", "organisations.kind"])
    .execute();
  const routineByCategory: Counts = new Map();
  const routineByOrganisationKind: Counts = new Map();
  for (const r of rows) {
    routineByCategory.set(r.category, (routineByCategory.get(r.category) ?? 0) + Number(r.n));
    routineByOrganisationKind.set(r.kind, (routineByOrganisationKind.get(r.kind) ?? 0) + Number(r.n));
  }
  return { routineByCategory, routineByOrganisationKind };
}

/** The period's cases counted by what they are and by what they had reached at the period's end. */
async function groupedCounts(db: DB, scope: SummaryScope) {
  const { to } = scope.bounds;
  const groups = await deviationsIn(db, scope.partnershipId, scope.period)
    .select((eb) => {
      const statusAtEnd = eb
        .case()
        .when("deviations.closed_at", "<", to)
        .then(sql.lit("closed"))
        .when("deviations.answered_at", "<", to)
        .then(sql.lit("answered"))
        .when("deviations.routed_at", "<", to)
        .then(sql.lit("awaiting_response"))
        .when("deviations.reviewed_at", "<", to)
        .then(sql.lit("in_review"))
        .else(sql.lit("submitted"))
        .end();
      return [
        "deviations.category",
        "deviations.consequence",
        "deviations.kind",
        "deviations.escalation_level",
        statusAtEnd.as("status_at_end"),
        eb.fn.countAll<number>().as("n"),
      ];
    })
    .groupBy([
      "deviations.category",
      "deviations.consequence",
      "deviations.kind",
      "deviations.escalation_level",
      sql.ref("status_at_end"),
    ])
    .execute();
  const tally = (pick: (g: (typeof groups)[number]) => string | null): Counts => {
    const counts: Counts = new Map();
    for (const g of groups) {
      const key = pick(g);
      if (key) counts.set(key, (counts.get(key) ?? 0) + Number(g.n));
    }
    return counts;
  };
  return {
    byCategory: tally((g) => g.category),
    byConsequence: tally((g) => g.consequence),
    byKind: tally((g) => g.kind),
    statusAtEnd: tally((g) => g.status_at_end),
    escalations: tally((g) => g.escalation_level),
  };
}

async function partyCounts(db: DB, scope: SummaryScope): Promise<Counts> {
  const rows = await db
    .selectFrom("deviation_parties")
    .where("deviation_parties.partnership_id", "=", scope.partnershipId)
    .where("deviation_parties.event_date", ">=", scope.period.start)
    .where("deviation_parties.event_date", "<=", scope.period.end)
    .select(["deviation_parties.organisation_id as key", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("deviation_parties.organisation_id")
    .execute();
  return countsOf(rows);
}

/** Days from report to first answer and to closing, for the medians. */
async function answerAndCloseDays(db: DB, scope: SummaryScope) {
  const durations = await deviationsIn(db, scope.partnershipId, scope.period)
    .where((eb) =>
      eb.or([eb("deviations.first_answered_at", "is not", null), eb("deviations.closed_at", "is not", null)]),
    )
    .select(["deviations.created_at", "deviations.first_answered_at", "deviations.closed_at"])
    .execute();
  return {
    daysToFirstAnswer: durations.flatMap((d) =>
      d.first_answered_at ? [daysBetweenInstants(d.created_at, d.first_answered_at)] : [],
    ),
    daysToClose: durations.flatMap((d) => (d.closed_at ? [daysBetweenInstants(d.created_at, d.closed_at)] : [])),
  };
}

/** A route counts once its answer is in or its answer-by date has passed within the period. */
async function routeTimeliness(db: DB, scope: SummaryScope) {
  const { period } = scope;
  const answering = await db
    .selectFrom("deviation_routes")
    .where("deviation_routes.partnership_id", "=", scope.partnershipId)
    .where("deviation_routes.event_date", ">=", period.start)
    .where("deviation_routes.event_date", "<=", period.end)
    .select((eb) => [
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.or([
                eb("deviation_routes.answered_at", "is not", null),
                eb("deviation_routes.answer_by", "<=", period.end),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as("due"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.fn("substr", ["deviation_routes.answered_at", sql.lit(1), sql.lit(10)]),
              "<=",
              eb.ref("deviation_routes.answer_by"),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as("in_time"),
    ])
    .executeTakeFirstOrThrow();
  return { dueRoutes: Number(answering.due ?? 0), answeredInTime: Number(answering.in_time ?? 0) };
}

async function improvementsAgreed(db: DB, scope: SummaryScope) {
  // Picked from the covering index first, so only the listed cases' rows are read.
  return db
    .selectFrom("deviations")
    .select(["deviations.number", "deviations.summary"])
    .where(
      "deviations.id",
      "in",
      deviationsIn(db, scope.partnershipId, scope.period)
        .where("deviations.status", "=", "closed")
        .where("deviations.closing_outcome", "=", "improvement_agreed")
        .select("deviations.id"),
    )
    .orderBy("deviations.number")
    .execute();
}
