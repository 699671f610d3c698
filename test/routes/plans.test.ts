// Plan routes as an outsider, a team member and the lead see them.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { makeUser, signedInRequest } from "../factories";
import { addToTeam, caseworkerIn, giveConsent, planSetup, testIdentityNumber } from "../plans";
import { action as planAction, loader as planLoader } from "../../app/routes/plans.$planId";
import { loader as myPlanLoader } from "../../app/routes/plans.$planId.my-plan";
import { action as searchAction, loader as listLoader } from "../../app/routes/plans._index";
import { action as newPlanAction } from "../../app/routes/plans.new";

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "", clientIp: "127.0.0.1" } }) as never;

function post(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
  return { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } };
}

async function outcome(
  promise: Promise<unknown>,
): Promise<{ status: number; body?: unknown; location?: string | null }> {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, location: value.headers.get("Location") };
    const maybe = value as { init?: { status?: number }; data?: unknown };
    if (maybe && typeof maybe === "object" && "init" in maybe)
      return { status: maybe.init?.status ?? 200, body: maybe.data };
    return { status: 200, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    throw thrown;
  }
}

const INTENTS: Record<string, Record<string, string | string[]>> = {
  "save-plan": { version: "1", goal: "x", needs: "", leadUserId: "x" },
  "save-person": { name: "X" },
  activate: { version: "1" },
  close: { version: "1", outcome: "work" },
  "add-member": { memberId: "x" },
  "remove-member": { memberId: "x" },
  "add-action": { description: "x", responsibleOrganisationId: "x" },
  "update-action": { actionId: "x", version: "1", status: "done" },
  "record-follow-up": { heldOn: "2026-01-01", reviewed: "x", nextDate: "2026-02-01" },
  "add-note": { body: "x" },
  "record-consent": { grantor: "self", purpose: "x" },
  "withdraw-consent": { consentId: "x", reason: "x" },
  unknown: {},
};

describe("plan routes for someone without access", () => {
  it("answer 404 to every loader and every intent, and change nothing", async () => {
    const { partnership, planId } = await planSetup();
    const outsider = await caseworkerIn("employment_service", partnership.id);
    await addToTeam(planId, outsider.id); // on the team, but no consent covers their organisation
    const before = await getDb().selectFrom("plans").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();

    expect(
      (await outcome(planLoader(args(await signedInRequest(outsider.id, `/plans/${planId}`), { planId })))).status,
    ).toBe(404);
    expect(
      (await outcome(myPlanLoader(args(await signedInRequest(outsider.id, `/plans/${planId}/my-plan`), { planId }))))
        .status,
    ).toBe(404);
    for (const [intent, fields] of Object.entries(INTENTS)) {
      const result = await outcome(
        planAction(
          args(await signedInRequest(outsider.id, `/plans/${planId}`, post({ intent, ...fields })), { planId }),
        ),
      );
      expect(result.status, intent).toBe(404);
    }
    const after = await getDb().selectFrom("plans").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it("answer 404 for a plan that does not exist, the same as for one that does", async () => {
    const user = await caseworkerIn("social_services", (await planSetup()).partnership.id);
    expect(
      (await outcome(planLoader(args(await signedInRequest(user.id, "/plans/nope"), { planId: "nope" })))).status,
    ).toBe(404);
  });

  it("answer 404 to a covered team member who tries the lead's steps (consent, lifecycle)", async () => {
    const { partnership, lead, planId } = await planSetup();
    const member = await caseworkerIn("labour_market_unit", partnership.id);
    await addToTeam(planId, member.id);
    await giveConsent(lead, planId, [member.organisationId]);
    expect(
      (await outcome(planLoader(args(await signedInRequest(member.id, `/plans/${planId}`), { planId })))).status,
    ).toBe(200);
    for (const intent of ["activate", "close", "record-consent", "withdraw-consent"]) {
      const result = await outcome(
        planAction(
          args(await signedInRequest(member.id, `/plans/${planId}`, post({ intent, ...INTENTS[intent] })), { planId }),
        ),
      );
      expect(result.status, intent).toBe(404);
    }
  });
});

describe("the plan list", () => {
  it("is for caseworkers only", async () => {
    const admin = await makeUser(getDb(), { roles: [{ role: "admin" }] });
    expect((await outcome(listLoader(args(await signedInRequest(admin.id, "/plans"))))).status).toBe(404);
  });

  it("searches by name or number with a POST, within what the user may see", async () => {
    const { lead, planId } = await planSetup("Unik Sökperson");
    const result = await outcome(searchAction(args(await signedInRequest(lead.id, "/plans", post({ q: "unik sök" })))));
    expect((result.body as { result: { items: { id: string }[] } }).result.items.map((p) => p.id)).toEqual([planId]);
  });
});

describe("a new plan", () => {
  it("refuses a wrong identity number with a clear Swedish message and keeps every value", async () => {
    const { lead } = await planSetup();
    const result = await outcome(
      newPlanAction(
        args(
          await signedInRequest(
            lead.id,
            "/plans/new",
            post({ kind: "GIP", identityNumber: "19121212-1213", name: "Nils Nilsson", goal: "Eget jobb" }),
          ),
        ),
      ),
    );
    expect(result.status).toBe(400);
    const body = (result.body as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } })
      .result;
    expect(body.error.identityNumber[0]).toMatch(/Personnumret är inte giltigt/);
    expect(body.initialValue).toMatchObject({
      name: "Nils Nilsson",
      goal: "Eget jobb",
      identityNumber: "19121212-1213",
    });
  });

  it("is created and the identity number never appears in the redirect", async () => {
    const { lead } = await planSetup();
    const number = testIdentityNumber();
    const result = await outcome(
      newPlanAction(
        args(
          await signedInRequest(
            lead.id,
            "/plans/new",
            post({ kind: "SIP", identityNumber: number, name: "Ny Person" }),
          ),
        ),
      ),
    );
    expect(result.status).toBe(303);
    expect(result.location).toMatch(/^\/plans\/[a-z0-9]{20}$/);
    expect(result.location).not.toContain(number.slice(2, 8));
  });
});

describe("consent on the plan page", () => {
  it("is recorded by the lead and its withdrawal cuts the member off at once", async () => {
    const { partnership, lead, planId } = await planSetup();
    const member = await caseworkerIn("adult_education", partnership.id);
    await addToTeam(planId, member.id);
    const recorded = await outcome(
      planAction(
        args(
          await signedInRequest(
            lead.id,
            `/plans/${planId}`,
            post({
              intent: "record-consent",
              grantor: "self",
              organisationIds: [member.organisationId],
              categories: ["health"],
              purpose: "Samordning",
              givenOn: "2026-01-01",
              form: "oral",
              validFrom: "2026-01-01",
              validUntil: "2099-12-31",
            }),
          ),
          { planId },
        ),
      ),
    );
    expect(recorded.status).toBe(303);
    expect(
      (await outcome(planLoader(args(await signedInRequest(member.id, `/plans/${planId}`), { planId })))).status,
    ).toBe(200);
    const consent = await getDb()
      .selectFrom("consents")
      .select("id")
      .where("plan_id", "=", planId)
      .executeTakeFirstOrThrow();
    await outcome(
      planAction(
        args(
          await signedInRequest(
            lead.id,
            `/plans/${planId}`,
            post({ intent: "withdraw-consent", consentId: consent.id, reason: "Återkallat i telefon" }),
          ),
          { planId },
        ),
      ),
    );
    expect(
      (await outcome(planLoader(args(await signedInRequest(member.id, `/plans/${planId}`), { planId })))).status,
    ).toBe(404);
    expect(
      (await outcome(planLoader(args(await signedInRequest(lead.id, `/plans/${planId}`), { planId })))).status,
    ).toBe(200);
  });

  it("refuses a consent without parties, with the reason", async () => {
    const { lead, planId } = await planSetup();
    const result = await outcome(
      planAction(
        args(
          await signedInRequest(
            lead.id,
            `/plans/${planId}`,
            post({
              intent: "record-consent",
              grantor: "self",
              categories: ["health"],
              purpose: "Samordning",
              givenOn: "2026-01-01",
              form: "oral",
              validFrom: "2026-01-01",
              validUntil: "2026-12-31",
            }),
          ),
          { planId },
        ),
      ),
    );
    expect(result.status).toBe(400);
    expect((result.body as { result: { error: Record<string, string[]> } }).result.error.organisationIds).toEqual([
      "Välj minst en part som samtycket omfattar.",
    ]);
  });
});
