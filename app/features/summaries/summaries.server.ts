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

  const organisations = await db
    .selectFrom("organisations")
    .innerJoin("organisation_partnerships", "organisation_partnerships.organisation_id", "organisations.id")
    .select(["organisations.id", "organisations.name"])
    .where("organisation_partnerships.partnership_id", "=", partnershipId)
    .orderBy("organisations.name")
    .execute();
  const organisationIds = organisations.map((o) => o.id);

  // One pass over the period's cases; the rest is counted here rather than in many queries.
  const inPeriod = deviationsIn(period).select("deviations.id");
  const [count, previousCount, lastYearCount, cases, byParty, routes, reviews] = await Promise.all([
    countIn(period),
    countIn(previous),
    countIn(lastYear),
    deviationsIn(period)
      .select([
        "deviations.id",
        "deviations.number",
        "deviations.category",
        "deviations.consequence",
        "deviations.kind",
        "deviations.escalation_level",
        "deviations.status",
        "deviations.closing_outcome",
        "deviations.created_at",
        "deviations.routed_at",
        "deviations.closed_at",
      ])
      .execute(),
    db
      .selectFrom("deviation_parties")
      .select(["deviation_parties.organisation_id as key", (eb) => eb.fn.countAll<number>().as("n")])
      .where("deviation_parties.deviation_id", "in", inPeriod)
      .groupBy("deviation_parties.organisation_id")
      .execute(),
    db
      .selectFrom("deviation_routes")
      .select(["deviation_routes.deviation_id", "deviation_routes.answer_by", "deviation_routes.answered_at"])
      .where("deviation_routes.deviation_id", "in", inPeriod)
      .execute(),
    db
      .selectFrom("deviation_events")
      .select(["deviation_events.deviation_id", (eb) => eb.fn.min("deviation_events.occurred_at").as("at")])
      .where("deviation_events.deviation_id", "in", inPeriod)
      .where("deviation_events.change", "in", ["triage", "question"])
      .groupBy("deviation_events.deviation_id")
      .execute(),
  ]);

  const tally = (pick: (c: (typeof cases)[number]) => string | null) => {
    const counts = new Map<string, number>();
    for (const c of cases) {
      const key = pick(c);
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };
  const byCategory = tally((c) => c.category);
  const byConsequence = tally((c) => c.consequence);
  const byKind = tally((c) => c.kind);
  const byEscalation = tally((c) => c.escalation_level);
  const improvementIds = cases.filter((c) => c.status === "closed" && c.closing_outcome === "improvement_agreed").map((c) => c.id);
  // Summaries are long text: read only the few that are listed, so the rest stays index-only.
  const improvements =
    improvementIds.length >= k
      ? await db.selectFrom("deviations").select(["number", "summary"]).where("id", "in", improvementIds).orderBy("number").execute()
      : [];

  const routesOf = new Map<string, { answerBy: string; answeredAt: string | null }[]>();
  for (const r of routes) {
    const list = routesOf.get(r.deviation_id) ?? [];
    list.push({ answerBy: r.answer_by, answeredAt: r.answered_at });
    routesOf.set(r.deviation_id, list);
  }
  const reviewedAt = new Map(reviews.map((r) => [r.deviation_id, r.at as string | null]));

  // What each case had reached by the end of the period, read from its timestamps.
  const statusCounts = new Map<string, number>();
  const toFirstAnswer: number[] = [];
  const toClose: number[] = [];
  for (const d of cases) {
    const reached = (t: string | null | undefined) => Boolean(t) && t! < bounds.to;
    const own = routesOf.get(d.id) ?? [];
    const answers = own.map((r) => r.answeredAt).filter((a): a is string => a !== null).sort();
    const status = reached(d.closed_at)
      ? "closed"
      : own.length > 0 && own.every((r) => reached(r.answeredAt))
        ? "answered"
        : reached(d.routed_at)
          ? "awaiting_response"
          : reached(reviewedAt.get(d.id))
            ? "in_review"
            : "submitted";
    statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
    if (answers.length > 0) toFirstAnswer.push(days(d.created_at, answers[0]));
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
      .selectFrom("plans")
      .innerJoin("plan_team", "plan_team.plan_id", "plans.id")
      .innerJoin("users", "users.id", "plan_team.user_id")
      .innerJoin("organisations", "organisations.id", "users.organisation_id")
      .select(["organisations.kind as key", sql<number>`count(distinct plans.id)`.as("n")])
      .where("plans.lead_organisation_id", "in", organisationIds.length ? organisationIds : [""])
      .where("plans.activated_at", "<", bounds.to)
      .where((eb) => eb.or([eb("plans.closed_at", "is", null), eb("plans.closed_at", ">=", bounds.from)]))
      .groupBy("organisations.kind")
      .execute(),
    // Counted in SQL over the period's follow-ups; the plan is only probed by id, never scanned.
    db
      .selectFrom("plan_follow_ups")
      .select((eb) => [
        eb.fn.countAll<number>().as("done"),
        eb.fn.sum<number>(eb.case().when(eb.or([eb("plan_follow_ups.due_on", "is", null), eb("plan_follow_ups.held_on", "<=", eb.ref("plan_follow_ups.due_on"))])).then(1).else(0).end()).as("on_time"),
      ])
      .where("plan_follow_ups.held_on", ">=", period.start)
      .where("plan_follow_ups.held_on", "<=", period.end)
      .where("plan_follow_ups.plan_id", "in", plans().select("plans.id"))
      .executeTakeFirstOrThrow(),
  ]);
  const outcomes = toMap(closedByOutcome);
  const workOrStudies = (outcomes.get("work") ?? 0) + (outcomes.get("studies") ?? 0);
  const followUpsDone = Number(followUps.done);
  const onTime = Number(followUps.on_time ?? 0);

  // Meetings held in the period on the partnership's plans.
  const heldMeetings = db
    .selectFrom("meetings")
    .innerJoin("plans", "plans.id", "meetings.plan_id")
    .where("plans.lead_organisation_id", "in", organisationIds.length ? organisationIds : [""])
    .where("meetings.status", "=", "held")
    .where("meetings.held_at", ">=", bounds.from)
    .where("meetings.held_at", "<", bounds.to);
  const [meetings, summoned] = await Promise.all([
    heldMeetings.select(["meetings.summons_sent_at", "meetings.starts_at"]).execute(),
    heldMeetings
      .innerJoin("meeting_invitees", "meeting_invitees.meeting_id", "meetings.id")
      .select(["meeting_invitees.organisation_kind", "meeting_invitees.attended"])
      .where("meeting_invitees.kind", "=", "summons")
      .where("meeting_invitees.party", "=", "staff")
      .execute(),
  ]);
  const summonedKinds = new Map<string, number>();
  const attendedKinds = new Map<string, number>();
  for (const inv of summoned) {
    const kind = inv.organisation_kind ?? "other";
    summonedKinds.set(kind, (summonedKinds.get(kind) ?? 0) + 1);
    if (inv.attended === 1) attendedKinds.set(kind, (attendedKinds.get(kind) ?? 0) + 1);
  }
  const attendedTotal = [...attendedKinds.values()].reduce((a, b) => a + b, 0);

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
      improvements: improvements.map((i) => ({ number: i.number, summary: i.summary })),
    },
    plans: {
      created: suppressCount(created, k),
      activeAtEnd: suppressCount(activeAtEnd, k),
      closed: suppressCount(closed, k),
      byKind: table(PLAN_KINDS, toMap(createdByKind), k),
      organisationKinds: table(ORGANISATION_KINDS, toMap(kinds), k),
      followUpsDone: suppressCount(followUpsDone, k),
      followUpsOnTime: suppressCount(onTime, k),
      shareFollowUpsOnTime: share(onTime, followUpsDone, k),
      closedByOutcome: table(PLAN_OUTCOMES, outcomes, k),
      shareWorkOrStudies: share(workOrStudies, closed, k),
      activeOver24Months: suppressCount(over24, k),
    },
    meetings: {
      held: suppressCount(meetings.length, k),
      medianDaysSummonsToMeeting: median(meetings.map((m) => days(m.summons_sent_at, m.starts_at)), k),
      summonedByKind: table(ORGANISATION_KINDS, summonedKinds, k),
      attendedByKind: table(ORGANISATION_KINDS, attendedKinds, k),
      shareSummonedAttended: share(attendedTotal, summoned.length, k),
    },
    trend,
  };
}
