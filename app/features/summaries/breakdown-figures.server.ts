// Breakdowns nobody types in (docs/decisions/0022-breakdowns-cadence-progression.md): age band
// and legal gender read from the person's identity number when the summary is computed, and the
// actions added in the period by insats type and the responsible organisation's kind. Each is one
// grouped query returning a handful of rows; nothing is suppressed here.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Database } from "#db/schema";
import type { DB } from "#db/client.server";
import { instantBounds } from "./periods";
import { leadOrganisationIds, type Counts, type SummaryScope } from "./summary-scope.server";

export const AGE_BANDS = ["under_18", "18_24", "25_29", "30_49", "50_plus"] as const;
export const LEGAL_GENDERS = ["female", "male"] as const;

/** Lower age limits of the bands after the first, with their keys. */
const BAND_FLOORS: [number, string][] = [
  [50, "50_plus"],
  [30, "30_49"],
  [25, "25_29"],
  [18, "18_24"],
];

export interface Breakdown {
  ageBand: Counts;
  gender: Counts;
}

export interface BreakdownCounts {
  created: Breakdown;
  activeAtEnd: Breakdown;
  closed: Breakdown;
  /** Actions added in the period, keyed "<organisation kind>/<insats type>" ("" when none was chosen). */
  actionsByKindAndType: Counts;
}

/**
 * The date of birth as YYYYMMDD text, a coordination number's day (61–91) taken back by 60:
 * the SQL twin of birthDateOf in app/features/persons/identity-number.ts (tested to agree).
 * Text only, so that no engine has to cast what it cannot.
 */
const birthDate = sql<string>`case when substr(persons.identity_number, 7, 1) in ('6', '7', '8', '9')
  then substr(persons.identity_number, 1, 6) || (case substr(persons.identity_number, 7, 1)
    when '6' then '0' when '7' then '1' when '8' then '2' else '3' end) || substr(persons.identity_number, 8, 1)
  else substr(persons.identity_number, 1, 8) end`;

/**
 * The age band on a date: born on or before the date `years` earlier means at least that old.
 * Literals, not parameters, so that PostgreSQL can group by the expression's alias.
 */
export function ageBandSql(onDate: string) {
  const cut = (years: number) => `${Number(onDate.slice(0, 4)) - years}${onDate.slice(5, 7)}${onDate.slice(8, 10)}`;
  const whens = BAND_FLOORS.map(
    ([years, key]) => sql`when ${birthDate} <= ${sql.lit(cut(years))} then ${sql.lit(key)}`,
  );
  return sql<string>`case ${sql.join(whens, sql` `)} else 'under_18' end`;
}

/** Legal gender: the third of the last four digits, odd for men and even for women. */
export const legalGenderSql = sql<string>`case
  when substr(persons.identity_number, 11, 1) in ('1', '3', '5', '7', '9') then 'male'
  when substr(persons.identity_number, 11, 1) in ('0', '2', '4', '6', '8') then 'female'
  else 'unknown' end`;

type Where = (eb: ExpressionBuilder<Database, "plans" | "persons">) => Expression<SqlBool>;

const plansWithPersons = (db: DB, scope: SummaryScope) =>
  db
    .selectFrom("plans")
    .innerJoin("persons", "persons.id", "plans.person_id")
    .where("plans.lead_organisation_id", "in", leadOrganisationIds(scope));

async function breakdown(db: DB, scope: SummaryScope, where: Where): Promise<Breakdown> {
  const rows = await plansWithPersons(db, scope)
    .where(where)
    .select([
      ageBandSql(scope.period.end).as("band"),
      legalGenderSql.as("gender"),
      (eb) => eb.fn.countAll<number>().as("n"),
    ])
    .groupBy(["band", "gender"])
    .execute();
  const ageBand: Counts = new Map();
  const gender: Counts = new Map();
  for (const r of rows) {
    ageBand.set(r.band, (ageBand.get(r.band) ?? 0) + Number(r.n));
    gender.set(r.gender, (gender.get(r.gender) ?? 0) + Number(r.n));
  }
  return { ageBand, gender };
}

/** New, active at period end and closed plans by the person's age at period end and legal gender. */
export async function breakdownCounts(db: DB, scope: SummaryScope): Promise<BreakdownCounts> {
  const { from, to } = scope.bounds;
  const created = await breakdown(db, scope, (eb) =>
    eb.and([eb("plans.created_at", ">=", from), eb("plans.created_at", "<", to)]),
  );
  const activeAtEnd = await breakdown(db, scope, (eb) =>
    eb.and([
      eb("plans.activated_at", "<", to),
      eb.or([eb("plans.closed_at", "is", null), eb("plans.closed_at", ">=", to)]),
    ]),
  );
  const closed = await breakdown(db, scope, (eb) =>
    eb.and([eb("plans.closed_at", ">=", from), eb("plans.closed_at", "<", to)]),
  );
  return { created, activeAtEnd, closed, actionsByKindAndType: await actionCounts(db, scope) };
}

/** Actions added in the period to plans led by the partnership's organisations. */
async function actionCounts(db: DB, scope: SummaryScope): Promise<Counts> {
  const { from, to } = instantBounds(scope.period);
  const rows = await db
    .selectFrom("plan_actions")
    .innerJoin("plans", "plans.id", "plan_actions.plan_id")
    .innerJoin("organisations", "organisations.id", "plan_actions.responsible_organisation_id")
    .where("plan_actions.created_at", ">=", from)
    .where("plan_actions.created_at", "<", to)
    .where("plans.lead_organisation_id", "in", leadOrganisationIds(scope))
    .select([
      "organisations.kind as kind",
      "plan_actions.insats_type as type",
      (eb) => eb.fn.countAll<number>().as("n"),
    ])
    .groupBy(["organisations.kind", "plan_actions.insats_type"])
    .execute();
  const counts: Counts = new Map();
  for (const r of rows) {
    const key = `${r.kind}/${r.type ?? ""}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(r.n));
  }
  return counts;
}
