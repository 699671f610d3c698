import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { addToTeam, caseworkerIn, giveConsent, planSetup, testIdentityNumber, valueOf } from "../../../test/plans";
import { makePartnership } from "../../../test/factories";
import { getMyPlan, getPlanPage } from "./plan-page.server";
import { addAction, recordFollowUp, updateAction } from "./plan-parts.server";
import { changePlanStatus, createPlan, listPlans, updatePlanCore } from "./plans.server";

describe("creating plans", () => {
  it("links an existing identity number to the same person without revealing the other plan", async () => {
    const db = getDb();
    const partnership = await makePartnership();
    const a = await caseworkerIn("social_services", partnership.id);
    const b = await caseworkerIn("employment_service", partnership.id);
    const number = testIdentityNumber();
    const first = valueOf(
      await createPlan(db, a, {
        kind: "GIP",
        person: { identityNumber: number, name: "Samma Person", protectedIdentity: false },
      }),
    );
    const second = valueOf(
      await createPlan(db, b, {
        kind: "GIP",
        person: { identityNumber: number, name: "Samma Person", protectedIdentity: false },
      }),
    );
    const persons = await db.selectFrom("persons").select("id").where("identity_number", "=", number).execute();
    expect(persons).toHaveLength(1);
    const plans = await db.selectFrom("plans").select(["id", "person_id"]).where("id", "in", [first, second]).execute();
    expect(new Set(plans.map((p) => p.person_id)).size).toBe(1);
    // B sees only their own plan.
    const seen = await listPlans(db, b, { q: "", page: 1 });
    expect(seen.items.map((p) => p.id)).toEqual([second]);
  });

  it("never stores contact details for a protected identity, and never lifts protection silently", async () => {
    const db = getDb();
    const partnership = await makePartnership();
    const a = await caseworkerIn("social_services", partnership.id);
    const number = testIdentityNumber();
    await createPlan(db, a, {
      kind: "SIP",
      person: {
        identityNumber: number,
        name: "Skyddad Person",
        protectedIdentity: true,
        address: "Hemlig väg 1",
        phone: "0701234567",
      },
    });
    await createPlan(db, a, {
      kind: "GIP",
      person: { identityNumber: number, name: "Skyddad Person", protectedIdentity: false, address: "Ny gata 2" },
    });
    const person = await db
      .selectFrom("persons")
      .selectAll()
      .where("identity_number", "=", number)
      .executeTakeFirstOrThrow();
    expect(person.protected_identity).toBe(1);
    // Contact details are each plan's own now (docs/decisions/0010): none stored on any plan.
    const details = await db
      .selectFrom("plan_person_details")
      .select(["address", "phone", "email"])
      .where("person_id", "=", person.id)
      .execute();
    expect(details).toHaveLength(2);
    for (const d of details) expect([d.address, d.phone, d.email]).toEqual([null, null, null]);
  });

  it("starts as a draft led by the creator's organisation, with the creator on the team and in the history", async () => {
    const { lead, planId } = await planSetup();
    const page = valueOf(await getPlanPage(getDb(), lead, planId));
    expect(page.plan.status).toBe("draft");
    expect(page.plan.leadOrganisationId).toBe(lead.organisationId);
    expect(page.team.map((m) => m.id)).toEqual([lead.id]);
    expect(page.history.map((h) => h.change)).toEqual(["plan.create"]);
  });
});

describe("concurrent edits", () => {
  it("refuse a save based on an old version and hand back both versions", async () => {
    const db = getDb();
    const { partnership, lead, planId } = await planSetup();
    const colleague = await caseworkerIn("labour_market_unit", partnership.id);
    await addToTeam(planId, colleague.id);
    await giveConsent(lead, planId, [colleague.organisationId]);
    const version = (await db.selectFrom("plans").select("version").where("id", "=", planId).executeTakeFirstOrThrow())
      .version;
    const base = { needs: "", nextFollowUp: null, leadUserId: lead.id };

    const first = await updatePlanCore(db, lead, planId, {
      ...base,
      version,
      goal: "Mål från ledaren",
    });
    expect(first.ok).toBe(true);
    const second = await updatePlanCore(db, colleague, planId, {
      ...base,
      version,
      goal: "Mål från kollegan",
    });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.detail?.saved.goal).toBe("Mål från ledaren");
    expect(second.detail?.attempted.goal).toBe("Mål från kollegan");
    const stored = await db.selectFrom("plans").select("goal").where("id", "=", planId).executeTakeFirstOrThrow();
    expect(stored.goal).toBe("Mål från ledaren");
  });

  it("keep every change in the history with before and after", async () => {
    const db = getDb();
    const { lead, planId } = await planSetup();
    await updatePlanCore(db, lead, planId, {
      version: 1,
      goal: "Första målet",
      needs: "",
      nextFollowUp: null,
      leadUserId: lead.id,
    });
    await updatePlanCore(db, lead, planId, {
      version: 2,
      goal: "Andra målet",
      needs: "",
      nextFollowUp: null,
      leadUserId: lead.id,
    });
    const page = valueOf(await getPlanPage(db, lead, planId));
    const update = page.history.find((h) => h.change === "plan.update" && h.after?.goal === "Andra målet");
    expect(update?.before).toEqual({ goal: "Första målet" });
  });

  it("apply to actions too", async () => {
    const db = getDb();
    const { lead, planId } = await planSetup();
    const actionId = valueOf(
      await addAction(db, lead, planId, {
        responsibleOrganisationId: lead.organisationId,
        responsibleUserId: null,
        description: "Insats",
        startDate: null,
        dueDate: null,
        status: "planned",
      }),
    );
    expect((await updateAction(db, lead, planId, actionId, { version: 1, status: "ongoing", dueDate: null })).ok).toBe(
      true,
    );
    const stale = await updateAction(db, lead, planId, actionId, { version: 1, status: "done", dueDate: null });
    expect(stale?.ok).toBe(false);
  });
});

describe("the person's own part", () => {
  it("is recorded by the team and printed in Min plan apart from the organisations' actions", async () => {
    const db = getDb();
    const { lead, planId } = await planSetup();
    const action = (description: string, byPerson: boolean) =>
      addAction(db, lead, planId, {
        responsibleOrganisationId: lead.organisationId,
        responsibleUserId: null,
        description,
        startDate: null,
        dueDate: null,
        status: "planned",
        byPerson,
      });
    valueOf(await action("Söka tre jobb i veckan", true));
    valueOf(await action("Försörjningsstöd", false));
    const myPlan = valueOf(await getMyPlan(db, lead, planId));
    expect(myPlan.actions.filter((a) => a.byPerson).map((a) => a.description)).toEqual(["Söka tre jobb i veckan"]);
    expect(myPlan.actions.filter((a) => !a.byPerson).map((a) => a.description)).toEqual(["Försörjningsstöd"]);
  });

  it("never presents a follow-up date that has passed as upcoming", async () => {
    const db = getDb();
    const { lead, planId } = await planSetup();
    const page = valueOf(await getPlanPage(db, lead, planId));
    const passed = "2020-01-15";
    valueOf(
      await updatePlanCore(db, lead, planId, {
        version: page.plan.version,
        goal: "Mål",
        needs: "",
        nextFollowUp: passed,
        leadUserId: lead.id,
      }),
    );
    const myPlan = valueOf(await getMyPlan(db, lead, planId));
    expect(myPlan.nextFollowUp).toBe(passed);
    expect(myPlan.nextFollowUpPassed).toBe(true);
  });
});

describe("lifecycle", () => {
  it("needs a follow-up date to activate and an outcome to close", async () => {
    const db = getDb();
    const { lead, planId } = await planSetup();
    const status = async (input: Parameters<typeof changePlanStatus>[3]) => {
      const result = await changePlanStatus(db, lead, planId, input);
      return result.ok ? "ok" : result.error;
    };
    expect(await status({ version: 1, to: "active" })).toBe("needs_follow_up");
    await updatePlanCore(db, lead, planId, {
      version: 1,
      goal: "",
      needs: "",
      nextFollowUp: "2027-01-15",
      leadUserId: lead.id,
    });
    expect(await status({ version: 2, to: "active" })).toBe("ok");
    expect(await status({ version: 3, to: "closed" })).toBe("not_allowed");
    expect(await status({ version: 3, to: "closed", outcome: "studies" })).toBe("ok");
    const plan = await db
      .selectFrom("plans")
      .select(["status", "outcome", "closed_at"])
      .where("id", "=", planId)
      .executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ status: "closed", outcome: "studies" });
    expect(plan.closed_at).not.toBeNull();
  });

  it("sets the next follow-up date every time a follow-up is recorded", async () => {
    const db = getDb();
    const { lead, planId } = await planSetup();
    await updatePlanCore(db, lead, planId, {
      version: 1,
      goal: "",
      needs: "",
      nextFollowUp: "2026-12-01",
      leadUserId: lead.id,
    });
    await recordFollowUp(db, lead, planId, {
      heldOn: "2026-12-02",
      reviewed: "Genomgång av insatserna",
      nextDate: "2027-03-01",
    });
    const plan = await db
      .selectFrom("plans")
      .select("next_follow_up")
      .where("id", "=", planId)
      .executeTakeFirstOrThrow();
    expect(plan.next_follow_up).toBe("2027-03-01");
    const followUp = await db
      .selectFrom("plan_follow_ups")
      .selectAll()
      .where("plan_id", "=", planId)
      .executeTakeFirstOrThrow();
    expect(followUp.due_on).toBe("2026-12-01");
  });
});

describe("audit of personal data", () => {
  it("records every read and write of the plan with who, organisation, record and person", async () => {
    const db = getDb();
    const { lead, planId } = await planSetup();
    const { personId } = (await getPlanPage(db, lead, planId).then(valueOf)).person;
    await updatePlanCore(db, lead, planId, {
      version: 1,
      goal: "Nytt mål",
      needs: "",
      nextFollowUp: null,
      leadUserId: lead.id,
    });
    const events = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("plan_id", "=", planId)
      .orderBy("seq")
      .execute();
    expect(events.map((e) => e.action)).toEqual(["person.create", "plan.create", "plan.read", "plan.update"]);
    for (const e of events) {
      expect(e.user_id).toBe(lead.id);
      expect(e.organisation_id).toBe(lead.organisationId);
      expect(e.person_id).toBe(personId);
    }
    // The identity number is never in an audit event.
    const person = await db
      .selectFrom("persons")
      .select("identity_number")
      .where("id", "=", personId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(events)).not.toContain(person.identity_number);
  });
});
