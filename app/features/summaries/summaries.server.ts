// Period summaries for steering groups: computed from the data, never typed in, and
// suppressed before anything leaves this module. No personal data is read into a summary
// beyond counts; plan figures come from the plans led by the partnership's organisations.
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { DEVIATION_CATEGORIES, DEVIATION_CONSEQUENCES, DEVIATION_KINDS, DEVIATION_STATUSES, ESCALATION_LEVELS, ORGANISATION_KINDS, PLAN_KINDS, PLAN_OUTCOMES } from "#db/schema";
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
  /** Meetings are not recorded yet: shown as "not available", never as invented numbers. */
  meetings: null;
  trend: { key: string; label: string; deviations: Cell; newPlans: Cell }[];
}

function table(keys: readonly string[], counts: Map<string, number>, k: number, labels?: Map<string, string>): Table {
  const values = keys.map((key) => counts.get(key) ?? 0);
  const { cells, total } = suppressTable(values, k);
  return { rows: keys.map((key, i) => ({ key, ...(labels?.has(key) ? { label: labels.get(key) } : {}), n: cells[i] })), total };
}

const toMap = (rows: { key: string | null; n: number | string | bigint }[]) => new Map(rows.map((r) => [String(r.key), Number(r.n)]));
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

export async function computeSummary(db: DB, partnershipId: string, period: Period, now = new Date()): Promise<SummaryFigures> {
  const partnership = await db.selectFrom("partnerships").select("suppression_k").where("id", "=", partnershipId).executeTakeFirstOrThrow();
  const k = effectiveK(partnership.suppression_k);
  const previous = previousPeriod(period);
  const lastYear = sameperiod(period, 1);
  const bounds = instantBounds(period);

  const deviationsIn = (p: Period) =>
    db.selectFrom("deviations").where("deviations.partnership_id", "=", partnershipId).where("deviations.event_date", ">=", p.start).where("deviations.event_date", "<=", p.end);
  const countIn = async (p: Period) => Number((await deviationsIn(p).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const groupBy = async (column: "category" | "consequence" | "kind" | "escalation_level") =>
    toMap(
      await deviationsIn(period)
        .select([`deviations.${column} as key`, (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy(`deviations.${column}`)
        .execute(),
    );

  const organisations = await db
    .selectFrom("organisations")
    .innerJoin("organisation_partnerships", "organisation_partnerships.organisation_id", "organisations.id")
    .select(["organisations.id", "organisations.name"])
    .where("organisation_partnerships.partnership_id", "=", partnershipId)
    .orderBy("organisations.name")
    .execute();
  const organisationIds = organisations.map((o) => o.id);

  const [count, previousCount, lastYearCount, byCategory, byConsequence, byKind, byEscalation, byParty, lifecycle, routes, improvements] = await Promise.all([
    countIn(period),
    countIn(previous),
    countIn(lastYear),
    groupBy("category"),
    groupBy("consequence"),
    groupBy("kind"),
    groupBy("escalation_level"),
    deviationsIn(period)
      .innerJoin("deviation_parties", "deviation_parties.deviation_id", "deviations.id")
      .select(["deviation_parties.organisation_id as key", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("deviation_parties.organisation_id")
      .execute(),
    // What each case had reached by the end of the period, read from its timestamps.
    deviationsIn(period)
      .select((eb) => [
        "deviations.created_at",
        "deviations.routed_at",
        "deviations.closed_at",
        eb.selectFrom("deviation_routes").select((e) => e.fn.min("deviation_routes.answered_at").as("a")).whereRef("deviation_routes.deviation_id", "=", "deviations.id").as("first_answer"),
        eb.selectFrom("deviation_routes").select((e) => e.fn.countAll<number>().as("n")).whereRef("deviation_routes.deviation_id", "=", "deviations.id").as("routes"),
        eb
          .selectFrom("deviation_routes")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("deviation_routes.deviation_id", "=", "deviations.id")
          .where("deviation_routes.answered_at", "<", bounds.to)
          .as("answered_by_end"),
        eb
          .selectFrom("deviation_events")
          .select((e) => e.fn.min("deviation_events.occurred_at").as("t"))
          .whereRef("deviation_events.deviation_id", "=", "deviations.id")
          .where("deviation_events.change", "in", ["triage", "question"])
          .as("reviewed_at"),
      ])
      .execute(),
    deviationsIn(period)
      .innerJoin("deviation_routes", "deviation_routes.deviation_id", "deviations.id")
      .select(["deviation_routes.answer_by", "deviation_routes.answered_at"])
      .execute(),
    deviationsIn(period)
      .select(["deviations.number", "deviations.summary"])
      .where("deviations.status", "=", "closed")
      .where("deviations.closing_outcome", "=", "improvement_agreed")
      .orderBy("deviations.number")
      .execute(),
  ]);

  const statusCounts = new Map<string, number>();
  const toFirstAnswer: number[] = [];
  const toClose: number[] = [];
  for (const d of lifecycle) {
    const reached = (t: string | null | undefined) => Boolean(t) && t! < bounds.to;
    const routesN = Number(d.routes ?? 0);
    const status =
      reached(d.closed_at) ? "closed"
      : routesN > 0 && Number(d.answered_by_end ?? 0) === routesN ? "answered"
      : reached(d.routed_at) ? "awaiting_response"
      : reached(d.reviewed_at as string | null) ? "in_review"
      : "submitted";
    statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
    if (d.first_answer) toFirstAnswer.push(days(d.created_at, d.first_answer as string));
    if (d.closed_at) toClose.push(days(d.created_at, d.closed_at));
  }
  const dueRoutes = routes.filter((r) => r.answered_at || r.answer_by <= period.end);
  const inTime = dueRoutes.filter((r) => r.answered_at && r.answered_at.slice(0, 10) <= r.answer_by).length;

  // Plans led by the partnership's organisations.
  const plans = () => db.selectFrom("plans").where("plans.lead_organisation_id", "in", organisationIds.length ? organisationIds : [""]);
  const activeAt = (instant: string) =>
    plans()
      .where("plans.activated_at", "<", instant)
      .where((eb) => eb.or([eb("plans.closed_at", "is", null), eb("plans.closed_at", ">=", instant)]));
  const countOf = async (q: ReturnType<typeof plans>) => Number((await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const twoYearsBefore = instantBounds({ ...period, start: addDays(period.end, 1 - 730), end: period.end }).from;

  const [created, createdByKind, activeAtEnd, closed, closedByOutcome, over24, kinds, followUps] = await Promise.all([
    countOf(plans().where("plans.created_at", ">=", bounds.from).where("plans.created_at", "<", bounds.to)),
    plans().where("plans.created_at", ">=", bounds.from).where("plans.created_at", "<", bounds.to).select(["plans.kind as key", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("plans.kind").execute(),
    countOf(activeAt(bounds.to)),
    countOf(plans().where("plans.closed_at", ">=", bounds.from).where("plans.closed_at", "<", bounds.to)),
    plans().where("plans.closed_at", ">=", bounds.from).where("plans.closed_at", "<", bounds.to).select(["plans.outcome as key", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("plans.outcome").execute(),
    countOf(activeAt(bounds.to).where("plans.activated_at", "<", twoYearsBefore)),
    // How many plans active during the period each kind of organisation took part in.
    db
      .selectFrom("plan_team")
      .innerJoin("users", "users.id", "plan_team.user_id")
      .innerJoin("organisations", "organisations.id", "users.organisation_id")
      .select(["organisations.kind as key", sql<number>`count(distinct plan_team.plan_id)`.as("n")])
      .where("plan_team.plan_id", "in", plans()
        .select("plans.id")
        .where("plans.activated_at", "<", bounds.to)
        .where((eb) => eb.or([eb("plans.closed_at", "is", null), eb("plans.closed_at", ">=", bounds.from)])))
      .groupBy("organisations.kind")
      .execute(),
    db
      .selectFrom("plan_follow_ups")
      .select(["plan_follow_ups.held_on", "plan_follow_ups.due_on"])
      .where("plan_follow_ups.plan_id", "in", plans().select("plans.id"))
      .where("plan_follow_ups.held_on", ">=", period.start)
      .where("plan_follow_ups.held_on", "<=", period.end)
      .execute(),
  ]);
  const outcomes = toMap(closedByOutcome);
  const workOrStudies = (outcomes.get("work") ?? 0) + (outcomes.get("studies") ?? 0);
  const onTime = followUps.filter((f) => !f.due_on || f.held_on <= f.due_on).length;

  const trend = await Promise.all(
    trailingPeriods(period, 6).map(async (p) => {
      const b = instantBounds(p);
      return {
        key: p.key,
        label: p.label,
        deviations: suppressCount(await countIn(p), k),
        newPlans: suppressCount(await countOf(plans().where("plans.created_at", ">=", b.from).where("plans.created_at", "<", b.to)), k),
      };
    }),
  );

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
      byCategory: table(DEVIATION_CATEGORIES, byCategory, k),
      byParty: table(organisationIds, toMap(byParty), k, new Map(organisations.map((o) => [o.id, o.name]))),
      byConsequence: table(DEVIATION_CONSEQUENCES, byConsequence, k),
      byKind: table(DEVIATION_KINDS, byKind, k),
      statusAtEnd: table(DEVIATION_STATUSES, statusCounts, k),
      medianDaysToFirstAnswer: median(toFirstAnswer, k),
      medianDaysToClose: median(toClose, k),
      shareAnsweredInTime: share(inTime, dueRoutes.length, k),
      escalations: table(ESCALATION_LEVELS, byEscalation, k),
      // The coordinator's de-identified summaries; withheld as a whole when so few they could point at a case.
      improvements: improvements.length >= k ? improvements.map((i) => ({ number: i.number, summary: i.summary })) : [],
    },
    plans: {
      created: suppressCount(created, k),
      activeAtEnd: suppressCount(activeAtEnd, k),
      closed: suppressCount(closed, k),
      byKind: table(PLAN_KINDS, toMap(createdByKind), k),
      organisationKinds: table(ORGANISATION_KINDS, toMap(kinds), k),
      followUpsDone: suppressCount(followUps.length, k),
      followUpsOnTime: suppressCount(onTime, k),
      shareFollowUpsOnTime: share(onTime, followUps.length, k),
      closedByOutcome: table(PLAN_OUTCOMES, outcomes, k),
      shareWorkOrStudies: share(workOrStudies, closed, k),
      activeOver24Months: suppressCount(over24, k),
    },
    meetings: null,
    trend,
  };
}
