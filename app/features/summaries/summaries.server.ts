// Period summaries for steering groups: computed from the data, never typed in, and suppressed
// before anything leaves this feature. No personal data is read into a summary beyond counts;
// plan figures come from the plans led by the partnership's organisations.
import type { DB } from "#db/client.server";
import { breakdownCounts } from "./breakdown-figures.server";
import { cadenceCounts, progressionCounts } from "./cadence-figures.server";
import { countDeviations, deviationCounts, type DeviationCounts } from "./deviation-figures.server";
import { meetingCounts } from "./meeting-figures.server";
import { instantBounds, trailingPeriods, type Period } from "./periods";
import { countNewPlans, planCounts, type PlanCounts } from "./plan-figures.server";
import { publishedFigures, type TrendCounts } from "./published-figures";
import type { SummaryFigures } from "./summary-figures";
import { summaryScope, type SummaryScope } from "./summary-scope.server";

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
  const scope = await summaryScope(db, partnershipId, period);
  const deviations = await deviationCounts(db, scope);
  const plans = await planCounts(db, scope);
  const meetings = await meetingCounts(db, scope);
  const trend = await trendCounts(db, scope, deviations, plans);
  const breakdowns = await breakdownCounts(db, scope);
  const cadence = await cadenceCounts(db, scope);
  const progression = await progressionCounts(db, scope);
  return publishedFigures(scope, { deviations, plans, meetings, trend, breakdowns, cadence, progression }, now);
}

/** Cases and new plans in the period and the five before it; what is already counted is not counted again. */
async function trendCounts(
  db: DB,
  scope: SummaryScope,
  deviations: DeviationCounts,
  plans: PlanCounts,
): Promise<TrendCounts[]> {
  const trend: TrendCounts[] = [];
  for (const p of trailingPeriods(scope.period, 6)) {
    trend.push({
      key: p.key,
      label: p.label,
      deviations:
        p.key === scope.period.key
          ? deviations.count
          : p.key === scope.previous.key
            ? deviations.previousCount
            : await countDeviations(db, scope, p),
      newPlans: p.key === scope.period.key ? plans.created : await countNewPlans(db, scope, instantBounds(p)),
    });
  }
  return trend;
}
