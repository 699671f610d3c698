// The improvement register in a period summary: open, done in the period and overdue, and for
// each improvement done by the period's end the deviations in its categories per period since
// (docs/decisions/0025-improvement-register.md). Counted in two reads of the register and one
// grouped count of deviations, however many improvements there are; the deviation counts are
// suppressed like every other cell. Improvements carry no personal data (the guard saw to it);
// the register shows the owner organisation, never the contact named.
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import type { DeviationCategory } from "#db/schema";
import { instantBounds, trailingPeriods, type Period } from "~/features/summaries/periods";
import { effectiveK, suppressCount } from "~/features/summaries/suppression";
import { todayInStockholm } from "~/lib/time";
import type { DoneItem, ImprovementRegisterFigures, RegisterItem } from "./register-figures";

/** How many periods a done improvement's trend shows at most, the summary's own included. */
export const TREND_PERIODS = 6;

const stockholmDate = (iso: string) => todayInStockholm(new Date(iso));

export async function improvementRegisterFigures(
  db: DB,
  partnershipId: string,
  period: Period,
  now = new Date(),
): Promise<ImprovementRegisterFigures> {
  const { from, to } = instantBounds(period);
  const nowIso = now.toISOString();
  // A period still running is read as it stands today.
  const asOfInstant = to < nowIso ? to : nowIso;
  const today = todayInStockholm(now);
  const asOf = period.end < today ? period.end : today;
  const partnership = await db
    .selectFrom("partnerships")
    .select("suppression_k")
    .where("id", "=", partnershipId)
    .executeTakeFirstOrThrow();
  const k = effectiveK(partnership.suppression_k);
  const rows = await db
    .selectFrom("improvements")
    .innerJoin("organisations", "organisations.id", "improvements.owner_organisation_id")
    .select([
      "improvements.id",
      "improvements.title",
      "organisations.name as owner_name",
      "improvements.due_date",
      "improvements.done_at",
      "improvements.dropped_at",
    ])
    .where("improvements.partnership_id", "=", partnershipId)
    .where("improvements.created_at", "<", asOfInstant)
    .execute();
  const before = (at: string | null, instant: string) => at !== null && at < instant;
  const within = (at: string | null) => at !== null && at >= from && at < to;
  const openRows = rows.filter((r) => !before(r.done_at, asOfInstant) && !before(r.dropped_at, asOfInstant));
  const openItems: RegisterItem[] = openRows
    .map((r) => ({
      title: r.title,
      ownerOrganisationName: r.owner_name,
      dueDate: r.due_date,
      overdue: r.due_date < asOf,
    }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate));
  const doneRows = rows
    .filter((r) => before(r.done_at, asOfInstant))
    .sort((a, b) => (b.done_at ?? "").localeCompare(a.done_at ?? ""));
  const done = await trends(db, partnershipId, period, k, doneRows);
  return {
    asOf,
    open: openItems.length,
    overdue: openItems.filter((i) => i.overdue).length,
    doneInPeriod: rows.filter((r) => within(r.done_at)).length,
    droppedInPeriod: rows.filter((r) => within(r.dropped_at)).length,
    openItems,
    done,
  };
}

interface DoneRow {
  id: string;
  title: string;
  owner_name: string;
  done_at: string | null;
}

/** Each done improvement's categories counted per period, from one grouped query over the deviations. */
async function trends(db: DB, partnershipId: string, period: Period, k: number, rows: DoneRow[]): Promise<DoneItem[]> {
  if (rows.length === 0) return [];
  const categoryRows = await db
    .selectFrom("improvement_categories")
    .select(["improvement_id", "category"])
    .where(
      "improvement_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  const categoriesOf = new Map<string, DeviationCategory[]>();
  for (const c of categoryRows)
    categoriesOf.set(c.improvement_id, [...(categoriesOf.get(c.improvement_id) ?? []), c.category]);
  const chain = trailingPeriods(period, TREND_PERIODS);
  const counts = await countsByCategoryAndPeriod(db, partnershipId, chain, [
    ...new Set(categoryRows.map((c) => c.category)),
  ]);
  return rows.map((r) => {
    const doneOn = stockholmDate(r.done_at as string);
    const categories = (categoriesOf.get(r.id) ?? []).sort();
    // From the period the improvement was done in (or the oldest shown) to the summary's.
    const periods = chain.filter((p) => p.end >= doneOn);
    return {
      title: r.title,
      ownerOrganisationName: r.owner_name,
      doneOn,
      categories,
      trend: periods.map((p) => ({
        key: p.key,
        label: p.label,
        n: suppressCount(
          categories.reduce((sum, c) => sum + (counts.get(`${p.key}|${c}`) ?? 0), 0),
          k,
        ),
      })),
    };
  });
}

/** Deviations of the partnership per "periodKey|category", for the periods and categories asked. */
async function countsByCategoryAndPeriod(
  db: DB,
  partnershipId: string,
  periods: Period[],
  categories: DeviationCategory[],
): Promise<Map<string, number>> {
  if (categories.length === 0 || periods.length === 0) return new Map();
  const rows = await db
    .selectFrom("deviations")
    .select((eb) => {
      let bucket = eb.case().when("deviations.event_date", "<=", periods[0].end).then(sql.lit(periods[0].key));
      for (const p of periods.slice(1)) bucket = bucket.when("deviations.event_date", "<=", p.end).then(sql.lit(p.key));
      return ["deviations.category", bucket.end().as("period_key"), eb.fn.countAll<number>().as("n")];
    })
    .where("deviations.partnership_id", "=", partnershipId)
    .where("deviations.event_date", ">=", periods[0].start)
    .where("deviations.event_date", "<=", periods[periods.length - 1].end)
    .where("deviations.category", "in", categories)
    .groupBy(["deviations.category", "period_key"])
    .execute();
  return new Map(rows.map((r) => [`${r.period_key}|${r.category}`, Number(r.n)]));
}

/** A summary's figures with the register added: what the live summary shows and a snapshot freezes. */
export async function withImprovementRegister<F extends object>(
  db: DB,
  figures: F,
  partnershipId: string,
  period: Period,
  now = new Date(),
): Promise<F & { improvementRegister: ImprovementRegisterFigures }> {
  return { ...figures, improvementRegister: await improvementRegisterFigures(db, partnershipId, period, now) };
}
