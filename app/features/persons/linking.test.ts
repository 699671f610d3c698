// Issue 11 item 1, as an attacker would try it through the routes: the identity number is the
// only thing plans share. A caseworker who creates a plan for a number another organisation
// already has must neither see nor change what that organisation recorded, and protected
// identity hides contact details on every plan without telling anyone which other plans exist.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { currentUser, signedInRequest } from "../../../test/factories";
import { caseworkerIn, testIdentityNumber } from "../../../test/plans";
import { action as planAction, loader as planLoader } from "~/routes/plans.$planId";
import { loader as myPlanLoader } from "~/routes/plans.$planId.my-plan";
import { action as searchAction } from "~/routes/plans._index";
import { action as newPlanAction } from "~/routes/plans.new";

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "", clientIp: "127.0.0.1" } }) as never;

function post(fields: Record<string, string>) {
  return {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  };
}

async function outcome(promise: Promise<unknown>): Promise<{ status: number; body?: unknown; location?: string }> {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, location: value.headers.get("Location") ?? "" };
    const maybe = value as { init?: { status?: number }; data?: unknown };
    if (maybe && typeof maybe === "object" && "init" in maybe)
      return { status: maybe.init?.status ?? 200, body: maybe.data };
    return { status: 200, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    throw thrown;
  }
}

const ANNAS = { name: "Sanna Exempelsson", address: "Storgatan 12, 123 45 Sjöstad", phone: "070-123 45 67" };

/** What a signed-in user's browser receives for a page, as text. */
async function pageText(userId: string, path: string, loader: (a: never) => Promise<unknown>, planId: string) {
  const result = await outcome(loader(args(await signedInRequest(userId, path), { planId })));
  const body = (result.body ?? null) as { page?: { person?: unknown } } | null;
  return { status: result.status, text: JSON.stringify(body), person: JSON.stringify(body?.page?.person ?? null) };
}

async function createPlanAs(userId: string, fields: Record<string, string>): Promise<string> {
  const result = await outcome(
    newPlanAction(args(await signedInRequest(userId, "/plans/new", post({ kind: "GIP", ...fields })))),
  );
  expect(result.status).toBe(303);
  return result.location!.split("/").pop()!;
}

async function postToPlan(userId: string, planId: string, fields: Record<string, string>) {
  return outcome(planAction(args(await signedInRequest(userId, `/plans/${planId}`, post(fields)), { planId })));
}

/** Anna (social services) has a plan for Sanna; Maria (adult education) is on none of it. */
async function scenario() {
  const { makePartnership } = await import("../../../test/factories");
  const partnership = await makePartnership();
  const anna = await caseworkerIn("social_services", partnership.id);
  const maria = await caseworkerIn("adult_education", partnership.id);
  const number = testIdentityNumber();
  const annasPlan = await createPlanAs(anna.id, { identityNumber: number, ...ANNAS });
  return { partnership, anna: { ...anna, name: (await currentUser(anna.id)).name }, maria, number, annasPlan };
}

describe("creating a plan for an identity number another organisation already has", () => {
  it("shows the new plan nothing the other organisation recorded, and changes nothing on its plan", async () => {
    const { anna, maria, number, annasPlan } = await scenario();
    const mariasPlan = await createPlanAs(maria.id, { identityNumber: number, name: "Felaktigt Namn" });

    const marias = await pageText(maria.id, `/plans/${mariasPlan}`, planLoader, mariasPlan);
    expect(marias.status).toBe(200);
    expect(marias.text).toContain("Felaktigt Namn");
    for (const secret of [ANNAS.name, ANNAS.address, ANNAS.phone, annasPlan]) {
      expect(marias.text).not.toContain(secret);
    }
    // Anna may be offered as a team member (she works in a partner organisation), but nothing
    // about the person comes from her.
    expect(marias.person).not.toContain(anna.name);
    const mariasCopy = await pageText(maria.id, `/plans/${mariasPlan}/my-plan`, myPlanLoader, mariasPlan);
    expect(mariasCopy.text).not.toContain(ANNAS.name);

    const annas = await pageText(anna.id, `/plans/${annasPlan}`, planLoader, annasPlan);
    expect(annas.text).toContain(ANNAS.name);
    expect(annas.text).toContain(ANNAS.address);
    expect(annas.text).toContain(ANNAS.phone);
    expect(annas.text).not.toContain("Felaktigt Namn");
    expect(annas.text).not.toContain(mariasPlan);
  });

  it("does not let the new plan's edits reach the other plan", async () => {
    const { anna, maria, number, annasPlan } = await scenario();
    const mariasPlan = await createPlanAs(maria.id, { identityNumber: number, name: "Felaktigt Namn" });
    const saved = await postToPlan(maria.id, mariasPlan, {
      intent: "save-person",
      name: "Ännu Ett Namn",
      address: "Falsk väg 1",
      phone: "08-000 00 00",
    });
    expect(saved.status).toBe(303);
    const annas = await pageText(anna.id, `/plans/${annasPlan}`, planLoader, annasPlan);
    expect(annas.text).toContain(ANNAS.name);
    expect(annas.text).toContain(ANNAS.address);
    for (const theirs of ["Ännu Ett Namn", "Falsk väg 1", "08-000 00 00"]) expect(annas.text).not.toContain(theirs);
  });
});

describe("protected identity", () => {
  it("marked on one plan hides contact details on every plan, without naming who marked it or where", async () => {
    const { anna, maria, number, annasPlan } = await scenario();
    const mariasPlan = await createPlanAs(maria.id, {
      identityNumber: number,
      name: "Sanna E",
      address: "Skolvägen 3",
      email: "sanna@example.se",
    });
    const marked = await postToPlan(anna.id, annasPlan, {
      intent: "save-person",
      name: ANNAS.name,
      protectedIdentity: "on",
      address: ANNAS.address,
      phone: ANNAS.phone,
    });
    expect(marked.status).toBe(303);

    const marias = await pageText(maria.id, `/plans/${mariasPlan}`, planLoader, mariasPlan);
    expect(marias.status).toBe(200);
    for (const hidden of ["Skolvägen 3", "sanna@example.se", ANNAS.address, ANNAS.phone]) {
      expect(marias.text).not.toContain(hidden);
    }
    // That the number is protected is shown; by whom, from which plan or organisation is not.
    expect(marias.text).toMatch(/"protectedIdentity":true/);
    expect(marias.text).not.toContain(annasPlan);
    for (const trace of [anna.name, anna.org.name]) expect(marias.person).not.toContain(trace);

    const annas = await pageText(anna.id, `/plans/${annasPlan}`, planLoader, annasPlan);
    expect(annas.text).not.toContain(ANNAS.address);
    expect(annas.text).not.toContain(ANNAS.phone);

    // "Min plan" never carries an address.
    for (const [userId, planId] of [
      [maria.id, mariasPlan],
      [anna.id, annasPlan],
    ]) {
      const copy = await pageText(userId, `/plans/${planId}/my-plan`, myPlanLoader, planId);
      expect(copy.status).toBe(200);
      for (const hidden of ["Skolvägen 3", "sanna@example.se", ANNAS.address, ANNAS.phone]) {
        expect(copy.text).not.toContain(hidden);
      }
    }
  });

  it("cannot be lifted by another organisation, and hides rather than destroys what each plan recorded", async () => {
    const { anna, maria, number, annasPlan } = await scenario();
    const mariasPlan = await createPlanAs(maria.id, { identityNumber: number, name: "Sanna E" });
    // Maria marks the number protected from her own plan.
    await postToPlan(maria.id, mariasPlan, { intent: "save-person", name: "Sanna E", protectedIdentity: "on" });
    let annas = await pageText(anna.id, `/plans/${annasPlan}`, planLoader, annasPlan);
    expect(annas.text).not.toContain(ANNAS.address);

    // Anna saves her details without the box ticked: the protection stays.
    await postToPlan(anna.id, annasPlan, { intent: "save-person", name: ANNAS.name, address: "Ny adress 5" });
    // Nor can she lift it outright: only the organisation that marked it may, on the plan it marked it on.
    const lift = await postToPlan(anna.id, annasPlan, { intent: "lift-protection" });
    expect(lift.status).toBeGreaterThanOrEqual(400);
    annas = await pageText(anna.id, `/plans/${annasPlan}`, planLoader, annasPlan);
    expect(annas.text).toMatch(/"protectedIdentity":true/);
    expect(annas.text).not.toContain(ANNAS.address);
    expect(annas.text).not.toContain("Ny adress 5");

    // Maria's organisation lifts it: Anna's own details come back, untouched.
    expect((await postToPlan(maria.id, mariasPlan, { intent: "lift-protection" })).status).toBe(303);
    annas = await pageText(anna.id, `/plans/${annasPlan}`, planLoader, annasPlan);
    expect(annas.text).toContain(ANNAS.address);
    expect(annas.text).toContain(ANNAS.phone);
  });

  it("records who marked it and when", async () => {
    const { anna, annasPlan } = await scenario();
    await postToPlan(anna.id, annasPlan, { intent: "save-person", name: ANNAS.name, protectedIdentity: "on" });
    const events = await getDb()
      .selectFrom("audit_events")
      .select(["action", "user_id", "organisation_id"])
      .where("plan_id", "=", annasPlan)
      .where("action", "=", "person.protect")
      .execute();
    expect(events).toEqual([{ action: "person.protect", user_id: anna.id, organisation_id: anna.organisationId }]);
    const annas = await pageText(anna.id, `/plans/${annasPlan}`, planLoader, annasPlan);
    // On the plan it was marked from, the team sees by whom.
    expect(annas.text).toMatch(/"protectedIdentity":true/);
    expect(annas.person).toContain(anna.org.name);
    expect(annas.person).toContain(anna.name);
  });
});

describe("searching by name", () => {
  it("finds only plans the user may see, by the name that plan recorded", async () => {
    const { anna, maria, number, annasPlan } = await scenario();
    const mariasPlan = await createPlanAs(maria.id, { identityNumber: number, name: "Felaktigt Namn" });
    const search = async (userId: string, q: string) => {
      const result = await outcome(searchAction(args(await signedInRequest(userId, "/plans", post({ q })))));
      return result.body as { result: { total: number; items: { id: string }[] } };
    };
    const hits = async (userId: string, q: string) => {
      const body = await search(userId, q);
      return { ids: body.result.items.map((p) => p.id), text: JSON.stringify(body) };
    };

    expect((await hits(maria.id, "Exempelsson")).ids).toEqual([]);
    expect((await hits(anna.id, "Felaktigt")).ids).toEqual([]);
    const annasHits = await hits(anna.id, "Exempelsson");
    expect(annasHits.ids).toEqual([annasPlan]);
    expect(annasHits.text).not.toContain("Felaktigt Namn");
    // By number, each sees only their own plan, under their own name for the person.
    const byNumber = await hits(maria.id, number.slice(2));
    expect(byNumber.ids).toEqual([mariasPlan]);
    expect(byNumber.text).toContain("Felaktigt Namn");
    expect(byNumber.text).not.toContain(ANNAS.name);
  });
});
