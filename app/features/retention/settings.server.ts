// Each organisation's retention rule (its own row, or the default for its kind) and the periods
// for data not tied to a plan.
import type { DB } from "#db/client.server";
import { fromBool } from "#db/portable";
import type { OrganisationKind } from "#db/schema";
import {
  basisOf,
  defaultRule,
  PERIOD_DEFAULTS,
  PERIOD_NAMES,
  type PeriodName,
  type RetentionRule,
  type RuleBasis,
} from "./rules";

export interface OrganisationRule {
  organisationId: string;
  name: string;
  kind: OrganisationKind;
  basis: RuleBasis;
  /** True when the organisation changed its defaults. */
  ownSetting: boolean;
  rule: RetentionRule;
}

/** Every organisation's rule, by id. */
export async function organisationRules(db: DB): Promise<Map<string, OrganisationRule>> {
  const rows = await db
    .selectFrom("organisations")
    .leftJoin("retention_settings as s", "s.organisation_id", "organisations.id")
    .select([
      "organisations.id",
      "organisations.name",
      "organisations.kind",
      "s.plan_years",
      "s.research_exception",
      "s.audit_years",
      "s.extract_staff_names",
    ])
    .orderBy("organisations.name")
    .execute();
  return new Map(
    rows.map((r) => {
      const own = r.plan_years !== null;
      const rule: RetentionRule = own
        ? {
            planYears: Number(r.plan_years),
            researchException: fromBool(r.research_exception),
            auditYears: Number(r.audit_years),
            extractStaffNames: fromBool(r.extract_staff_names),
          }
        : defaultRule(r.kind);
      return [
        r.id,
        { organisationId: r.id, name: r.name, kind: r.kind, basis: basisOf(r.kind), ownSetting: own, rule },
      ];
    }),
  );
}

export async function ruleOf(db: DB, organisationId: string): Promise<RetentionRule | null> {
  const org = await db
    .selectFrom("organisations")
    .leftJoin("retention_settings as s", "s.organisation_id", "organisations.id")
    .select(["organisations.kind", "s.plan_years", "s.research_exception", "s.audit_years", "s.extract_staff_names"])
    .where("organisations.id", "=", organisationId)
    .executeTakeFirst();
  if (!org) return null;
  if (org.plan_years === null) return defaultRule(org.kind);
  return {
    planYears: Number(org.plan_years),
    researchException: fromBool(org.research_exception),
    auditYears: Number(org.audit_years),
    extractStaffNames: fromBool(org.extract_staff_names),
  };
}

/** Sets an organisation's own rule (admins and tests; the defaults apply until then). */
export async function setOrganisationRule(db: DB, organisationId: string, rule: RetentionRule, now = new Date()) {
  const values = {
    plan_years: rule.planYears,
    research_exception: rule.researchException ? 1 : 0,
    audit_years: rule.auditYears,
    extract_staff_names: rule.extractStaffNames ? 1 : 0,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto("retention_settings")
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet(values))
    .execute();
}

/** Days each kind of data not tied to a plan is kept. */
export async function retentionPeriods(db: DB): Promise<Record<PeriodName, number>> {
  const rows = await db.selectFrom("retention_periods").select(["name", "days"]).execute();
  const periods: Record<PeriodName, number> = { ...PERIOD_DEFAULTS };
  for (const r of rows) if ((PERIOD_NAMES as string[]).includes(r.name)) periods[r.name as PeriodName] = Number(r.days);
  return periods;
}
