// Persons (docs/decisions/0010-person-identity-shared-details-per-plan.md). The identity number
// is the only thing plans share, together with the protected-identity status that belongs to it.
// Name and contact details are each plan's own: they are read and written only through the plan
// that recorded them, so creating a plan for a number that already exists neither shows nor
// changes anything another plan holds. Nothing here lists or searches persons on its own.
import type { DB } from "#db/client.server";
import { fromBool, newId, nowIso, toBool } from "#db/portable";
import { planAccessFor, type AccessUser, type PlanAccess } from "~/features/access/access.server";
import { actorOf } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { recordHistory } from "~/features/plans/history.server";
import { notFoundFailure, ok, type Result } from "~/lib/result";
import { inTransaction } from "~/lib/transaction.server";
import type { PersonDetailsInput, PersonOnPlan } from "./person";

type PlanRef = Pick<PlanAccess, "planId" | "personId">;

/**
 * The identity for the number, created if new. The answer is the same whether it existed or not,
 * so the caller (and its audit trail) learns nothing about other plans.
 */
export async function identityFor(
  trx: DB,
  identityNumber: string,
): Promise<{ id: string; protectedIdentity: boolean }> {
  const now = nowIso();
  await trx
    .insertInto("persons")
    .values({ id: newId(), identity_number: identityNumber, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("identity_number").doNothing())
    .execute();
  const row = await trx
    .selectFrom("persons")
    .select(["id", "protected_identity"])
    .where("identity_number", "=", identityNumber)
    .executeTakeFirstOrThrow();
  return { id: row.id, protectedIdentity: fromBool(row.protected_identity) };
}

async function isProtected(trx: DB, personId: string): Promise<boolean> {
  const row = await trx
    .selectFrom("persons")
    .select("protected_identity")
    .where("id", "=", personId)
    .executeTakeFirstOrThrow();
  return fromBool(row.protected_identity);
}

/** Contact details as stored: none are taken in while the identity is protected. */
function contactOf(input: PersonDetailsInput) {
  return { address: input.address || null, phone: input.phone || null, email: input.email || null };
}

/** A new plan's own record of its person; the caller has created the plan in this transaction. */
export async function recordPlanPerson(
  trx: DB,
  plan: PlanRef,
  input: PersonDetailsInput,
  protectedIdentity: boolean,
): Promise<void> {
  await trx
    .insertInto("plan_person_details")
    .values({
      plan_id: plan.planId,
      person_id: plan.personId,
      name: input.name,
      ...(protectedIdentity ? { address: null, phone: null, email: null } : contactOf(input)),
      updated_at: nowIso(),
    })
    .execute();
}

/**
 * Marks the identity protected, from this plan. It can only protect: any caseworker on a plan of
 * the person may do it, and it hides contact details on every plan without changing them.
 * Who, from which organisation and plan, and when, is kept on the identity, in the plan's
 * history and in the audit log. Does nothing when the identity is protected already.
 */
export async function markProtected(trx: DB, user: AccessUser, plan: PlanRef): Promise<void> {
  const now = nowIso();
  const marked = await trx
    .updateTable("persons")
    .set({
      protected_identity: toBool(true),
      protected_at: now,
      protected_by: user.id,
      protected_by_organisation_id: user.organisationId,
      protected_plan_id: plan.planId,
      updated_at: now,
    })
    .where("id", "=", plan.personId)
    .where("protected_identity", "=", toBool(false))
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) === 0) return;
  await recordHistory(trx, { planId: plan.planId, userId: user.id, change: "person.protect" });
  await audit(trx, {
    actor: actorOf(user),
    action: "person.protect",
    recordType: "person",
    recordId: plan.personId,
    planId: plan.planId,
    personId: plan.personId,
  });
}

/**
 * Saves this plan's own record of its person. Ticking protected identity marks it; leaving it
 * unticked never lifts it (that is liftProtection's job). While the identity is protected the
 * contact details typed are not stored, and those this plan holds stay as they are, hidden.
 */
export async function savePersonDetails(
  db: DB,
  user: AccessUser,
  planId: string,
  input: PersonDetailsInput & { protectedIdentity: boolean },
): Promise<Result<undefined>> {
  return inTransaction(db, async (trx) => {
    const access = await planAccessFor(trx, user, planId, "person.update");
    if (!access) return notFoundFailure();
    if (input.protectedIdentity) await markProtected(trx, user, access);
    const hidden = await isProtected(trx, access.personId);
    await trx
      .updateTable("plan_person_details")
      .set({ name: input.name, ...(hidden ? {} : contactOf(input)), updated_at: nowIso() })
      .where("plan_id", "=", access.planId)
      .execute();
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "person.update",
      after: { protectedIdentity: hidden },
    });
    await audit(trx, {
      actor: actorOf(user),
      action: "person.update",
      recordType: "person",
      recordId: access.personId,
      planId: access.planId,
      personId: access.personId,
    });
    return ok();
  });
}

/**
 * Lifts the protection. Only a caseworker of the organisation that marked it, on the plan it was
 * marked from, may: anyone else gets not_found, exactly as for a plan they may not see, so the
 * answer never tells them the protection came from another plan.
 */
export async function liftProtection(db: DB, user: AccessUser, planId: string): Promise<Result<undefined>> {
  return inTransaction(db, async (trx) => {
    const access = await planAccessFor(trx, user, planId, "person.unprotect");
    if (!access) return notFoundFailure();
    const person = await trx
      .selectFrom("persons")
      .select(["protected_identity", "protected_plan_id", "protected_by_organisation_id"])
      .where("id", "=", access.personId)
      .executeTakeFirstOrThrow();
    const event = {
      actor: actorOf(user),
      action: "person.unprotect",
      recordType: "person",
      recordId: access.personId,
      planId: access.planId,
      personId: access.personId,
    };
    if (
      !fromBool(person.protected_identity) ||
      person.protected_plan_id !== access.planId ||
      person.protected_by_organisation_id !== user.organisationId
    ) {
      await audit(trx, { ...event, outcome: "denied" });
      return notFoundFailure();
    }
    await trx
      .updateTable("persons")
      .set({
        protected_identity: toBool(false),
        protected_at: null,
        protected_by: null,
        protected_by_organisation_id: null,
        protected_plan_id: null,
        updated_at: nowIso(),
      })
      .where("id", "=", access.personId)
      .execute();
    await recordHistory(trx, { planId: access.planId, userId: user.id, change: "person.unprotect" });
    await audit(trx, event);
    return ok();
  });
}

/**
 * The person as this plan recorded them, with contact details hidden while the identity is
 * protected. The caller has passed the access guard and audits the read with the page it serves.
 */
export async function personOnPlan(db: DB, user: AccessUser, plan: PlanRef): Promise<PersonOnPlan> {
  const row = await db
    .selectFrom("plan_person_details")
    .innerJoin("persons", "persons.id", "plan_person_details.person_id")
    .leftJoin("users as marker", "marker.id", "persons.protected_by")
    .leftJoin("organisations as marker_org", "marker_org.id", "persons.protected_by_organisation_id")
    .select([
      "persons.id",
      "persons.identity_number",
      "persons.protected_identity",
      "persons.protected_at",
      "persons.protected_plan_id",
      "persons.protected_by_organisation_id",
      "plan_person_details.name",
      "plan_person_details.address",
      "plan_person_details.phone",
      "plan_person_details.email",
      "marker.name as marker_name",
      "marker_org.name as marker_organisation_name",
    ])
    .where("plan_person_details.plan_id", "=", plan.planId)
    .executeTakeFirstOrThrow();
  const hidden = fromBool(row.protected_identity);
  const markedHere = hidden && row.protected_plan_id === plan.planId;
  return {
    personId: row.id,
    identityNumber: row.identity_number,
    name: row.name,
    protectedIdentity: hidden,
    address: hidden ? null : row.address,
    phone: hidden ? null : row.phone,
    email: hidden ? null : row.email,
    protection:
      markedHere && row.protected_at
        ? {
            markedByName: row.marker_name ?? "",
            markedByOrganisationName: row.marker_organisation_name ?? "",
            markedAt: row.protected_at,
          }
        : null,
    canLiftProtection: markedHere && row.protected_by_organisation_id === user.organisationId,
  };
}

/**
 * Lists show each plan's own name for its person; showing it is a read of personal data, so
 * every plan shown is audited (one event per plan, never the search text).
 */
export async function auditNamesShown(
  db: DB,
  user: AccessUser,
  action: "plan.list" | "plan.search",
  shown: { planId: string; personId: string }[],
): Promise<void> {
  if (shown.length === 0) return;
  await inTransaction(db, async (trx) => {
    for (const { planId, personId } of new Map(shown.map((s) => [s.planId, s])).values()) {
      await audit(trx, { actor: actorOf(user), action, recordType: "plan", recordId: planId, planId, personId });
    }
  });
}
