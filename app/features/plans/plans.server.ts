// Joint individual plans (SIP/GIP): creating, listing and saving the plan itself. Every command
// calls the access guard itself, checks the plan's rules inside its own transaction and answers
// with a Result (docs/decisions/0008-layers.md).
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import type { PlanKind, PlanOutcome, PlanStatus } from "#db/schema";
import { planAccessFilter, planAccessFor, type AccessUser, type PlanAccess } from "~/features/access/access.server";
import { actorOf } from "~/features/access/current-user";
import { can } from "~/features/access/policy";
import { audit } from "~/features/audit/audit.server";
import { planSettings } from "~/features/organisations/partnership-settings.server";
import type { PersonDetailsInput } from "~/features/persons/person";
import { auditNamesShown, identityFor, markProtected, recordPlanPerson } from "~/features/persons/persons.server";
import { likePattern, pageOf, PAGE_SIZE } from "~/lib/pagination";
import { fail, notFoundFailure, ok, type Result } from "~/lib/result";
import { todayInStockholm } from "~/lib/time";
import { inTransaction } from "~/lib/transaction.server";
import { beyondInterval } from "./cadence";
import { diff, recordHistory } from "./history.server";
import { toPlanListItem } from "./plan-rows.server";
import type { PlanConflict, PlanCoreValues } from "./plan-view";
import { joinTeam } from "./team.server";

/**
 * The access guard as a Result, for a route that must answer 404 before it answers anything else
 * (a form that fails to parse tells an outsider nothing either).
 */
export async function planGuard(
  db: DB,
  user: AccessUser,
  planId: string,
  action: string,
  { lead = false }: { lead?: boolean } = {},
): Promise<Result<PlanAccess>> {
  const access = await planAccessFor(db, user, planId, action, { lead });
  return access ? ok(access) : notFoundFailure();
}

export interface NewPlanInput {
  kind: PlanKind;
  person: PersonDetailsInput & { identityNumber: string; protectedIdentity: boolean };
  goal?: string;
  needs?: string;
}

/**
 * A draft plan led by the creator's organisation, with the creator on its team. The identity
 * number is linked silently when it exists: the new plan gets only what its creator typed, and
 * nothing another plan holds is shown or changed. The audit trail reads the same either way.
 */
export async function createPlan(db: DB, user: AccessUser, input: NewPlanInput): Promise<Result<string>> {
  if (!can(user, "plans:work")) return notFoundFailure();
  return inTransaction(db, async (trx) => {
    const planId = newId();
    const person = await identityFor(trx, input.person.identityNumber);
    const now = nowIso();
    await trx
      .insertInto("plans")
      .values({
        id: planId,
        kind: input.kind,
        person_id: person.id,
        status: "draft",
        lead_organisation_id: user.organisationId,
        lead_user_id: user.id,
        goal: input.goal ?? "",
        needs: input.needs ?? "",
        created_by: user.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const plan = { planId, personId: person.id };
    const protectedIdentity = person.protectedIdentity || input.person.protectedIdentity;
    await recordPlanPerson(trx, plan, input.person, protectedIdentity);
    await joinTeam(trx, planId, user.id, now);
    await recordHistory(trx, {
      planId,
      userId: user.id,
      change: "plan.create",
      after: { kind: input.kind, status: "draft" },
    });
    await audit(trx, {
      actor: actorOf(user),
      action: "person.create",
      recordType: "person",
      recordId: person.id,
      personId: person.id,
      planId,
    });
    await audit(trx, {
      actor: actorOf(user),
      action: "plan.create",
      recordType: "plan",
      recordId: planId,
      personId: person.id,
      planId,
    });
    if (input.person.protectedIdentity) await markProtected(trx, user, plan);
    return ok(planId);
  });
}

const STATUS_ORDER = sql<number>`case plans.status when 'active' then 0 when 'draft' then 1 else 2 end`;

/**
 * My plans: only what the access rule lets me see, in the list, the count and the search alike.
 * A plan is found and shown by the name its own team recorded. Every plan shown is audited.
 */
export async function listPlans(
  db: DB,
  user: AccessUser,
  { q, page }: { q: string; page: number },
  today = todayInStockholm(),
) {
  let query = db
    .selectFrom("plans")
    .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
    .innerJoin("persons as identity", "identity.id", "plans.person_id")
    .innerJoin("organisations as lead_org", "lead_org.id", "plans.lead_organisation_id")
    .where(planAccessFilter(user, today));
  if (q) {
    const digits = q.replace(/[^0-9]/g, "");
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["person.name"]), "like", likePattern(q)),
        ...(digits.length >= 6 ? [eb("identity.identity_number", "like", `%${digits}%`)] : []),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .select((eb) => [
        "plans.id",
        "plans.kind",
        "plans.status",
        "plans.next_follow_up",
        "plans.person_id",
        "person.name as person_name",
        "lead_org.name as lead_organisation_name",
        eb
          .selectFrom("plan_actions")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("plan_actions.plan_id", "=", "plans.id")
          .where("plan_actions.status", "in", ["planned", "ongoing"])
          .where("plan_actions.due_date", "<", today)
          .as("overdue_actions"),
      ])
      .orderBy(STATUS_ORDER)
      .orderBy("plans.next_follow_up")
      .orderBy("person.name")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  await auditNamesShown(
    db,
    user,
    q ? "plan.search" : "plan.list",
    rows.map((r) => ({ planId: r.id, personId: r.person_id })),
  );
  return pageOf(
    rows.map((r) => toPlanListItem(r, today)),
    Number(count.total),
    page,
  );
}

export type PlanCoreInput = PlanCoreValues;

/**
 * Saves the plan's own fields unless someone saved since `version` was read (then both versions
 * come back). The lead user must be on the team from the lead organisation, and an active plan
 * keeps a next follow-up date.
 */
export async function updatePlanCore(
  db: DB,
  user: AccessUser,
  planId: string,
  input: PlanCoreInput,
): Promise<Result<{ version: number }, "invalid" | "conflict", PlanConflict>> {
  return inTransaction(db, async (trx) => {
    const access = await planAccessFor(trx, user, planId, "plan.update");
    if (!access) return notFoundFailure();
    const leadTeam = await trx
      .selectFrom("plan_team")
      .innerJoin("users", "users.id", "plan_team.user_id")
      .select("users.id")
      .where("plan_team.plan_id", "=", access.planId)
      .where("users.organisation_id", "=", access.leadOrganisationId)
      .where("users.id", "=", input.leadUserId)
      .executeTakeFirst();
    if (!leadTeam) return fail("invalid", { fields: { leadUserId: "not_on_lead_team" } });
    const current = await trx
      .selectFrom("plans")
      .select(["version", "goal", "needs", "next_follow_up", "follow_up_reason", "lead_user_id", "status"])
      .where("id", "=", access.planId)
      .executeTakeFirstOrThrow();
    if (current.status === "active" && !input.nextFollowUp) {
      return fail("invalid", { fields: { nextFollowUp: "required_while_active" } });
    }
    const checked = input.followUpReason !== undefined;
    const reason = checked ? await followUpReason(trx, access.leadOrganisationId, input) : null;
    if (reason === "required") return fail("invalid", { fields: { followUpReason: "required_beyond_interval" } });
    const before = {
      goal: current.goal,
      needs: current.needs,
      nextFollowUp: current.next_follow_up,
      leadUserId: current.lead_user_id,
      ...(checked ? { followUpReason: current.follow_up_reason } : {}),
    };
    const attempted = {
      goal: input.goal,
      needs: input.needs,
      nextFollowUp: input.nextFollowUp,
      leadUserId: input.leadUserId,
      ...(checked ? { followUpReason: reason } : {}),
    };
    if (current.version !== input.version) {
      const last = await trx
        .selectFrom("plan_history")
        .innerJoin("users", "users.id", "plan_history.user_id")
        .select(["users.name", "plan_history.occurred_at"])
        .where("plan_history.plan_id", "=", access.planId)
        .where("plan_history.change", "in", ["plan.update", "follow_up.record", "plan.activate", "plan.close"])
        .orderBy("plan_history.occurred_at", "desc")
        .limit(1)
        .executeTakeFirst();
      return fail("conflict", {
        detail: {
          saved: { ...before, version: current.version, savedBy: last?.name, savedAt: last?.occurred_at },
          attempted: { ...attempted, version: input.version },
        },
      });
    }
    const changes = diff(before, attempted);
    if (changes.changed.length === 0) return ok({ version: current.version });
    await trx
      .updateTable("plans")
      .set({
        goal: input.goal,
        needs: input.needs,
        next_follow_up: input.nextFollowUp,
        lead_user_id: input.leadUserId,
        ...(checked ? { follow_up_reason: reason } : {}),
        version: current.version + 1,
        updated_at: nowIso(),
      })
      .where("id", "=", access.planId)
      .where("version", "=", input.version)
      .execute();
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "plan.update",
      before: changes.before,
      after: changes.after,
    });
    await audit(trx, {
      actor: actorOf(user),
      action: "plan.update",
      recordType: "plan",
      recordId: access.planId,
      planId: access.planId,
      personId: access.personId,
      details: { fields: changes.changed },
    });
    return ok({ version: current.version + 1 });
  });
}

/**
 * The reason kept with the next follow-up: null within the partnership's interval, what the user
 * wrote beyond it, and "required" when they wrote nothing there.
 */
async function followUpReason(
  trx: DB,
  leadOrganisationId: string,
  input: { nextFollowUp: string | null; followUpReason?: string | null },
): Promise<string | null | "required"> {
  if (!input.nextFollowUp) return null;
  const { maxFollowUpMonths } = await planSettings(trx, leadOrganisationId);
  if (!beyondInterval(todayInStockholm(), input.nextFollowUp, maxFollowUpMonths)) return null;
  return input.followUpReason?.trim() || "required";
}

export type LifecycleFailure = "stale" | "needs_follow_up" | "not_allowed";

/**
 * draft → active (needs a next follow-up date) → closed (needs an outcome); a draft may be
 * closed too. Only the lead organisation changes the status.
 */
export async function changePlanStatus(
  db: DB,
  user: AccessUser,
  planId: string,
  input: { version: number; to: PlanStatus; outcome?: PlanOutcome },
): Promise<Result<{ version: number }, LifecycleFailure>> {
  const action = input.to === "closed" ? "plan.close" : "plan.activate";
  return inTransaction(db, async (trx) => {
    const access = await planAccessFor(trx, user, planId, action, { lead: true });
    if (!access) return notFoundFailure();
    const current = await trx
      .selectFrom("plans")
      .select(["status", "version", "next_follow_up"])
      .where("id", "=", access.planId)
      .executeTakeFirstOrThrow();
    if (current.version !== input.version) return fail("stale");
    const allowed =
      (current.status === "draft" && input.to === "active") ||
      (current.status === "active" && input.to === "closed") ||
      (current.status === "draft" && input.to === "closed");
    if (!allowed) return fail("not_allowed");
    if (input.to === "active" && !current.next_follow_up) return fail("needs_follow_up");
    if (input.to === "closed" && !input.outcome) return fail("not_allowed");
    await trx
      .updateTable("plans")
      .set({
        status: input.to,
        outcome: input.to === "closed" ? input.outcome! : null,
        closed_at: input.to === "closed" ? nowIso() : null,
        ...(input.to === "active" ? { activated_at: nowIso() } : {}),
        version: current.version + 1,
        updated_at: nowIso(),
      })
      .where("id", "=", access.planId)
      .execute();
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: action,
      before: { status: current.status },
      after: { status: input.to, ...(input.outcome ? { outcome: input.outcome } : {}) },
    });
    await audit(trx, {
      actor: actorOf(user),
      action,
      recordType: "plan",
      recordId: access.planId,
      planId: access.planId,
      personId: access.personId,
    });
    return ok({ version: current.version + 1 });
  });
}
