// THE access rule for personal data (DESIGN.md, "the heart of the product").
//
// A user may see or change a plan, its person, actions, meetings and notes only if
//   1. the user is on the plan's team, and
//   2. the user's organisation leads the plan, or an active consent on the plan names it.
// A consent is active when given, not withdrawn, and today (Europe/Stockholm) is inside its validity.
// Only caseworkers work on plans; no other role gives access.
//
// Every command that reads or changes plan content asks planAccessFor() inside its own
// transaction (a denial is audited and reads as not_found, so the route answers 404); every
// list, count and search is built on planAccessFilter(). No route checks access by itself.
// The one definition of an active consent lives here too (activeConsent, consentState).
import { sql, type ExpressionBuilder } from "kysely";
import type { DB } from "#db/client.server";
import type { Database } from "#db/schema";
import { audit } from "~/features/audit/audit.server";
import { actorOf, type CurrentUser } from "./current-user";
import { can } from "./policy";
import { todayInStockholm } from "~/lib/time";

/** What the access rule needs of the signed-in user. */
export type AccessUser = Pick<CurrentUser, "id" | "organisationId" | "grants">;

/** THE definition of an active consent: given, not withdrawn, and today inside its validity. */
export function activeConsent(eb: ExpressionBuilder<Database, "consents">, today: string) {
  return eb.and([
    eb("consents.withdrawn_at", "is", null),
    eb("consents.valid_from", "<=", today),
    eb("consents.valid_until", ">=", today),
  ]);
}

export type ConsentState = "active" | "withdrawn" | "expired" | "future";

/** The same definition for a consent already read, as the plan page shows it. */
export function consentState(
  c: { withdrawn_at: string | null; valid_from: string; valid_until: string },
  today = todayInStockholm(),
): ConsentState {
  if (c.withdrawn_at) return "withdrawn";
  if (c.valid_until < today) return "expired";
  if (c.valid_from > today) return "future";
  return "active";
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
      .where((c) => activeConsent(c, today)),
  );
}

/** A WHERE fragment over `plans`: true exactly for the plans the user may see. */
export function planAccessFilter(user: AccessUser, today = todayInStockholm()) {
  return (eb: ExpressionBuilder<Database, "plans">) => {
    if (!can(user, "plans:work")) return sql<boolean>`1 = 0`;
    // `plans.id IN (the user's team rows)`, not an EXISTS per plan: the planner then starts from
    // the user's own plan_team rows (index plan_team_user_idx) and looks each plan up by its key,
    // so a caseworker's list costs their own plans, not every plan in the database. The query-plan
    // test (test/query-plans.test.ts) fails if a hot query goes back to scanning plans.
    return eb.and([
      eb(
        "plans.id",
        "in",
        eb.selectFrom("plan_team").select("plan_team.plan_id").where("plan_team.user_id", "=", user.id),
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
 * The guard every plan command calls first, inside its transaction. Returns what the command
 * needs to go on, or null (the route answers 404, never 403: that a record exists is itself
 * confidential). Denied attempts are audited. With `lead`, only the lead organisation passes
 * (consent and lifecycle steps).
 */
export async function planAccessFor(
  db: DB,
  user: AccessUser,
  planId: string,
  action: string,
  { lead = false, today = todayInStockholm() }: { lead?: boolean; today?: string } = {},
): Promise<PlanAccess | null> {
  const plan = await db
    .selectFrom("plans")
    .select(["plans.id", "plans.person_id", "plans.lead_organisation_id"])
    .where("plans.id", "=", planId)
    .where(planAccessFilter(user, today))
    .executeTakeFirst();
  if (plan && (!lead || plan.lead_organisation_id === user.organisationId)) {
    return {
      planId: plan.id,
      personId: plan.person_id,
      leadOrganisationId: plan.lead_organisation_id,
      isLead: plan.lead_organisation_id === user.organisationId,
    };
  }
  const exists =
    plan ?? (await db.selectFrom("plans").select(["id", "person_id"]).where("id", "=", planId).executeTakeFirst());
  const personId = plan ? plan.person_id : ((exists as { person_id?: string } | undefined)?.person_id ?? null);
  await audit(db, {
    actor: actorOf(user),
    action,
    recordType: "plan",
    recordId: exists ? planId : null,
    planId: exists ? planId : null,
    personId,
    outcome: "denied",
  });
  return null;
}

/** Organisations an active consent on the plan names today. */
export async function coveredOrganisationIds(db: DB, planId: string, today = todayInStockholm()): Promise<Set<string>> {
  const rows = await db
    .selectFrom("consents")
    .innerJoin("consent_organisations", "consent_organisations.consent_id", "consents.id")
    .select("consent_organisations.organisation_id")
    .where("consents.plan_id", "=", planId)
    .where((eb) => activeConsent(eb, today))
    .execute();
  return new Set(rows.map((r) => r.organisation_id));
}
