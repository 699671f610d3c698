import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { DEMO_PERSONS, demoCaseworker } from "#db/seed/demo-plans";
import { seedDemo } from "#db/seed/seed";
import { addNote } from "~/features/plans/plan-parts.server";
import { planPage } from "~/features/plans/plan-page.server";
import { createPlan } from "~/features/plans/plans.server";
import { setOrganisationRule } from "~/features/retention/settings.server";
import { currentUser } from "../../../test/factories";
import { valueOf } from "../../../test/plans";
import { registerExtract } from "./extract.server";

let sannaPlanId: string;
let otherPlanId: string;

beforeAll(async () => {
  const db = getDb();
  await seedDemo(db);
  const plan = await db
    .selectFrom("plan_person_details")
    .select("plan_id")
    .where("name", "=", DEMO_PERSONS.sanna.name)
    .executeTakeFirstOrThrow();
  sannaPlanId = plan.plan_id;
  // Psychiatry (another organisation, not on Sanna's plan) has a plan of its own for the same number.
  const henrik = await demoCaseworker(db, "henrik.psykiatri@demo.samsyn.se");
  otherPlanId = valueOf(
    await createPlan(db, henrik, {
      kind: "SIP",
      person: { identityNumber: DEMO_PERSONS.sanna.identityNumber, name: "Sanna Annatnamn", protectedIdentity: false },
      goal: "Ett mål som psykiatrin skrev",
    }),
  );
  valueOf(await addNote(db, henrik, otherPlanId, "Psykiatrins egen anteckning"));
});

async function annaExtract() {
  const anna = await demoCaseworker(getDb(), "anna.handlaggare@demo.samsyn.se");
  return { anna, result: await registerExtract(getDb(), { ...anna }, sannaPlanId, "page") };
}

describe("the register extract", () => {
  it("holds the person, the plan with its consents, actions and notes, and who read it", async () => {
    const { result } = await annaExtract();
    const extract = valueOf(result);
    expect(extract.person.identityNumber).toBe(
      `${DEMO_PERSONS.sanna.identityNumber.slice(0, 8)}-${DEMO_PERSONS.sanna.identityNumber.slice(8)}`,
    );
    expect(extract.person.details).toContainEqual(
      expect.objectContaining({ name: DEMO_PERSONS.sanna.name, address: "Storgatan 12, 123 45 Sjöstad" }),
    );
    expect(extract.plans.map((p) => p.id)).toEqual([sannaPlanId]);
    const [plan] = extract.plans;
    expect(plan.goal).toContain("handel");
    expect(plan.consents.length).toBeGreaterThan(0);
    expect(plan.actions.length).toBeGreaterThan(0);
    // Reads are by organisation and day; staff names only when the organisation's setting says so.
    expect(extract.staffNames).toBe(false);
    expect(extract.reads.length).toBeGreaterThan(0);
    expect(extract.reads.every((r) => r.name === null)).toBe(true);
  });

  it("shows nothing from another organisation's plan for the same person, not even that it exists", async () => {
    const db = getDb();
    const henrik = await demoCaseworker(db, "henrik.psykiatri@demo.samsyn.se");
    valueOf(await planPage(db, henrik, otherPlanId));
    const { result } = await annaExtract();
    const text = JSON.stringify(valueOf(result));
    for (const foreign of [
      otherPlanId,
      "Sanna Annatnamn",
      "Ett mål som psykiatrin skrev",
      "Psykiatrins egen anteckning",
    ]) {
      expect(text).not.toContain(foreign);
    }
    expect(text).not.toContain(henrik.organisationName);
  });

  it("names the staff who read the records when the organisation's setting says so", async () => {
    const { anna } = await annaExtract();
    await setOrganisationRule(getDb(), anna.organisationId, {
      planYears: 5,
      researchException: true,
      auditYears: 10,
      extractStaffNames: true,
    });
    const extract = valueOf((await annaExtract()).result);
    expect(extract.staffNames).toBe(true);
    expect(extract.reads.map((r) => r.name)).toContain(anna.name);
  });

  it("is audited, and a caseworker who may not see the plan gets not found (and a denied event)", async () => {
    const db = getDb();
    const produced = await db
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("plan_id", "=", sannaPlanId)
      .where("action", "=", "extract.produced")
      .execute();
    expect(produced.length).toBeGreaterThan(0);
    expect(produced.every((e) => !/\d{8}-?\d{4}/.test(e.details ?? ""))).toBe(true);
    const henrik = await demoCaseworker(db, "henrik.psykiatri@demo.samsyn.se");
    expect(await registerExtract(db, henrik, sannaPlanId, "json")).toMatchObject({ ok: false, error: "not_found" });
    const denied = await db
      .selectFrom("audit_events")
      .select("outcome")
      .where("plan_id", "=", sannaPlanId)
      .where("action", "=", "extract.produce")
      .execute();
    expect(denied).toContainEqual({ outcome: "denied" });
  });

  it("is not for admins, who see no plan content", async () => {
    const db = getDb();
    const admin = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "admin@demo.samsyn.se")
      .executeTakeFirstOrThrow();
    expect(await registerExtract(db, await currentUser(admin.id), sannaPlanId, "page")).toMatchObject({ ok: false });
  });
});
