import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { createPlan } from "~/features/plans/plans.server";
import { closedPlan, identityBornOn } from "../../../test/retention";
import { addToTeam, caseworkerIn, valueOf } from "../../../test/plans";
import { makePartnership } from "../../../test/factories";
import { planVerdicts } from "./plans.server";
import { retentionDryRun, runRetentionPurge } from "./retention.server";
import { dueDates, researchExempt } from "./rules";
import { setOrganisationRule } from "./settings.server";

// A fixed clock: noon UTC is the same calendar day in Stockholm.
const on = (date: string) => new Date(`${date}T12:00:00.000Z`);
const verdictOf = async (planId: string, date: string) =>
  (await planVerdicts(getDb(), date)).find((v) => v.planId === planId)?.state;
const duePlanIds = async (date: string) =>
  (await retentionDryRun(getDb(), on(date))).organisations.flatMap((o) => o.due.map((d) => d.planId));

describe("when a closed plan is due", () => {
  it("a plan whose last entry is 2020-12-31 is due from 2026-01-01, not on 2025-12-31, and must be gone by 2027-12-31", async () => {
    const { planId } = await closedPlan("2020-12-31T10:00:00.000Z");
    expect(await verdictOf(planId, "2025-12-31")).toBe("not_yet");
    expect(await verdictOf(planId, "2026-01-01")).toBe("due");
    expect(dueDates("2020-12-31", 5)).toEqual({ dueFrom: "2026-01-01", goneBy: "2027-12-31" });
    expect(await duePlanIds("2025-12-31")).not.toContain(planId);
    expect(await duePlanIds("2026-01-01")).toContain(planId);
  });

  it.each(["2026-01-01", "2026-03-15", "2026-07-01", "2026-12-31"])("a run on %s purges it", async (date) => {
    const { planId } = await closedPlan("2020-12-31T10:00:00.000Z");
    const result = await runRetentionPurge(getDb(), on(date));
    expect(result.plansPurged).toContain(planId);
    expect(await getDb().selectFrom("plans").select("id").where("id", "=", planId).executeTakeFirst()).toBeUndefined();
  });

  it("an entry made late on New Year's Eve in Stockholm counts on that Stockholm day", async () => {
    // 23:30 UTC on 31 December is already 1 January in Stockholm.
    const { planId } = await closedPlan("2020-12-31T23:30:00.000Z");
    expect(await verdictOf(planId, "2026-01-01")).toBe("not_yet");
    expect(await verdictOf(planId, "2026-01-02")).toBe("due");
  });

  it("open plans are never due", async () => {
    const partnership = await makePartnership();
    const lead = await caseworkerIn("social_services", partnership.id);
    const planId = valueOf(
      await createPlan(getDb(), lead, {
        kind: "GIP",
        person: { identityNumber: identityBornOn(2, 2), name: "Öppen Plan", protectedIdentity: false },
      }),
    );
    expect(await verdictOf(planId, "2099-01-01")).toBeUndefined();
  });
});

describe("the research exception", () => {
  it.each([5, 15, 25])("keeps social-services records of a person born on day %i", async (day) => {
    const { planId } = await closedPlan("2015-01-10T10:00:00.000Z", { identityNumber: identityBornOn(3, day) });
    expect(await verdictOf(planId, "2026-06-01")).toBe("research_exception");
    expect((await runRetentionPurge(getDb(), on("2026-06-01"))).plansPurged).not.toContain(planId);
  });

  it("does not keep persons born on other days, and reads coordination numbers (day + 60)", async () => {
    const { planId } = await closedPlan("2015-01-10T10:00:00.000Z", { identityNumber: identityBornOn(3, 16) });
    expect(await verdictOf(planId, "2026-06-01")).toBe("due");
    expect(researchExempt("198503751234")).toBe(true);
    expect(researchExempt("198503761234")).toBe(false);
  });

  it("does not apply to organisations without it (healthcare)", async () => {
    const { planId } = await closedPlan("2010-01-10T10:00:00.000Z", {
      kind: "healthcare",
      identityNumber: identityBornOn(3, 5),
    });
    expect(await verdictOf(planId, "2026-06-01")).toBe("due");
  });
});

describe("periods per organisation", () => {
  it("healthcare keeps its plans ten years by default", async () => {
    const { planId } = await closedPlan("2015-06-01T10:00:00.000Z", { kind: "healthcare" });
    expect(await verdictOf(planId, "2025-06-01")).toBe("not_yet");
    expect(await verdictOf(planId, "2025-06-02")).toBe("due");
  });

  it("an organisation's own setting replaces the default for its kind", async () => {
    const { planId, lead } = await closedPlan("2022-03-01T10:00:00.000Z");
    expect(await verdictOf(planId, "2026-03-02")).toBe("not_yet");
    await setOrganisationRule(getDb(), lead.organisationId, {
      planYears: 3,
      researchException: true,
      auditYears: 10,
      extractStaffNames: false,
    });
    expect(await verdictOf(planId, "2025-03-01")).toBe("not_yet");
    expect(await verdictOf(planId, "2025-03-02")).toBe("due");
  });

  it("a plan with healthcare on its team is kept as long as healthcare keeps it", async () => {
    const { planId, partnership } = await closedPlan("2018-05-01T10:00:00.000Z");
    const nurse = await caseworkerIn("healthcare", partnership.id);
    await addToTeam(planId, nurse.id);
    expect(await verdictOf(planId, "2026-01-01")).toBe("not_yet");
    expect(await verdictOf(planId, "2028-05-02")).toBe("due");
  });

  it("the dry run lists due plans under their lead organisation, with its rule", async () => {
    const { planId, lead } = await closedPlan("2012-02-01T10:00:00.000Z", { kind: "healthcare" });
    const report = await retentionDryRun(getDb(), on("2026-02-01"));
    const org = report.organisations.find((o) => o.organisationId === lead.organisationId)!;
    expect(org.due.map((d) => d.planId)).toEqual([planId]);
    expect(org.basis).toBe("healthcare");
    expect(org.rule.planYears).toBe(10);
  });
});

describe("persons", () => {
  it("a person another plan keeps stays; the last plan to go takes them with it", async () => {
    const identityNumber = identityBornOn(4, 4);
    const first = await closedPlan("2015-01-01T10:00:00.000Z", { identityNumber });
    const second = await closedPlan("2019-01-01T10:00:00.000Z", { identityNumber });
    const db = getDb();
    const personId = (
      await db.selectFrom("plans").select("person_id").where("id", "=", first.planId).executeTakeFirstOrThrow()
    ).person_id;

    const early = await runRetentionPurge(db, on("2021-06-01"));
    expect(early.plansPurged).toContain(first.planId);
    expect(early.plansPurged).not.toContain(second.planId);
    expect(await db.selectFrom("persons").select("id").where("id", "=", personId).executeTakeFirst()).toBeDefined();
    const details = await db
      .selectFrom("plan_person_details")
      .select("name")
      .where("plan_id", "=", second.planId)
      .execute();
    expect(details).toEqual([{ name: "Gallrad Person" }]);

    await runRetentionPurge(db, on("2025-06-01"));
    expect(await db.selectFrom("persons").select("id").where("id", "=", personId).executeTakeFirst()).toBeUndefined();
  });
});

describe("a dry run and a purge", () => {
  it("agree: the purge deletes exactly what the dry run listed, and a second dry run lists nothing", async () => {
    await closedPlan("2016-01-01T10:00:00.000Z");
    await closedPlan("2016-02-01T10:00:00.000Z", { kind: "employment_service" });
    await closedPlan("2016-03-01T10:00:00.000Z", { identityNumber: identityBornOn(5, 25) });
    await closedPlan("2024-03-01T10:00:00.000Z");
    const listed = await duePlanIds("2026-09-01");
    expect(listed.length).toBeGreaterThanOrEqual(2);
    const result = await runRetentionPurge(getDb(), on("2026-09-01"));
    expect([...result.plansPurged].sort()).toEqual([...listed].sort());
    expect(await duePlanIds("2026-09-01")).toEqual([]);
  });

  it("each purged plan leaves one retention.purged event and the log still verifies", async () => {
    const { planId } = await closedPlan("2016-01-01T10:00:00.000Z");
    await runRetentionPurge(getDb(), on("2026-09-02"));
    const events = await getDb()
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("plan_id", "=", planId)
      .where("action", "=", "retention.purged")
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0].details).not.toMatch(/Gallrad|\d{12}/);
    const { verifyAuditChain } = await import("~/features/audit/verify.server");
    const { auditKey } = await import("~/features/audit/key.server");
    expect((await verifyAuditChain(getDb(), { key: auditKey() })).ok).toBe(true);
  });
});
