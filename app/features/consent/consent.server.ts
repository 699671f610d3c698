// Consents are never edited: a change is a new consent; withdrawal is recorded and takes effect at once.
import type { DB } from "#db/client.server";
import { fromJson, newId, nowIso, toJson } from "#db/portable";
import type { CONSENT_CATEGORIES, CONSENT_FORMS, CONSENT_GRANTORS } from "#db/schema";
import { audit } from "~/features/audit/audit.server";
import { recordHistory } from "~/features/plans/history.server";
import { consentState, type PlanAccess } from "~/features/access/access.server";

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

type Actor = { id: string; organisationId: string };

export async function recordConsent(db: DB, user: Actor, access: PlanAccess, input: ConsentInput): Promise<string> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
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
      actor: { userId: user.id, organisationId: user.organisationId },
      action: "consent.create",
      recordType: "consent",
      recordId: id,
      planId: access.planId,
      personId: access.personId,
    });
  });
  return id;
}

export async function withdrawConsent(
  db: DB,
  user: Actor,
  access: PlanAccess,
  consentId: string,
  reason: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("consents")
      .set({ withdrawn_at: nowIso(), withdrawn_by: user.id, withdrawal_reason: reason })
      .where("id", "=", consentId)
      .where("plan_id", "=", access.planId)
      .where("withdrawn_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordHistory(trx, { planId: access.planId, userId: user.id, change: "consent.withdraw", after: { reason } });
    await audit(trx, {
      actor: { userId: user.id, organisationId: user.organisationId },
      action: "consent.withdraw",
      recordType: "consent",
      recordId: consentId,
      planId: access.planId,
      personId: access.personId,
    });
    return true;
  });
}

export type { ConsentState } from "~/features/access/access.server";

export async function listConsents(db: DB, planId: string) {
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
    ...c,
    categories: fromJson<string[]>(c.categories, []),
    organisations: orgs.filter((o) => o.consent_id === c.id).map((o) => ({ id: o.id, name: o.name })),
    state: consentState(c),
  }));
}
