// The retention purge (gallring) as the command line and the admin page run it: a dry run that
// lists what would go, per organisation, with counts and plan numbers only (no names, no identity
// numbers), and a purge that deletes exactly what the dry run lists, one transaction per plan.
import type { DB } from "#db/client.server";
import { actorOf, SYSTEM_ACTOR, type Actor, type CurrentUser } from "~/features/access/current-user";
import { can } from "~/features/access/policy";
import { audit } from "~/features/audit/audit.server";
import { fail, notFoundFailure, ok, type Result } from "~/lib/result";
import { todayInStockholm } from "~/lib/time";
import { dueData, purgeData } from "./data.server";
import { planVerdicts, purgePlan } from "./plans.server";
import type { PeriodName, RetentionRule, RuleBasis } from "./rules";
import { organisationRules } from "./settings.server";
import type { OrganisationKind } from "#db/schema";

export interface OrganisationRetention {
  organisationId: string;
  name: string;
  kind: OrganisationKind;
  basis: RuleBasis;
  ownSetting: boolean;
  rule: RetentionRule;
  /** Plans this organisation leads that are due, by plan number, with the date each must be gone by. */
  due: { planId: string; lastEntry: string; goneBy: string }[];
  /** Due plans kept under the research exception. */
  researchKept: number;
  /** Closed plans not due yet. */
  notYet: number;
}

export interface RetentionReport {
  today: string;
  organisations: OrganisationRetention[];
  totalDue: number;
  data: Record<PeriodName, number>;
}

/** What a purge on `now` would delete. */
export async function retentionDryRun(db: DB, now = new Date()): Promise<RetentionReport> {
  const today = todayInStockholm(now);
  const rules = await organisationRules(db);
  const verdicts = await planVerdicts(db, today, rules);
  const organisations: OrganisationRetention[] = [...rules.values()].map((r) => ({
    organisationId: r.organisationId,
    name: r.name,
    kind: r.kind,
    basis: r.basis,
    ownSetting: r.ownSetting,
    rule: r.rule,
    due: [],
    researchKept: 0,
    notYet: 0,
  }));
  const byId = new Map(organisations.map((o) => [o.organisationId, o]));
  for (const v of verdicts) {
    const org = byId.get(v.leadOrganisationId);
    if (!org) continue;
    if (v.state === "due") org.due.push({ planId: v.planId, lastEntry: v.lastEntry, goneBy: v.goneBy });
    else if (v.state === "research_exception") org.researchKept++;
    else org.notYet++;
  }
  return {
    today,
    organisations,
    totalDue: organisations.reduce((n, o) => n + o.due.length, 0),
    data: await dueData(db, now),
  };
}

export interface PurgeSummary {
  plansPurged: string[];
  data: Record<PeriodName, number>;
}

/** Purges every due plan (one transaction each) and the data past its period. */
export async function runRetentionPurge(db: DB, now = new Date(), actor: Actor = SYSTEM_ACTOR): Promise<PurgeSummary> {
  const report = await retentionDryRun(db, now);
  const plansPurged: string[] = [];
  for (const org of report.organisations) {
    for (const { planId } of org.due) {
      const purged = await db.transaction().execute((trx) => purgePlan(trx, planId, actor));
      if (purged) plansPurged.push(planId);
    }
  }
  const data = await db.transaction().execute(async (trx) => {
    const counts = await purgeData(trx, now);
    await audit(trx, { actor, action: "retention.data_purged", recordType: "retention", details: counts });
    return counts;
  });
  return { plansPurged, data };
}

/** The admin page: the dry run, audited. */
export async function adminRetentionReport(
  db: DB,
  user: CurrentUser,
  now = new Date(),
): Promise<Result<RetentionReport>> {
  if (!can(user, "retention:manage")) return notFoundFailure();
  const report = await retentionDryRun(db, now);
  await audit(db, {
    actor: actorOf(user),
    action: "retention.reviewed",
    recordType: "retention",
    details: { due: report.totalDue },
  });
  return ok(report);
}

/**
 * The admin's purge: the typed number of plans must equal what is due right now, so the admin
 * confirms what they saw and a purge never deletes more than was shown.
 */
export async function adminRetentionPurge(
  db: DB,
  user: CurrentUser,
  confirmedCount: number,
  now = new Date(),
): Promise<Result<PurgeSummary, "count_mismatch">> {
  if (!can(user, "retention:manage")) return notFoundFailure();
  const report = await retentionDryRun(db, now);
  if (confirmedCount !== report.totalDue) return fail("count_mismatch", { fields: { count: "count_mismatch" } });
  return ok(await runRetentionPurge(db, now, actorOf(user)));
}
