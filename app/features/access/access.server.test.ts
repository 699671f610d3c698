// The access rule, as an attacker or a curious colleague would probe it.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { ORGANISATION_KINDS } from "#db/schema";
import { makeUser } from "../../../test/factories";
import { addToTeam, caseworkerIn, giveConsent, planSetup } from "../../../test/plans";
import { withdrawConsent } from "~/features/consent/consent.server";
import { listPlans } from "~/features/plans/plans.server";
import { addDays, todayInStockholm } from "~/lib/time";
import { canAccessPlan, planAccessFor } from "./access.server";

/** What a route answers for the guard's verdict: 200 when it lets the user through, 404 when not. */
async function statusOf(verdict: Promise<unknown>): Promise<number> {
  return (await verdict) ? 200 : 404;
}

async function visibleInList(user: Parameters<typeof listPlans>[1], q = "") {
  const page = await listPlans(getDb(), user, { q, page: 1 });
  return { ids: page.items.map((p) => p.id), total: page.total };
}

describe.each(ORGANISATION_KINDS.filter((k) => k !== "social_services"))(
  "a caseworker at a %s organisation",
  (kind) => {
    it("has no access without team membership, even when consent names their organisation", async () => {
      const { partnership, lead, planId } = await planSetup();
      const outsider = await caseworkerIn(kind, partnership.id);
      await giveConsent(lead, planId, [outsider.organisationId]);
      expect(await statusOf(planAccessFor(getDb(), outsider, planId, "plan.read"))).toBe(404);
      expect(await visibleInList(outsider)).toEqual({ ids: [], total: 0 });
    });

    it("has no access on the team without consent, and gains it when consent names the organisation", async () => {
      const { partnership, lead, planId } = await planSetup();
      const member = await caseworkerIn(kind, partnership.id);
      await addToTeam(planId, member.id);
      expect(await statusOf(planAccessFor(getDb(), member, planId, "plan.read"))).toBe(404);
      expect((await visibleInList(member)).total).toBe(0);

      await giveConsent(lead, planId, [member.organisationId]);
      expect(await statusOf(planAccessFor(getDb(), member, planId, "plan.read"))).toBe(200);
      expect(await visibleInList(member)).toEqual({ ids: [planId], total: 1 });
    });

    it("loses access on the very next request after withdrawal, while the lead keeps it", async () => {
      const { partnership, lead, planId } = await planSetup();
      const member = await caseworkerIn(kind, partnership.id);
      await addToTeam(planId, member.id);
      const consentId = await giveConsent(lead, planId, [member.organisationId]);
      expect(await canAccessPlan(getDb(), member, planId)).toBe(true);

      await withdrawConsent(getDb(), lead, planId, consentId, "Personen återkallade samtycket muntligt");
      expect(await statusOf(planAccessFor(getDb(), member, planId, "plan.read"))).toBe(404);
      expect((await visibleInList(member)).total).toBe(0);
      expect(await statusOf(planAccessFor(getDb(), lead, planId, "plan.read"))).toBe(200);
    });

    it("has no access once the consent has expired or before it starts", async () => {
      const { partnership, lead, planId } = await planSetup();
      const member = await caseworkerIn(kind, partnership.id);
      await addToTeam(planId, member.id);
      await giveConsent(lead, planId, [member.organisationId], addDays(todayInStockholm(), 10));
      expect(await canAccessPlan(getDb(), member, planId)).toBe(true);
      expect(await canAccessPlan(getDb(), member, planId, addDays(todayInStockholm(), 11))).toBe(false);
      expect(await canAccessPlan(getDb(), member, planId, addDays(todayInStockholm(), -1))).toBe(false);
    });
  },
);

describe("the lead organisation", () => {
  it("sees its plan without any consent, but only through team membership", async () => {
    const { lead, planId } = await planSetup();
    expect(await canAccessPlan(getDb(), lead, planId)).toBe(true);
    const colleague = await makeUser(getDb(), { organisationId: lead.organisationId });
    expect(
      await canAccessPlan(getDb(), { ...colleague, grants: [{ role: "caseworker", partnershipId: null }] }, planId),
    ).toBe(false);
  });
});

describe("roles that give no plan access", () => {
  it.each(["admin", "coordinator", "steering", "auditor", "contact"] as const)(
    "%s on the team of the lead organisation still gets 404",
    async (role) => {
      const { lead, planId } = await planSetup();
      const other = await makeUser(getDb(), { organisationId: lead.organisationId, roles: [{ role }] });
      await addToTeam(planId, other.id);
      const user = { ...other, grants: [{ role, partnershipId: null }] };
      expect(await statusOf(planAccessFor(getDb(), user, planId, "plan.read"))).toBe(404);
      expect((await visibleInList(user)).total).toBe(0);
    },
  );
});

describe("search and counts", () => {
  it("never find or count a plan the user may not see", async () => {
    const a = await planSetup("Gemensam Söknamn");
    const b = await planSetup("Gemensam Söknamn");
    const seesA = await visibleInList(a.lead, "söknamn");
    expect(seesA).toEqual({ ids: [a.planId], total: 1 });
    const seesB = await visibleInList(b.lead, "gemensam");
    expect(seesB).toEqual({ ids: [b.planId], total: 1 });
  });

  it("audits denied attempts, also for plans that do not exist", async () => {
    const { partnership, planId } = await planSetup();
    const outsider = await caseworkerIn("employment_service", partnership.id);
    await statusOf(planAccessFor(getDb(), outsider, planId, "plan.read"));
    await statusOf(planAccessFor(getDb(), outsider, "no-such-plan", "plan.read"));
    const denied = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("user_id", "=", outsider.id)
      .where("outcome", "=", "denied")
      .execute();
    expect(denied.map((d) => d.plan_id)).toEqual([planId, null]);
  });
});
