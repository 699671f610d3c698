// Builders for plans in tests, going through the same feature functions the routes use.
import { getDb } from "#db/client.server";
import type { OrganisationKind } from "#db/schema";
import type { AccessUser } from "~/features/access/access.server";
import { recordConsent } from "~/features/consent/consent.server";
import { createPlan } from "~/features/plans/plans.server";
import { joinTeam } from "~/features/plans/team.server";
import type { Result } from "~/lib/result";
import { addDays, todayInStockholm } from "~/lib/time";
import { makeOrganisation, makePartnership, makeUser } from "./factories";

/** The value of a command that must succeed in a test's setup; its failure name otherwise. */
export function valueOf<T>(result: Result<T, string, unknown>): T {
  if (!result.ok) throw new Error(`expected the command to succeed, got ${result.error}`);
  return result.value;
}

let serial = 1000;
/** A fresh, valid personnummer (Luhn) for each call. */
export function testIdentityNumber(): string {
  const n = serial++;
  const base = `19800101${100 + (n % 900)}`.slice(2);
  const digits = base.split("").map(Number);
  const sum = digits.reduce((acc, d, i) => {
    const v = d * (i % 2 === 0 ? 2 : 1);
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  return `19${base}${(10 - (sum % 10)) % 10}`;
}

export async function caseworkerIn(kind: OrganisationKind, partnershipId: string) {
  const org = await makeOrganisation(getDb(), { kind, partnershipIds: [partnershipId] });
  const user = await makeUser(getDb(), { organisationId: org.id, roles: [{ role: "caseworker" }] });
  return { ...user, grants: [{ role: "caseworker" as const, partnershipId: null }], org };
}

export async function planSetup(name = "Testperson Ett") {
  const partnership = await makePartnership();
  const lead = await caseworkerIn("social_services", partnership.id);
  const planId = valueOf(
    await createPlan(getDb(), lead, {
      kind: "GIP",
      person: { identityNumber: testIdentityNumber(), name, protectedIdentity: false },
    }),
  );
  return { partnership, lead, planId };
}

export async function addToTeam(planId: string, userId: string) {
  await joinTeam(getDb(), planId, userId);
}

export async function giveConsent(
  lead: AccessUser,
  planId: string,
  organisationIds: string[],
  validUntil = addDays(todayInStockholm(), 365),
) {
  const recorded = await recordConsent(getDb(), lead, planId, {
    grantor: "self",
    organisationIds,
    categories: ["labour_market_measures"],
    purpose: "Samordna insatser mot arbete",
    givenOn: todayInStockholm(),
    form: "written",
    validFrom: todayInStockholm(),
    validUntil,
  });
  return valueOf(recorded);
}
