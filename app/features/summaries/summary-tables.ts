// Every table a summary shows, in one list: the page renders them and the CSV export writes them,
// so what is printed and what is exported can never differ.
import type { TFunction } from "i18next";
import type { Cell } from "./suppression";
import { intlLocale, numberFormat } from "~/lib/time";
import type { Breakdowns, SummaryFigures, Table } from "./summary-figures";

export interface SummaryTable {
  id: string;
  title: string;
  /** A bar chart accompanies the table. */
  chart: boolean;
  rows: { label: string; value: Cell | string }[];
  total?: Cell;
}

/** "<k" for a small count, "–" for a cell masked to protect another, else the value. */
export function formatCell(value: Cell | string | undefined, k: number): string {
  if (value === null || value === undefined) return `<${k}`;
  if (value === "masked") return "–";
  return String(value);
}

export function formatShare(value: number | null, locale: string): string | null {
  return value === null
    ? null
    : numberFormat(intlLocale(locale), { style: "percent", maximumFractionDigits: 0 }).format(value);
}

export function formatDays(value: number | null, locale: string): string | null {
  return value === null ? null : numberFormat(intlLocale(locale), { maximumFractionDigits: 1 }).format(value);
}

export function summaryTables(f: SummaryFigures, t: TFunction, locale: string): SummaryTable[] {
  const coded = (
    id: string,
    title: string,
    table: Table,
    labelOf: (key: string) => string,
    chart = true,
    withTotal = true,
  ): SummaryTable => ({
    id,
    title,
    chart,
    rows: table.rows.map((r) => ({ label: r.label ?? labelOf(r.key), value: r.n })),
    ...(withTotal ? { total: table.total } : {}),
  });
  const na = t("summaries.notAvailable");
  const d = f.deviations;
  const p = f.plans;
  return [
    {
      id: "deviation-counts",
      title: t("summaries.count"),
      chart: false,
      rows: [
        { label: `${t("summaries.thisPeriod")} (${f.period.label})`, value: d.count },
        { label: t("summaries.previousPeriod", { label: f.previous.label }), value: d.previousCount },
        { label: t("summaries.lastYear", { label: f.lastYear.label }), value: d.lastYearCount },
      ],
    },
    coded("deviations-by-category", t("summaries.byCategory"), d.byCategory, (k) =>
      t(`deviations.categories.${k}` as never),
    ),
    // A case can concern several parties, so the rows do not add up to a total.
    coded("deviations-by-party", t("summaries.byParty"), d.byParty, (k) => k, true, false),
    coded("deviations-by-consequence", t("summaries.byConsequence"), d.byConsequence, (k) =>
      t(`deviations.consequences.${k}` as never),
    ),
    coded("deviations-by-kind", t("summaries.byKind"), d.byKind, (k) => t(`deviations.kinds.${k}` as never)),
    coded("deviations-status", t("summaries.statusAtEnd"), d.statusAtEnd, (k) =>
      t(`deviations.statuses.${k}` as never),
    ),
    coded(
      "deviations-escalations",
      t("summaries.escalations"),
      d.escalations,
      (k) => t(`deviations.escalationLevels.${k}` as never),
      false,
    ),
    // Snapshots frozen before issue 17 have no routine tables and render as they did.
    ...(d.routineByCategory
      ? [
          coded("deviations-routine-by-category", t("summaries.routineByCategory"), d.routineByCategory, (k) =>
            t(`deviations.categories.${k}` as never),
          ),
        ]
      : []),
    ...(d.routineByOrganisationKind
      ? [
          coded(
            "deviations-routine-by-organisation-kind",
            t("summaries.routineByOrganisationKind"),
            d.routineByOrganisationKind,
            (k) => t(`organisationKinds.${k}` as never),
          ),
        ]
      : []),
    {
      id: "deviations-timing",
      title: t("summaries.timing"),
      chart: false,
      rows: [
        { label: t("summaries.medianFirstAnswer"), value: formatDays(d.medianDaysToFirstAnswer, locale) ?? na },
        { label: t("summaries.medianClose"), value: formatDays(d.medianDaysToClose, locale) ?? na },
        { label: t("summaries.shareInTime"), value: formatShare(d.shareAnsweredInTime, locale) ?? na },
      ],
    },
    {
      id: "plans-overview",
      title: t("summaries.plansHeading"),
      chart: false,
      rows: [
        { label: t("summaries.plansNew"), value: p.created },
        { label: t("summaries.plansActive"), value: p.activeAtEnd },
        { label: t("summaries.plansClosed"), value: p.closed },
        { label: t("summaries.activeOver24"), value: p.activeOver24Months },
        // Absent in snapshots frozen before issue 17.
        ...(p.endedOver24Months !== undefined
          ? [
              { label: t("summaries.endedOver24"), value: p.endedOver24Months },
              {
                label: t("summaries.shareEndedOver24"),
                value: formatShare(p.shareEndedOver24Months ?? null, locale) ?? na,
              },
            ]
          : []),
        { label: t("summaries.shareWorkOrStudies"), value: formatShare(p.shareWorkOrStudies, locale) ?? na },
      ],
    },
    coded("plans-by-kind", t("summaries.plansByKind"), p.byKind, (k) => k, false),
    // A plan counts once for every kind of organisation in it, so these do not add up to a total.
    coded(
      "plans-organisation-kinds",
      t("summaries.organisationKinds"),
      p.organisationKinds,
      (k) => t(`organisationKinds.${k}` as never),
      true,
      false,
    ),
    {
      id: "plans-follow-ups",
      title: t("summaries.followUps"),
      chart: false,
      rows: [
        { label: t("summaries.followUpsDone"), value: p.followUpsDone },
        { label: t("summaries.followUpsOnTime"), value: p.followUpsOnTime },
        { label: t("summaries.shareFollowUpsOnTime"), value: formatShare(p.shareFollowUpsOnTime, locale) ?? na },
      ],
    },
    // Snapshots frozen before migration 0022 have neither and render as they did.
    ...(p.cadence
      ? [
          {
            id: "plans-cadence",
            title: t("summaries.cadence", { count: p.cadence.intervalMonths }),
            chart: false,
            rows: [
              { label: t("summaries.overdueAtEnd"), value: p.cadence.overdueAtEnd },
              {
                label: t("summaries.followedUpWithin", { count: p.cadence.intervalMonths }),
                value: p.cadence.followedUpWithin,
              },
              {
                label: t("summaries.shareFollowedUpWithin"),
                value: formatShare(p.cadence.shareFollowedUpWithin, locale) ?? na,
              },
            ],
          },
        ]
      : []),
    ...(p.progression
      ? [
          {
            id: "plans-progression",
            title: t("summaries.progression"),
            chart: false,
            rows: [
              { label: t("summaries.progressionPersons"), value: p.progression.persons },
              { label: t("summaries.steppedForward"), value: p.progression.steppedForward },
              {
                label: t("summaries.shareSteppedForward"),
                value: formatShare(p.progression.shareSteppedForward, locale) ?? na,
              },
            ],
          },
        ]
      : []),
    coded("plans-by-outcome", t("summaries.closedByOutcome"), p.closedByOutcome, (k) =>
      t(`plans.outcomes.${k}` as never),
    ),
    // Snapshots frozen before migration 0022 have no breakdowns and render as they did.
    ...(p.breakdowns ? breakdownTables(p.breakdowns, t) : []),
    {
      id: "meetings-overview",
      title: t("summaries.meetingsHeading"),
      chart: false,
      rows: [
        { label: t("summaries.meetingsHeld"), value: f.meetings.held },
        {
          label: t("summaries.medianSummonsToMeeting"),
          value: formatDays(f.meetings.medianDaysSummonsToMeeting, locale) ?? na,
        },
        {
          label: t("summaries.shareSummonedAttended"),
          value: formatShare(f.meetings.shareSummonedAttended, locale) ?? na,
        },
      ],
    },
    coded(
      "meetings-summoned",
      t("summaries.summonedByKind"),
      f.meetings.summonedByKind,
      (k) => t(`organisationKinds.${k}` as never),
      false,
    ),
    coded("meetings-attended", t("summaries.attendedByKind"), f.meetings.attendedByKind, (k) =>
      t(`organisationKinds.${k}` as never),
    ),
    {
      id: "trend",
      title: t("summaries.trendHeading"),
      chart: false,
      rows: f.trend.flatMap((r) => [
        { label: `${r.label} – ${t("summaries.trendDeviations")}`, value: r.deviations },
        { label: `${r.label} – ${t("summaries.trendPlans")}`, value: r.newPlans },
      ]),
    },
  ];
}

function breakdownTables(b: Breakdowns, t: TFunction): SummaryTable[] {
  const of = (id: string, title: string, table: Table, labelOf: (row: Table["rows"][number]) => string) => ({
    id,
    title,
    chart: true,
    rows: table.rows.map((r) => ({ label: labelOf(r), value: r.n })),
    total: table.total,
  });
  const age = (r: Table["rows"][number]) => t(`summaries.ageBands.${r.key}` as never);
  const gender = (r: Table["rows"][number]) => t(`summaries.genders.${r.key}` as never);
  const action = (r: Table["rows"][number]) =>
    `${t(`organisationKinds.${r.key.slice(0, r.key.indexOf("/"))}` as never)}: ${r.label || t("summaries.noActionType")}`;
  return [
    of("plans-new-by-age", t("summaries.createdByAge"), b.createdByAge, age),
    of("plans-new-by-gender", t("summaries.createdByGender"), b.createdByGender, gender),
    of("plans-active-by-age", t("summaries.activeByAge"), b.activeByAge, age),
    of("plans-active-by-gender", t("summaries.activeByGender"), b.activeByGender, gender),
    of("plans-closed-by-age", t("summaries.closedByAge"), b.closedByAge, age),
    of("plans-closed-by-gender", t("summaries.closedByGender"), b.closedByGender, gender),
    {
      ...of("actions-by-kind-and-type", t("summaries.actionsByKindAndType"), b.actionsByKindAndType, action),
      chart: false,
    },
  ];
}
