// Period summaries for steering groups: computed from the data, never typed in, and
// suppressed before anything leaves this module. No personal data is read into a summary
// beyond counts; plan figures come from the plans led by the partnership's organisations.
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import {
  DEVIATION_CATEGORIES,
  DEVIATION_CONSEQUENCES,
  DEVIATION_KINDS,
  DEVIATION_STATUSES,
  ESCALATION_LEVELS,
  ORGANISATION_KINDS,
  PLAN_KINDS,
  PLAN_OUTCOMES,
} from "#db/schema";
import { teamKindsOf } from "~/features/plans/team.server";
import { addDays } from "~/lib/time";
import { instantBounds, previousPeriod, sameperiod, trailingPeriods, type Period } from "./periods";
import { effectiveK, median, share, suppressCount, suppressTable, type Cell } from "./suppression";

export interface Row {
  key: string;
  /** Only for rows whose key is not a code the UI translates (organisation names). */
  label?: string;
  n: Cell;
}

export interface Table {
  rows: Row[];
  total: Cell;
}

export interface SummaryFigures {
  k: number;
  period: Period;
  previous: Period;
  lastYear: Period;
  computedAt: string;
  deviations: {
    count: Cell;
    previousCount: Cell;
    lastYearCount: Cell;
    byCategory: Table;
    byParty: Table;
    byConsequence: Table;
    byKind: Table;
    statusAtEnd: Table;
    medianDaysToFirstAnswer: number | null;
    medianDaysToClose: number | null;
    shareAnsweredInTime: number | null;
    escalations: Table;
    improvements: { number: number; summary: string }[];
  };
  plans: {
    created: Cell;
    activeAtEnd: Cell;
    closed: Cell;
    byKind: Table;
    organisationKinds: Table;
    followUpsDone: Cell;
    followUpsOnTime: Cell;
    shareFollowUpsOnTime: number | null;
    closedByOutcome: Table;
    shareWorkOrStudies: number | null;
    activeOver24Months: Cell;
  };
  meetings: {
    held: Cell;
    medianDaysSummonsToMeeting: number | null;
    /** Summoned staff invitees by kind of organisation, and how many of them attended. */
    summonedByKind: Table;
    attendedByKind: Table;
    shareSummonedAttended: number | null;
  };
  trend: { key: string; label: string; deviations: Cell; newPlans: Cell }[];
}

function table(keys: readonly string[], counts: Map<string, number>, k: number, labels?: Map<string, string>): Table {
  const values = keys.map((key) => counts.get(key) ?? 0);
  const { cells, total } = suppressTable(values, k);
  return {
    rows: keys.map((key, i) => ({ key, ...(labels?.has(key) ? { label: labels.get(key) } : {}), n: cells[i] })),
    total,
  };
}

const toMap = (rows: { key: string | null; n: number | string | bigint }[]) =>
  new Map(rows.map((r) => [String(r.key), Number(r.n)]));
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/**
 * Speed (300 ms for 100 000 cases and 50 000 plans, `npm run bench`): every figure is counted
 * in SQL by index range, and only counts or a column of timestamps come back. The rows that
 * would otherwise be looked up one case or plan at a time carry what the summary selects them
 * by (migration 0008): a case its review and answer times, parties and routes their case's
 * partnership and event date, follow-ups their plan's lead organisation, a plan its team's kinds.
 */
export async function computeSummary(
  db: DB,
  partnershipId: string,
  period: Period,
  now = new Date(),
): Promise<SummaryFigures> {
  const partnership = await db
    .selectFrom("partnerships")
    .select("suppression_k")
    .where("id", "=", partnershipId)
    .executeTakeFirstOrThrow();
  const k = effectiveK(partnership.suppression_k);
  const previous = previousPeriod(period);
  const lastYear = sameperiod(period, 1);
  const bounds = instantBounds(period);

  const deviationsIn = (p: Period) =>
    db
      .selectFrom("deviations")
      .where("deviations.partnership_id", "=", partnershipId)
      .where("deviations.event_date", ">=", p.start)
      .where("deviations.event_date", "<=", p.end);
  const countIn = async (p: Period) =>
    Number(
      (
        await deviationsIn(p)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const organisations = await db
    .selectFrom("organisations")
    .innerJoin("organisation_partnerships", "organisation_partnerships.organisation_id", "organisations.id")
    .select(["organisations.id", "organisations.name"])
    .where("organisation_partnerships.partnership_id", "=", partnershipId)
    .orderBy("organisations.name")
    .execute();
  const organisationIds = organisations.map((o) => o.id);

  const [count, previousCount, lastYearCount] = [
    await countIn(period),
    await countIn(previous),
    await countIn(lastYear),
  ];

  // The period's cases counted by what they are and by what they had reached at the period's end.
  const groups = await deviationsIn(period)
    .select((eb) => {
      const statusAtEnd = eb
        .case()
        .when("deviations.closed_at", "<", bounds.to)
        .then(sql.lit("closed"))
        .when("deviations.answered_at", "<", bounds.to)
        .then(sql.lit("answered"))
        .when("deviations.routed_at", "<", bounds.to)
        .then(sql.lit("awaiting_response"))
        .when("deviations.reviewed_at", "<", bounds.to)
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
  const tally = (pick: (g: (typeof groups)[number]) => string | null) => {
    const counts = new Map<string, number>();
    for (const g of groups) {
      const key = pick(g);
      if (key) counts.set(key, (counts.get(key) ?? 0) + Number(g.n));
    }
    return counts;
  };

  const [byParty, durations, answering, improvementRows] = [
    await db
      .selectFrom("deviation_parties")
      .where("deviation_parties.partnership_id", "=", partnershipId)
      .where("deviation_parties.event_date", ">=", period.start)
      .where("deviation_parties.event_date", "<=", period.end)
      .select(["deviation_parties.organisation_id as key", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("deviation_parties.organisation_id")
      .execute(),
    await deviationsIn(period)
      .where((eb) =>
        eb.or([eb("deviations.first_answered_at", "is not", null), eb("deviations.closed_at", "is not", null)]),
      )
      .select(["deviations.created_at", "deviations.first_answered_at", "deviations.closed_at"])
      .execute(),
    // A route counts once its answer is in or its answer-by date has passed within the period.
    await db
      .selectFrom("deviation_routes")
      .where("deviation_routes.partnership_id", "=", partnershipId)
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
      .executeTakeFirstOrThrow(),
    // Picked from the covering index first, so only the listed cases' rows are read.
    await db
      .selectFrom("deviations")
      .select(["deviations.number", "deviations.summary"])
      .where(
        "deviations.id",
        "in",
        deviationsIn(period)
          .where("deviations.status", "=", "closed")
          .where("deviations.closing_outcome", "=", "improvement_agreed")
          .select("deviations.id"),
      )
      .orderBy("deviations.number")
      .execute(),
  ];
  // The coordinator's de-identified summaries; withheld as a whole when so few they could point at a case.
  const improvements = improvementRows.length >= k ? improvementRows : [];
  const toFirstAnswer = durations.flatMap((d) =>
    d.first_answered_at ? [days(d.created_at, d.first_answered_at)] : [],
  );
  const toClose = durations.flatMap((d) => (d.closed_at ? [days(d.created_at, d.closed_at)] : []));
  const dueRoutes = Number(answering.due ?? 0);
  const inTime = Number(answering.in_time ?? 0);

  // Plans led by the partnership's organisations.
  const plans = () =>
    db.selectFrom("plans").where("plans.lead_organisation_id", "in", organisationIds.length ? organisationIds : [""]);
  const activeAt = (instant: string) =>
    plans()
      .where("plans.activated_at", "<", instant)
      .where((eb) => eb.or([eb("plans.closed_at", "is", null), eb("plans.closed_at", ">=", instant)]));
  const countOf = async (q: ReturnType<typeof plans>) =>
    Number((await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const createdIn = (b: { from: string; to: string }) =>
    plans().where("plans.created_at", ">=", b.from).where("plans.created_at", "<", b.to);
  const twoYearsBefore = instantBounds({ ...period, start: addDays(period.end, 1 - 730), end: period.end }).from;

  const [createdByKind, activeAtEnd, closedByOutcome, over24, teamKinds, followUps] = [
    await createdIn(bounds)
      .select(["plans.kind as key", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("plans.kind")
      .execute(),
    await countOf(activeAt(bounds.to)),
    await plans()
      .where("plans.closed_at", ">=", bounds.from)
      .where("plans.closed_at", "<", bounds.to)
      .select(["plans.outcome as key", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("plans.outcome")
      .execute(),
    await countOf(activeAt(bounds.to).where("plans.activated_at", "<", twoYearsBefore)),
    // Plans active during the period, grouped by the kinds of organisation on their teams.
    await plans()
      .where("plans.activated_at", "<", bounds.to)
      .where((eb) => eb.or([eb("plans.closed_at", "is", null), eb("plans.closed_at", ">=", bounds.from)]))
      .select(["plans.team_organisation_kinds as kinds", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("plans.team_organisation_kinds")
      .execute(),
    await db
      .selectFrom("plan_follow_ups")
      .where("plan_follow_ups.lead_organisation_id", "in", organisationIds.length ? organisationIds : [""])
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
      .where("plan_follow_ups.held_on", ">=", period.start)
      .where("plan_follow_ups.held_on", "<=", period.end)
      .executeTakeFirstOrThrow(),
  ];
  const created = createdByKind.reduce((sum, row) => sum + Number(row.n), 0);
  const outcomes = toMap(closedByOutcome);
  const closed = [...outcomes.values()].reduce((a, b) => a + b, 0);
  const workOrStudies = (outcomes.get("work") ?? 0) + (outcomes.get("studies") ?? 0);
  const kinds = new Map<string, number>();
  for (const row of teamKinds)
    for (const kind of teamKindsOf(row.kinds)) kinds.set(kind, (kinds.get(kind) ?? 0) + Number(row.n));
  const followUpsDone = Number(followUps.done);
  const onTime = Number(followUps.on_time ?? 0);

  // Meetings held in the period on the partnership's plans. CROSS JOIN keeps the period's few
  // meetings as the outer loop (SQLite keeps its written order); an inner join walked every plan.
  const heldMeetings = () =>
    db
      .selectFrom("meetings")
      .crossJoin("plans")
      .whereRef("plans.id", "=", "meetings.plan_id")
      .where("plans.lead_organisation_id", "in", organisationIds.length ? organisationIds : [""])
      .where("meetings.status", "=", "held")
      .where("meetings.held_at", ">=", bounds.from)
      .where("meetings.held_at", "<", bounds.to);
  const meetings = await heldMeetings().select(["meetings.summons_sent_at", "meetings.starts_at"]).execute();
  const summoned = await heldMeetings()
    .innerJoin("meeting_invitees", "meeting_invitees.meeting_id", "meetings.id")
    .select(["meeting_invitees.organisation_kind", "meeting_invitees.attended"])
    .where("meeting_invitees.kind", "=", "summons")
    .where("meeting_invitees.party", "=", "staff")
    .execute();
  const summonedKinds = new Map<string, number>();
  const attendedKinds = new Map<string, number>();
  for (const inv of summoned) {
    const kind = inv.organisation_kind ?? "other";
    summonedKinds.set(kind, (summonedKinds.get(kind) ?? 0) + 1);
    if (inv.attended === 1) attendedKinds.set(kind, (attendedKinds.get(kind) ?? 0) + 1);
  }
  const attendedTotal = [...attendedKinds.values()].reduce((a, b) => a + b, 0);

  const trend = [];
  for (const p of trailingPeriods(period, 6)) {
    trend.push({
      key: p.key,
      label: p.label,
      deviations: suppressCount(
        p.key === period.key ? count : p.key === previous.key ? previousCount : await countIn(p),
        k,
      ),
      newPlans: suppressCount(p.key === period.key ? created : await countOf(createdIn(instantBounds(p))), k),
    });
  }

  return {
    k,
    period,
    previous,
    lastYear,
    computedAt: now.toISOString(),
    deviations: {
      count: suppressCount(count, k),
      previousCount: suppressCount(previousCount, k),
      lastYearCount: suppressCount(lastYearCount, k),
      byCategory: table(
        DEVIATION_CATEGORIES,
        tally((g) => g.category),
        k,
      ),
      byParty: table(organisationIds, toMap(byParty), k, new Map(organisations.map((o) => [o.id, o.name]))),
      byConsequence: table(
        DEVIATION_CONSEQUENCES,
        tally((g) => g.consequence),
        k,
      ),
      byKind: table(
        DEVIATION_KINDS,
        tally((g) => g.kind),
        k,
      ),
      statusAtEnd: table(
        DEVIATION_STATUSES,
        tally((g) => g.status_at_end),
        k,
      ),
      medianDaysToFirstAnswer: median(toFirstAnswer, k),
      medianDaysToClose: median(toClose, k),
      shareAnsweredInTime: share(inTime, dueRoutes, k),
      escalations: table(
        ESCALATION_LEVELS,
        tally((g) => g.escalation_level),
        k,
      ),
      improvements: improvements.map((i) => ({ number: i.number, summary: i.summary })),
    },
    plans: {
      created: suppressCount(created, k),
      activeAtEnd: suppressCount(activeAtEnd, k),
      closed: suppressCount(closed, k),
      byKind: table(PLAN_KINDS, toMap(createdByKind), k),
      organisationKinds: table(ORGANISATION_KINDS, kinds, k),
      followUpsDone: suppressCount(followUpsDone, k),
      followUpsOnTime: suppressCount(onTime, k),
      shareFollowUpsOnTime: share(onTime, followUpsDone, k),
      closedByOutcome: table(PLAN_OUTCOMES, outcomes, k),
      shareWorkOrStudies: share(workOrStudies, closed, k),
      activeOver24Months: suppressCount(over24, k),
    },
    meetings: {
      held: suppressCount(meetings.length, k),
      medianDaysSummonsToMeeting: median(
        meetings.map((m) => days(m.summons_sent_at, m.starts_at)),
        k,
      ),
      summonedByKind: table(ORGANISATION_KINDS, summonedKinds, k),
      attendedByKind: table(ORGANISATION_KINDS, attendedKinds, k),
      shareSummonedAttended: share(attendedTotal, summoned.length, k),
    },
    trend,
  };
}
