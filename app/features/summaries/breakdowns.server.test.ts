// Age band and legal gender from the identity number, and actions by insats type and kind of
// organisation, each against a small fixture counted by hand (docs/decisions/0022).
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { newId } from "#db/portable";
import { summarySetup } from "../../../test/summaries";
import { ageOn, legalGenderOf } from "~/features/persons/identity-number";
import { demoIdentityNumber } from "../../../db/seed/demo-plans";
import { ageBandSql, breakdownCounts, legalGenderSql } from "./breakdown-figures.server";
import { term } from "./periods";
import { computeSummary } from "./summaries.server";
import { summaryScope } from "./summary-scope.server";

const HT = term(2026, "HT");
type Db = ReturnType<typeof getDb>;

const rows = (t: { rows: { key: string; n: unknown }[] } | undefined) =>
  Object.fromEntries((t?.rows ?? []).filter((r) => r.n !== 0).map((r) => [r.key, r.n]));
const plain = (m: Map<string, number>) => Object.fromEntries([...m].filter(([, n]) => n > 0));

async function person(db: Db, identityNumber: string) {
  const id = newId();
  const at = "2020-01-01T00:00:00.000Z";
  await db
    .insertInto("persons")
    .values({ id, identity_number: identityNumber, created_at: at, updated_at: at })
    .execute();
  return id;
}

async function plan(
  db: Db,
  p: {
    lead: string;
    user: string;
    born: string;
    birthNumber: string;
    created: string;
    activated?: string;
    closed?: string;
  },
) {
  const id = newId();
  await db
    .insertInto("plans")
    .values({
      id,
      kind: "GIP",
      person_id: await person(db, demoIdentityNumber(p.born, p.birthNumber)),
      status: p.closed ? "closed" : p.activated ? "active" : "draft",
      lead_organisation_id: p.lead,
      lead_user_id: p.user,
      created_by: p.user,
      created_at: `${p.created}T08:00:00.000Z`,
      updated_at: `${p.created}T08:00:00.000Z`,
      activated_at: p.activated ? `${p.activated}T08:00:00.000Z` : null,
      closed_at: p.closed ? `${p.closed}T08:00:00.000Z` : null,
      outcome: p.closed ? "work" : null,
    })
    .execute();
  return id;
}

describe("age band and legal gender in SQL", () => {
  it("agree with the identity-number module, coordination numbers and birthdays included", async () => {
    const { db } = await summarySetup();
    const numbers = [
      demoIdentityNumber("20090101", "540"),
      demoIdentityNumber("20081231", "531"),
      demoIdentityNumber("20020101", "542"),
      demoIdentityNumber("20011231", "553"),
      demoIdentityNumber("19970101", "564"),
      demoIdentityNumber("19961231", "575"),
      demoIdentityNumber("19900161", "586"), // samordningsnummer, born 1 January 1990
      demoIdentityNumber("19771291", "597"), // samordningsnummer, born 31 December 1977
      demoIdentityNumber("19761231", "508"),
      demoIdentityNumber("20080229", "519"),
    ];
    for (const n of numbers) await person(db, n);
    const band = (age: number) =>
      age < 18 ? "under_18" : age < 25 ? "18_24" : age < 30 ? "25_29" : age < 50 ? "30_49" : "50_plus";
    for (const onDate of ["2026-12-31", "2026-06-30", "2026-02-28", "2027-01-01"]) {
      const got = await db
        .selectFrom("persons")
        .select(["identity_number", ageBandSql(onDate).as("band"), legalGenderSql.as("gender")])
        .where("identity_number", "in", numbers)
        .execute();
      for (const r of got) {
        expect([r.identity_number, onDate, r.band]).toEqual([
          r.identity_number,
          onDate,
          band(ageOn(r.identity_number, onDate)),
        ]);
        expect(r.gender).toBe(legalGenderOf(r.identity_number));
      }
    }
    // By hand: on 2026-12-31 the coordination number born 1 Jan 1990 is 36, the one born 31 Dec 1977 is 49.
    expect(ageOn(numbers[6], "2026-12-31")).toBe(36);
    expect(ageOn(numbers[7], "2026-12-31")).toBe(49);
    expect(ageOn(numbers[9], "2026-02-28")).toBe(17);
    expect(legalGenderOf(numbers[0])).toBe("female");
    expect(legalGenderOf(numbers[1])).toBe("male");
  });
});

describe("plans by age band and legal gender", () => {
  it("count new, active at period end and closed plans by the age at period end (k = 2, then suppressed)", async () => {
    const { db, partnership, soc, user } = await summarySetup();
    const p = (born: string, birthNumber: string, dates: { created: string; activated?: string; closed?: string }) =>
      plan(db, { lead: soc.id, user: user.id, born, birthNumber, ...dates });
    // New in HT 2026 (drafts): 17 years old (woman), 18 (man). New and active: 24 (woman).
    await p("20090101", "240", { created: "2026-08-01" });
    await p("20081231", "231", { created: "2026-08-01" });
    await p("20020101", "242", { created: "2026-08-01", activated: "2026-09-01" });
    // Active since VT: 25 (man), 36 by a coordination number (man), 50 (woman), 49 (woman).
    await p("20011231", "253", { created: "2026-03-01", activated: "2026-03-01" });
    await p("19900161", "275", { created: "2026-03-01", activated: "2026-03-01" });
    await p("19761231", "268", { created: "2026-03-01", activated: "2026-03-01" });
    await p("19770101", "280", { created: "2026-03-01", activated: "2026-03-01" });
    // Closed in HT: 50 (man). Closed in VT: not counted anywhere.
    await p("19761231", "291", { created: "2026-02-01", activated: "2026-02-02", closed: "2026-10-01" });
    await p("19800101", "202", { created: "2026-02-01", activated: "2026-02-02", closed: "2026-05-01" });

    const counts = await breakdownCounts(db, await summaryScope(db, partnership.id, HT));
    expect(plain(counts.created.ageBand)).toEqual({ under_18: 1, "18_24": 2 });
    expect(plain(counts.created.gender)).toEqual({ female: 2, male: 1 });
    expect(plain(counts.activeAtEnd.ageBand)).toEqual({ "18_24": 1, "25_29": 1, "30_49": 2, "50_plus": 1 });
    expect(plain(counts.activeAtEnd.gender)).toEqual({ female: 3, male: 2 });
    expect(plain(counts.closed.ageBand)).toEqual({ "50_plus": 1 });
    expect(plain(counts.closed.gender)).toEqual({ male: 1 });

    const b = (await computeSummary(db, partnership.id, HT)).plans.breakdowns!;
    // The single 17-year-old is hidden, and the 2 beside it masked since the total would tell.
    expect(rows(b.createdByAge)).toEqual({ under_18: null, "18_24": "masked" });
    expect(b.createdByAge.total).toBe(3);
    expect(rows(b.createdByGender)).toEqual({ female: "masked", male: null });
    expect(rows(b.activeByAge)).toEqual({ "18_24": null, "25_29": null, "30_49": 2, "50_plus": null });
    expect(b.activeByAge.total).toBe(5);
    expect(rows(b.activeByGender)).toEqual({ female: 3, male: 2 });
    // A total of one is itself a small number.
    expect(rows(b.closedByAge)).toEqual({ "50_plus": null });
    expect(b.closedByAge.total).toBeNull();
    expect(b.closedByGender.total).toBeNull();

    await db.updateTable("partnerships").set({ suppression_k: 3 }).where("id", "=", partnership.id).execute();
    const k3 = (await computeSummary(db, partnership.id, HT)).plans.breakdowns!;
    expect(rows(k3.activeByGender)).toEqual({ female: "masked", male: null });
    expect(rows(k3.activeByAge)).toEqual({ "18_24": null, "25_29": null, "30_49": null, "50_plus": null });
    expect(k3.activeByAge.total).toBe(5);
  });
});

describe("actions by insats type and kind of organisation", () => {
  it("count the actions added in the period on the partnership's plans (k = 2, then suppressed)", async () => {
    const { db, partnership, soc, af, user } = await summarySetup();
    const planId = await plan(db, {
      lead: soc.id,
      user: user.id,
      born: "19900101",
      birthNumber: "123",
      created: "2026-03-01",
      activated: "2026-03-01",
    });
    const action = (organisation: string, type: string | null, created: string) =>
      db
        .insertInto("plan_actions")
        .values({
          id: newId(),
          plan_id: planId,
          responsible_organisation_id: organisation,
          responsible_user_id: null,
          description: "x",
          start_date: null,
          due_date: null,
          status: "planned",
          insats_type: type,
          created_at: `${created}T08:00:00.000Z`,
          updated_at: `${created}T08:00:00.000Z`,
        })
        .execute();
    // In HT: social services' Kartläggning twice and one without a type; Arbetsförmedlingen's
    // Arbetsträning three times. In VT: one more Arbetsträning, not counted.
    await action(soc.id, "Kartläggning", "2026-07-10");
    await action(soc.id, "Kartläggning", "2026-12-31");
    await action(soc.id, null, "2026-09-01");
    await action(af.id, "Arbetsträning", "2026-08-01");
    await action(af.id, "Arbetsträning", "2026-09-01");
    await action(af.id, "Arbetsträning", "2026-10-01");
    await action(af.id, "Arbetsträning", "2026-06-30");

    const counts = await breakdownCounts(db, await summaryScope(db, partnership.id, HT));
    expect(plain(counts.actionsByKindAndType)).toEqual({
      "social_services/Kartläggning": 2,
      "social_services/": 1,
      "employment_service/Arbetsträning": 3,
    });
    const table = (await computeSummary(db, partnership.id, HT)).plans.breakdowns!.actionsByKindAndType;
    // Every type on the default list for both kinds of organisation, then the untyped row.
    expect(table.rows).toHaveLength(2 * 7 + 1);
    expect(table.rows.find((r) => r.key === "employment_service/Matchning mot arbete")).toMatchObject({ n: 0 });
    expect(rows(table)).toEqual({
      "social_services/Kartläggning": "masked",
      "social_services/": null,
      "employment_service/Arbetsträning": 3,
    });
    expect(table.total).toBe(6);
  });
});
