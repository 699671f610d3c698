// Follow-up cadence and progression in the summary, against fixtures counted by hand, and the
// promise that snapshots frozen before migration 0022 render as they did (docs/decisions/0022).
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { newId } from "#db/portable";
import { getFixedT } from "~/lib/i18n.server";
import { demoIdentityNumber } from "../../../db/seed/demo-plans";
import { summarySetup } from "../../../test/summaries";
import { cadenceCounts, progressionCounts } from "./cadence-figures.server";
import { term } from "./periods";
import { computeSummary } from "./summaries.server";
import type { SummaryFigures } from "./summary-figures";
import { summaryScope } from "./summary-scope.server";
import { summaryTables } from "./summary-tables";

const HT = term(2026, "HT");
type Db = ReturnType<typeof getDb>;
let serial = 600;

async function plan(
  db: Db,
  p: { lead: string; user: string; next: string | null; activated?: string; closed?: string; personId?: string },
) {
  const at = "2026-03-01T08:00:00.000Z";
  const personId = p.personId ?? newId();
  if (!p.personId)
    await db
      .insertInto("persons")
      .values({
        id: personId,
        identity_number: demoIdentityNumber("19900101", String(serial++)),
        created_at: at,
        updated_at: at,
      })
      .execute();
  const id = newId();
  await db
    .insertInto("plans")
    .values({
      id,
      kind: "GIP",
      person_id: personId,
      status: p.closed ? "closed" : "active",
      lead_organisation_id: p.lead,
      lead_user_id: p.user,
      created_by: p.user,
      created_at: at,
      updated_at: at,
      next_follow_up: p.next,
      activated_at: `${p.activated ?? "2026-03-01"}T08:00:00.000Z`,
      closed_at: p.closed ? `${p.closed}T08:00:00.000Z` : null,
      outcome: p.closed ? "work" : null,
    })
    .execute();
  return { id, personId };
}

async function followUp(
  db: Db,
  f: { planId: string; lead: string; user: string; held: string; due?: string; next?: string; step?: number | null },
) {
  await db
    .insertInto("plan_follow_ups")
    .values({
      id: newId(),
      plan_id: f.planId,
      lead_organisation_id: f.lead,
      held_on: f.held,
      due_on: f.due ?? null,
      reviewed: "x",
      next_date: f.next ?? "2027-06-01",
      progression_step: f.step ?? null,
      recorded_by: f.user,
      created_at: `${f.held}T08:00:00.000Z`,
    })
    .execute();
}

describe("follow-up cadence in the summary", () => {
  it("counts plans overdue at period end and plans followed up within the interval (k = 2, then suppressed)", async () => {
    const { db, partnership, soc, user } = await summarySetup();
    const base = { lead: soc.id, user: user.id };
    // A: its date, 15 December, had passed and no follow-up came; last followed up in September.
    const a = await plan(db, { ...base, next: "2026-12-15" });
    await followUp(db, { ...base, planId: a.id, held: "2026-09-15", due: "2026-09-10", next: "2026-12-15" });
    // B: followed up in November, next date in January: within the interval, not overdue.
    const b = await plan(db, { ...base, next: "2027-01-20" });
    await followUp(db, { ...base, planId: b.id, held: "2026-11-20", due: "2026-11-20", next: "2027-01-20" });
    // C: followed up in October, then not until 10 January although due 20 December: both.
    const c = await plan(db, { ...base, next: "2027-04-10" });
    await followUp(db, { ...base, planId: c.id, held: "2026-10-05", due: "2026-10-01", next: "2026-12-20" });
    await followUp(db, { ...base, planId: c.id, held: "2027-01-10", due: "2026-12-20", next: "2027-04-10" });
    // D: due 3 January and held 5 January: not overdue at period end, and not followed up within.
    const d = await plan(db, { ...base, next: "2027-02-01" });
    await followUp(db, { ...base, planId: d.id, held: "2027-01-05", due: "2027-01-03", next: "2027-02-01" });
    // E: closed in November with a passed date: not active at period end, counted nowhere.
    await plan(db, { ...base, next: "2026-10-01", closed: "2026-11-01" });

    const scope = await summaryScope(db, partnership.id, HT);
    expect(await cadenceCounts(db, scope)).toEqual({
      intervalMonths: 3,
      activeAtEnd: 4,
      overdueAtEnd: 2,
      followedUpWithin: 2,
    });
    const cadence = (await computeSummary(db, partnership.id, HT)).plans.cadence;
    expect(cadence).toEqual({ intervalMonths: 3, overdueAtEnd: 2, followedUpWithin: 2, shareFollowedUpWithin: 0.5 });

    // A longer interval reaches back to A's September follow-up.
    await db.updateTable("partnerships").set({ max_follow_up_months: 4 }).where("id", "=", partnership.id).execute();
    expect((await cadenceCounts(db, await summaryScope(db, partnership.id, HT))).followedUpWithin).toBe(3);

    await db
      .updateTable("partnerships")
      .set({ suppression_k: 3, max_follow_up_months: 3 })
      .where("id", "=", partnership.id)
      .execute();
    expect((await computeSummary(db, partnership.id, HT)).plans.cadence).toEqual({
      intervalMonths: 3,
      overdueAtEnd: null,
      followedUpWithin: null,
      shareFollowedUpWithin: null,
    });
  });
});

describe("progression in the summary", () => {
  it("counts persons with a step forward between their first and latest follow-up in the period (k = 2, then suppressed)", async () => {
    const { db, partnership, soc, user } = await summarySetup();
    const base = { lead: soc.id, user: user.id };
    const steps = async (planId: string, list: [string, number | null][]) => {
      for (const [held, step] of list) await followUp(db, { ...base, planId, held, step });
    };
    // P1: 2 → 3, forward.
    await steps((await plan(db, { ...base, next: null })).id, [
      ["2026-08-01", 2],
      ["2026-11-01", 3],
    ]);
    // P2: 3 → 3 → 2, back.
    await steps((await plan(db, { ...base, next: null })).id, [
      ["2026-08-01", 3],
      ["2026-10-01", 3],
      ["2026-12-01", 2],
    ]);
    // P3: two plans of one person, 1 on the first and 2 on the second: forward across plans.
    const x = await plan(db, { ...base, next: null });
    const y = await plan(db, { ...base, next: null, personId: x.personId });
    await steps(x.id, [["2026-07-15", 1]]);
    await steps(y.id, [["2026-09-01", 2]]);
    // P4: one follow-up in the period (the other in VT): not counted.
    await steps((await plan(db, { ...base, next: null })).id, [
      ["2026-06-01", 1],
      ["2026-08-01", 2],
    ]);
    // P5: 4, a follow-up without a step, then 5 on the period's last day: forward.
    await steps((await plan(db, { ...base, next: null })).id, [
      ["2026-07-02", 4],
      ["2026-09-01", null],
      ["2026-12-31", 5],
    ]);
    // P6: 2 → 2, counted, not forward.
    await steps((await plan(db, { ...base, next: null })).id, [
      ["2026-08-01", 2],
      ["2026-09-01", 2],
    ]);

    expect(await progressionCounts(db, await summaryScope(db, partnership.id, HT))).toEqual({
      persons: 5,
      steppedForward: 3,
    });
    expect((await computeSummary(db, partnership.id, HT)).plans.progression).toEqual({
      persons: 5,
      steppedForward: 3,
      shareSteppedForward: 0.6,
    });
    // With k = 3 the two who did not step forward are a small number, so the share would reveal them.
    await db.updateTable("partnerships").set({ suppression_k: 3 }).where("id", "=", partnership.id).execute();
    expect((await computeSummary(db, partnership.id, HT)).plans.progression).toEqual({
      persons: 5,
      steppedForward: 3,
      shareSteppedForward: null,
    });
  });
});

/** The tables migration 0022 adds. */
const TABLES_OF_0022 = [
  "plans-cadence",
  "plans-progression",
  "plans-new-by-age",
  "plans-new-by-gender",
  "plans-active-by-age",
  "plans-active-by-gender",
  "plans-closed-by-age",
  "plans-closed-by-gender",
  "actions-by-kind-and-type",
];

describe("a snapshot frozen before migration 0022", () => {
  it("renders the tables it had, in the same order, in both languages", async () => {
    const { db, partnership } = await summarySetup();
    const today = JSON.parse(JSON.stringify(await computeSummary(db, partnership.id, HT))) as SummaryFigures;
    const { breakdowns: _b, cadence: _c, progression: _p, ...plans } = today.plans;
    const old = { ...today, plans } as SummaryFigures;
    for (const locale of ["sv", "en"] as const) {
      const now = summaryTables(today, getFixedT(locale), locale).map((t) => t.id);
      expect(now).toEqual(expect.arrayContaining(TABLES_OF_0022));
      const before = summaryTables(old, getFixedT(locale), locale);
      expect(before.map((t) => t.id)).toEqual(now.filter((id) => !TABLES_OF_0022.includes(id)));
      // Every label is words, never a missing key.
      for (const table of summaryTables(today, getFixedT(locale), locale))
        for (const row of table.rows) expect(row.label).not.toMatch(/summaries\.|organisationKinds\./);
    }
  });
});
