// THE access rule for personal data (DESIGN.md, "the heart of the product").
//
// A user may see or change a plan, its person, actions, meetings and notes only if
//   1. the user is on the plan's team, and
//   2. the user's organisation leads the plan, or an active consent on the plan names it.
// A consent is active when given, not withdrawn, and today (Europe/Stockholm) is inside its validity.
// Only caseworkers work on plans; no other role gives access.
//
// Every loader and action goes through requirePlanAccess(); every list, count and search is
// built on planAccessFilter(). No route checks access by itself.
import { sql, type ExpressionBuilder } from "kysely";
import type { DB } from "#db/client.server";
import type { Database } from "#db/schema";
import { audit } from "~/features/audit/audit.server";
import { notFound } from "~/lib/http.server";
import { todayInStockholm } from "~/lib/time";

export interface AccessUser {
  id: string;
  organisationId: string;
  grants: { role: string }[];
}

function worksOnPlans(user: AccessUser): boolean {
  return user.grants.some((g) => g.role === "caseworker");
}

/** Active consents on `plans` that name the organisation. */
function consentCovers(eb: ExpressionBuilder<Database, "plans">, organisationId: string, today: string) {
  return eb.exists(
    eb
      .selectFrom("consents")
      .innerJoin("consent_organisations", "consent_organisations.consent_id", "consents.id")
      .select("consents.id")
      .whereRef("consents.plan_id", "=", "plans.id")
      .where("consent_organisations.organisation_id", "=", organisationId)
      .where("consents.withdrawn_at", "is", null)
      .where("consents.valid_from", "<=", today)
      .where("consents.valid_until", ">=", today),
  );
}

/** A WHERE fragment over `plans`: true exactly for the plans the user may see. */
export function planAccessFilter(user: AccessUser, today = todayInStockholm()) {
  return (eb: ExpressionBuilder<Database, "plans">) => {
    if (!worksOnPlans(user)) return sql<boolean>`1 = 0`;
    return eb.and([
      eb.exists(
        eb
          .selectFrom("plan_team")
          .select("plan_team.plan_id")
          .whereRef("plan_team.plan_id", "=", "plans.id")
          .where("plan_team.user_id", "=", user.id),
      ),
      eb.or([
        eb("plans.lead_organisation_id", "=", user.organisationId),
        consentCovers(eb, user.organisationId, today),
      ]),
    ]);
  };
}

export async function canAccessPlan(
  db: DB,
  user: AccessUser,
  planId: string,
  today = todayInStockholm(),
): Promise<boolean> {
  const row = await db
    .selectFrom("plans")
    .select("plans.id")
    .where("plans.id", "=", planId)
    .where(planAccessFilter(user, today))
    .executeTakeFirst();
  return row !== undefined;
}

export interface PlanAccess {
  planId: string;
  personId: string;
  leadOrganisationId: string;
  /** The user's organisation leads the plan: it records consent and closes the plan. */
  isLead: boolean;
}

/**
 * The guard for every plan route. Returns what the caller needs to go on, or throws 404
 * (never 403: that a record exists is itself confidential). Denied attempts are audited.
 */
export async function requirePlanAccess(
  db: DB,
  user: AccessUser,
  planId: string,
  action: string,
  today = todayInStockholm(),
): Promise<PlanAccess> {
  const plan = await db
    .selectFrom("plans")
    .select(["plans.id", "plans.person_id", "plans.lead_organisation_id"])
    .where("plans.id", "=", planId)
    .where(planAccessFilter(user, today))
    .executeTakeFirst();
  if (!plan) {
    const exists = await db.selectFrom("plans").select(["id", "person_id"]).where("id", "=", planId).executeTakeFirst();
    await audit(db, {
      actor: { userId: user.id, organisationId: user.organisationId },
      action,
      recordType: "plan",
      recordId: exists ? planId : null,
      planId: exists ? planId : null,
      personId: exists?.person_id ?? null,
      outcome: "denied",
    });
    throw notFound();
  }
  return {
    planId: plan.id,
    personId: plan.person_id,
    leadOrganisationId: plan.lead_organisation_id,
    isLead: plan.lead_organisation_id === user.organisationId,
  };
}

/** Lead-only steps (consent, lifecycle) are refused like any other denial: 404. */
export async function requireLeadAccess(db: DB, user: AccessUser, planId: string, action: string): Promise<PlanAccess> {
  const access = await requirePlanAccess(db, user, planId, action);
  if (!access.isLead) {
    await audit(db, {
      actor: { userId: user.id, organisationId: user.organisationId },
      action,
      recordType: "plan",
      recordId: planId,
      planId,
      personId: access.personId,
      outcome: "denied",
    });
    throw notFound();
  }
  return access;
}

/** Organisations an active consent on the plan names today. */
export async function coveredOrganisationIds(db: DB, planId: string, today = todayInStockholm()): Promise<Set<string>> {
  const rows = await db
    .selectFrom("consents")
    .innerJoin("consent_organisations", "consent_organisations.consent_id", "consents.id")
    .select("consent_organisations.organisation_id")
    .where("consents.plan_id", "=", planId)
    .where("consents.withdrawn_at", "is", null)
    .where("consents.valid_from", "<=", today)
    .where("consents.valid_until", ">=", today)
    .execute();
  return new Set(rows.map((r) => r.organisation_id));
}
