// Consents are never edited: a change is a new consent; withdrawal is recorded and takes effect at
// once. Only the lead organisation records and withdraws them (the access guard with `lead`).
import type { DB } from "#db/client.server";
import { fromJson, newId, nowIso, toJson } from "#db/portable";
import type { CONSENT_CATEGORIES, CONSENT_FORMS, CONSENT_GRANTORS } from "#db/schema";
import { consentState, planAccessFor, type AccessUser } from "~/features/access/access.server";
import { actorOf } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { recordHistory } from "~/features/plans/history.server";
import { partnerOrganisations } from "~/features/plans/plan-parts.server";
import { fail, notFoundFailure, ok, type Result } from "~/lib/result";
import { inTransaction } from "~/lib/transaction.server";
import type { ConsentRecord } from "./consent";

export interface ConsentInput {
  grantor: (typeof CONSENT_GRANTORS)[number];
  childView?: string;
  organisationIds: string[];
  categories: (typeof CONSENT_CATEGORIES)[number][];
  purpose: string;
  givenOn: string;
  form: (typeof CONSENT_FORMS)[number];
  validFrom: string;
  validUntil: string;
}

/** Why a consent cannot be recorded as given, field by field (named failure codes). */
async function consentProblems(trx: DB, leadOrganisationId: string, input: ConsentInput) {
  const fields: Record<string, string> = {};
  const partners = new Set((await partnerOrganisations(trx, { leadOrganisationId })).map((o) => o.id));
  if (input.organisationIds.length === 0) fields.organisationIds = "required";
  else if (!input.organisationIds.every((id) => partners.has(id))) fields.organisationIds = "not_partner";
  if (input.categories.length === 0) fields.categories = "required";
  if (input.validUntil < input.validFrom) fields.validUntil = "before_from";
  return fields;
}

/** Records a consent given by the person (or guardian) naming partner organisations of the lead. */
export async function recordConsent(
  db: DB,
  user: AccessUser,
  planId: string,
  input: ConsentInput,
): Promise<Result<string, "invalid">> {
  return inTransaction(db, async (trx) => {
    const access = await planAccessFor(trx, user, planId, "consent.create", { lead: true });
    if (!access) return notFoundFailure();
    const fields = await consentProblems(trx, access.leadOrganisationId, input);
    if (Object.keys(fields).length > 0) return fail("invalid", { fields });
    const id = newId();
    await trx
      .insertInto("consents")
      .values({
        id,
        plan_id: access.planId,
        person_id: access.personId,
        grantor: input.grantor,
        child_view: input.grantor === "guardian" ? input.childView || null : null,
        categories: toJson(input.categories),
        purpose: input.purpose,
        given_on: input.givenOn,
        form: input.form,
        documented_by: user.id,
        valid_from: input.validFrom,
        valid_until: input.validUntil,
        created_at: nowIso(),
      })
      .execute();
    await trx
      .insertInto("consent_organisations")
      .values([...new Set(input.organisationIds)].map((organisation_id) => ({ consent_id: id, organisation_id })))
      .execute();
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "consent.record",
      after: { organisations: input.organisationIds.length, validFrom: input.validFrom, validUntil: input.validUntil },
    });
    await audit(trx, {
      actor: actorOf(user),
      action: "consent.create",
      recordType: "consent",
      recordId: id,
      planId: access.planId,
      personId: access.personId,
    });
    return ok(id);
  });
}

/** Records a withdrawal; organisations no longer covered lose access on their next request. */
export async function withdrawConsent(
  db: DB,
  user: AccessUser,
  planId: string,
  consentId: string,
  reason: string,
): Promise<Result<undefined>> {
  return inTransaction(db, async (trx) => {
    const access = await planAccessFor(trx, user, planId, "consent.withdraw", { lead: true });
    if (!access) return notFoundFailure();
    const result = await trx
      .updateTable("consents")
      .set({ withdrawn_at: nowIso(), withdrawn_by: user.id, withdrawal_reason: reason })
      .where("id", "=", consentId)
      .where("plan_id", "=", access.planId)
      .where("withdrawn_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return notFoundFailure();
    await recordHistory(trx, { planId: access.planId, userId: user.id, change: "consent.withdraw", after: { reason } });
    await audit(trx, {
      actor: actorOf(user),
      action: "consent.withdraw",
      recordType: "consent",
      recordId: consentId,
      planId: access.planId,
      personId: access.personId,
    });
    return ok();
  });
}

export type { ConsentState } from "~/features/access/access.server";

/** The columns that date a consent's entries, for the retention rules' "last entry of the plan". */
export const CONSENT_ENTRY_TIMES = { recorded: "created_at", withdrawn: "withdrawn_at" } as const;

/** The plan's consent history, newest first. The caller has passed the access guard. */
export async function listConsents(db: DB, planId: string): Promise<ConsentRecord[]> {
  const consents = await db
    .selectFrom("consents")
    .innerJoin("users as documenter", "documenter.id", "consents.documented_by")
    .leftJoin("users as withdrawer", "withdrawer.id", "consents.withdrawn_by")
    .selectAll("consents")
    .select(["documenter.name as documented_by_name", "withdrawer.name as withdrawn_by_name"])
    .where("consents.plan_id", "=", planId)
    .orderBy("consents.created_at", "desc")
    .execute();
  const orgs = await db
    .selectFrom("consent_organisations")
    .innerJoin("organisations", "organisations.id", "consent_organisations.organisation_id")
    .select(["consent_organisations.consent_id", "organisations.id", "organisations.name"])
    .where("consent_organisations.consent_id", "in", consents.length ? consents.map((c) => c.id) : [""])
    .orderBy("organisations.name")
    .execute();
  return consents.map((c) => ({
    id: c.id,
    grantor: c.grantor,
    childView: c.child_view,
    categories: fromJson<ConsentRecord["categories"]>(c.categories, []),
    purpose: c.purpose,
    givenOn: c.given_on,
    form: c.form,
    documentedByName: c.documented_by_name,
    validFrom: c.valid_from,
    validUntil: c.valid_until,
    withdrawnAt: c.withdrawn_at,
    withdrawnByName: c.withdrawn_by_name,
    withdrawalReason: c.withdrawal_reason,
    organisations: orgs.filter((o) => o.consent_id === c.id).map((o) => ({ id: o.id, name: o.name })),
    state: consentState(c),
  }));
}
