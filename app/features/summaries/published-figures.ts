// Suppression applied to a summary's raw counts (DESIGN.md "Period summaries", suppression.ts):
// the one step between what the database counted and what may leave the summaries feature.
// Pure: everything it needs is handed in, so it is tested and reasoned about on its own.
import {
  DEVIATION_CATEGORIES,
  DEVIATION_CONSEQUENCES,
  DEVIATION_KINDS,
  DEVIATION_STATUSES,
  ESCALATION_LEVELS,
  ORGANISATION_KINDS,
  PLAN_KINDS,
  PLAN_OUTCOMES,
  WORK_OR_STUDIES_OUTCOMES,
} from "#db/schema";
import { AGE_BANDS, LEGAL_GENDERS, type BreakdownCounts } from "./breakdown-figures.server";
import type { CadenceCounts, ProgressionCounts } from "./cadence-figures.server";
import type { DeviationCounts } from "./deviation-figures.server";
import type { MeetingCounts } from "./meeting-figures.server";
import type { PlanCounts } from "./plan-figures.server";
import type { Counts, SummaryScope } from "./summary-scope.server";
import type { Breakdowns, SummaryFigures, Table } from "./summary-figures";
import { median, share, suppressCount, suppressTable } from "./suppression";

export interface TrendCounts {
  key: string;
  label: string;
  deviations: number;
  newPlans: number;
}

export interface SummaryCounts {
  deviations: DeviationCounts;
  plans: PlanCounts;
  meetings: MeetingCounts;
  trend: TrendCounts[];
  breakdowns: BreakdownCounts;
  cadence: CadenceCounts;
  progression: ProgressionCounts;
}

type Scope = Pick<SummaryScope, "k" | "period" | "previous" | "lastYear" | "organisations" | "actionTypes">;

export function publishedFigures(scope: Scope, counts: SummaryCounts, now: Date): SummaryFigures {
  const { k } = scope;
  return {
    k,
    period: scope.period,
    previous: scope.previous,
    lastYear: scope.lastYear,
    computedAt: now.toISOString(),
    deviations: publishedDeviations(counts.deviations, k, scope.organisations),
    plans: {
      ...publishedPlans(counts.plans, k),
      breakdowns: publishedBreakdowns(scope, counts.breakdowns),
      cadence: {
        intervalMonths: counts.cadence.intervalMonths,
        overdueAtEnd: suppressCount(counts.cadence.overdueAtEnd, k),
        followedUpWithin: suppressCount(counts.cadence.followedUpWithin, k),
        shareFollowedUpWithin: share(counts.cadence.followedUpWithin, counts.cadence.activeAtEnd, k),
      },
      progression: {
        persons: suppressCount(counts.progression.persons, k),
        steppedForward: suppressCount(counts.progression.steppedForward, k),
        shareSteppedForward: share(counts.progression.steppedForward, counts.progression.persons, k),
      },
    },
    meetings: publishedMeetings(counts.meetings, k),
    trend: counts.trend.map((p) => ({
      key: p.key,
      label: p.label,
      deviations: suppressCount(p.deviations, k),
      newPlans: suppressCount(p.newPlans, k),
    })),
  };
}

/** A table with a row for every key, in the keys' order, suppressed as a whole. */
function table(keys: readonly string[], counts: Counts, k: number, labels?: Map<string, string>): Table {
  const values = keys.map((key) => counts.get(key) ?? 0);
  const { cells, total } = suppressTable(values, k);
  return {
    rows: keys.map((key, i) => ({ key, ...(labels?.has(key) ? { label: labels.get(key) } : {}), n: cells[i] })),
    total,
  };
}

function publishedDeviations(
  d: DeviationCounts,
  k: number,
  organisations: { id: string; name: string }[],
): SummaryFigures["deviations"] {
  const medians = medianDays({ toFirstAnswer: d.daysToFirstAnswer, toClose: d.daysToClose }, k);
  return {
    count: suppressCount(d.count, k),
    previousCount: suppressCount(d.previousCount, k),
    lastYearCount: suppressCount(d.lastYearCount, k),
    byCategory: table(DEVIATION_CATEGORIES, d.byCategory, k),
    byParty: table(
      organisations.map((o) => o.id),
      d.byParty,
      k,
      new Map(organisations.map((o) => [o.id, o.name])),
    ),
    byConsequence: table(DEVIATION_CONSEQUENCES, d.byConsequence, k),
    byKind: table(DEVIATION_KINDS, d.byKind, k),
    statusAtEnd: table(DEVIATION_STATUSES, d.statusAtEnd, k),
    medianDaysToFirstAnswer: medians.toFirstAnswer,
    medianDaysToClose: medians.toClose,
    shareAnsweredInTime: share(d.answeredInTime, d.dueRoutes, k),
    escalations: table(ESCALATION_LEVELS, d.escalations, k),
    // Withheld as a whole when so few they could point at a case.
    improvements:
      d.improvements.length >= k ? d.improvements.map((i) => ({ number: i.number, summary: i.summary })) : [],
    routineByCategory: table(DEVIATION_CATEGORIES, d.routineByCategory, k),
    routineByOrganisationKind: table(ORGANISATION_KINDS, d.routineByOrganisationKind, k),
  };
}

function publishedPlans(p: PlanCounts, k: number): SummaryFigures["plans"] {
  const closed = [...p.closedByOutcome.values()].reduce((a, b) => a + b, 0);
  // Kolada's "went on to work or studies": unsubsidised work, subsidised regular work, studies.
  const workOrStudies = WORK_OR_STUDIES_OUTCOMES.reduce((sum, o) => sum + (p.closedByOutcome.get(o) ?? 0), 0);
  return {
    created: suppressCount(p.created, k),
    activeAtEnd: suppressCount(p.activeAtEnd, k),
    closed: suppressCount(closed, k),
    byKind: table(PLAN_KINDS, p.createdByKind, k),
    organisationKinds: table(ORGANISATION_KINDS, p.organisationKinds, k),
    followUpsDone: suppressCount(p.followUpsDone, k),
    followUpsOnTime: suppressCount(p.followUpsOnTime, k),
    shareFollowUpsOnTime: share(p.followUpsOnTime, p.followUpsDone, k),
    closedByOutcome: table(PLAN_OUTCOMES, p.closedByOutcome, k),
    shareWorkOrStudies: share(workOrStudies, closed, k),
    activeOver24Months: suppressCount(p.activeOver24Months, k),
    endedOver24Months: suppressCount(p.endedOver24Months, k),
    shareEndedOver24Months: share(p.endedOver24Months, p.closedAfterActive, k),
  };
}

function publishedBreakdowns(scope: Scope, b: BreakdownCounts): Breakdowns {
  const { k } = scope;
  // A row for every kind of organisation in the partnership and every type on its list, then any
  // type no longer on it and actions without a type, where there are some.
  const kinds = ORGANISATION_KINDS.filter((kind) => scope.organisations.some((o) => o.kind === kind));
  const keys = kinds.flatMap((kind) => scope.actionTypes.map((type) => `${kind}/${type}`));
  for (const key of b.actionsByKindAndType.keys()) if (!keys.includes(key)) keys.push(key);
  const labels = new Map(keys.map((key) => [key, key.slice(key.indexOf("/") + 1)]));
  return {
    createdByAge: table(AGE_BANDS, b.created.ageBand, k),
    createdByGender: table(LEGAL_GENDERS, b.created.gender, k),
    activeByAge: table(AGE_BANDS, b.activeAtEnd.ageBand, k),
    activeByGender: table(LEGAL_GENDERS, b.activeAtEnd.gender, k),
    closedByAge: table(AGE_BANDS, b.closed.ageBand, k),
    closedByGender: table(LEGAL_GENDERS, b.closed.gender, k),
    actionsByKindAndType: table(keys, b.actionsByKindAndType, k, labels),
  };
}

function publishedMeetings(m: MeetingCounts, k: number): SummaryFigures["meetings"] {
  return {
    held: suppressCount(m.held, k),
    medianDaysSummonsToMeeting: medianDays({ summonsToMeeting: m.daysSummonsToMeeting }, k).summonsToMeeting,
    summonedByKind: table(ORGANISATION_KINDS, m.summonedByKind, k),
    attendedByKind: table(ORGANISATION_KINDS, m.attendedByKind, k),
    shareSummonedAttended: share(m.attended, m.summoned, k),
  };
}

/** Medians in days, each only over at least k cases so that none stands for a single case. */
function medianDays<K extends string>(durations: Record<K, number[]>, k: number): Record<K, number | null> {
  const out = {} as Record<K, number | null>;
  for (const key of Object.keys(durations) as K[]) out[key] = median(durations[key], k);
  return out;
}
