// The figures issue 17 adds, each against a small fixture counted by hand, and the promise that
// snapshots frozen before them still render exactly as they did.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { newId } from "#db/portable";
import { getFixedT } from "~/lib/i18n.server";
import { makeOrganisation, makePartnership, makeUser } from "../../../test/factories";
import { term } from "./periods";
import { computeSummary } from "./summaries.server";
import type { SummaryFigures } from "./summary-figures";
import { summaryTables } from "./summary-tables";

const HT = term(2026, "HT");

export async function indicatorSetup(k = 2) {
  const db = getDb();
  const partnership = await makePartnership();
  await db.updateTable("partnerships").set({ suppression_k: k }).where("id", "=", partnership.id).execute();
  const soc = await makeOrganisation(db, { kind: "social_services", partnershipIds: [partnership.id] });
  const af = await makeOrganisation(db, { kind: "employment_service", partnershipIds: [partnership.id] });
  const user = await makeUser(db, { organisationId: soc.id });
  const afUser = await makeUser(db, { organisationId: af.id });
  return { db, partnership, soc, af, user, afUser };
}

const rows = (t: { rows: { key: string; n: unknown }[]; total: unknown } | undefined) =>
  Object.fromEntries((t?.rows ?? []).filter((r) => r.n !== 0).map((r) => [r.key, r.n]));

describe("routine deviations in the summary", () => {
  it("are counted by category and by the kind of organisation whose routine it was (k = 2)", async () => {
    const { db, partnership, soc, af, user } = await indicatorSetup();
    let number = 0;
    const deviation = async (event: string, kind: "routine" | "between_parties", category: string, org?: string) =>
      db
        .insertInto("deviations")
        .values({
          id: newId(),
          partnership_id: partnership.id,
          number: ++number,
          event_date: event,
          reporter_id: user.id,
          reporter_organisation_id: soc.id,
          reporter_role: "caseworker",
          kind,
          handler: kind === "routine" ? "manager" : "coordinator",
          routine_organisation_id: kind === "routine" ? (org ?? soc.id) : null,
          category: category as "capacity",
          consequence: "delayed_measure",
          description: "x",
          status: "submitted",
          created_at: `${event}T08:00:00.000Z`,
          updated_at: `${event}T08:00:00.000Z`,
        })
        .execute();
    // In HT 2026: social services' routine twice (capacity), Arbetsförmedlingen's three times
    // (capacity once, waiting time twice); a Lex Heller case and a routine case in VT do not count.
    await deviation("2026-07-01", "routine", "capacity");
    await deviation("2026-08-01", "routine", "capacity");
    await deviation("2026-09-01", "routine", "capacity", af.id);
    await deviation("2026-10-01", "routine", "waiting_time", af.id);
    await deviation("2026-11-01", "routine", "waiting_time", af.id);
    await deviation("2026-11-02", "between_parties", "capacity");
    await deviation("2026-06-01", "routine", "capacity");

    const d = (await computeSummary(db, partnership.id, HT)).deviations;
    expect(rows(d.routineByCategory)).toEqual({ capacity: 3, waiting_time: 2 });
    expect(d.routineByCategory?.total).toBe(5);
    expect(rows(d.routineByOrganisationKind)).toEqual({ social_services: 2, employment_service: 3 });
    expect(d.routineByOrganisationKind?.total).toBe(5);

    // With k = 3 the 2s are hidden and, since the total would give them away, the 3s masked.
    await db.updateTable("partnerships").set({ suppression_k: 3 }).where("id", "=", partnership.id).execute();
    const hidden = (await computeSummary(db, partnership.id, HT)).deviations;
    expect(rows(hidden.routineByCategory)).toEqual({ capacity: "masked", waiting_time: null });
    expect(rows(hidden.routineByOrganisationKind)).toEqual({ social_services: null, employment_service: "masked" });
  });
});

/** A closed plan led by `lead`, active from `activated` to `closed`. */
async function closedPlan(
  db: ReturnType<typeof getDb>,
  p: { lead: string; leadUser: string; activated: string; closed: string; outcome: string },
) {
  const personId = newId();
  const id = newId();
  await db
    .insertInto("persons")
    .values({ id: personId, identity_number: `19${id.slice(0, 10)}`, created_at: p.activated, updated_at: p.activated })
    .execute();
  await db
    .insertInto("plans")
    .values({
      id,
      kind: "GIP",
      person_id: personId,
      status: "closed",
      lead_organisation_id: p.lead,
      lead_user_id: p.leadUser,
      created_by: p.leadUser,
      created_at: p.activated,
      updated_at: p.closed,
      activated_at: p.activated,
      closed_at: p.closed,
      outcome: p.outcome as "work",
    })
    .execute();
  return id;
}

describe("outcomes as Kolada counts them", () => {
  it("count unsubsidised work, subsidised regular work and studies as work or studies, and plans ended after more than 24 months", async () => {
    const { db, partnership, soc, user } = await indicatorSetup();
    const close = (outcome: string, activated: string, closed: string) =>
      closedPlan(db, { lead: soc.id, leadUser: user.id, activated, closed, outcome });
    // Ten plans closed in HT 2026, two of each outcome. Three had been active for 25 months, one
    // for exactly 24 months (not more), the rest since January 2026.
    const long = "2024-06-01T08:00:00.000Z";
    await close("work", long, "2026-07-01T08:00:00.000Z");
    await close("work", "2026-01-10T08:00:00.000Z", "2026-08-01T08:00:00.000Z");
    await close("subsidised_regular_work", long, "2026-07-02T08:00:00.000Z");
    await close("subsidised_regular_work", "2026-01-10T08:00:00.000Z", "2026-08-01T08:00:00.000Z");
    await close("municipal_measure_employment", long, "2026-07-03T08:00:00.000Z");
    await close("municipal_measure_employment", "2026-01-10T08:00:00.000Z", "2026-08-01T08:00:00.000Z");
    await close("studies", "2024-09-01T08:00:00.000Z", "2026-09-01T08:00:00.000Z");
    await close("studies", "2026-01-10T08:00:00.000Z", "2026-08-01T08:00:00.000Z");
    await close("moved", "2026-01-10T08:00:00.000Z", "2026-08-01T08:00:00.000Z");
    await close("moved", "2026-01-10T08:00:00.000Z", "2026-08-01T08:00:00.000Z");
    // Closed in VT: not counted.
    await close("work", long, "2026-06-01T08:00:00.000Z");

    const p = (await computeSummary(db, partnership.id, HT)).plans;
    expect(p.closed).toBe(10);
    expect(rows(p.closedByOutcome)).toEqual({
      work: 2,
      subsidised_regular_work: 2,
      municipal_measure_employment: 2,
      studies: 2,
      moved: 2,
    });
    // Work 2 + subsidised regular work 2 + studies 2 of 10; the municipal measure does not count.
    expect(p.shareWorkOrStudies).toBe(0.6);
    expect(p.endedOver24Months).toBe(3);
    expect(p.shareEndedOver24Months).toBe(0.3);

    await db.updateTable("partnerships").set({ suppression_k: 4 }).where("id", "=", partnership.id).execute();
    const hidden = (await computeSummary(db, partnership.id, HT)).plans;
    expect(hidden.endedOver24Months).toBeNull();
    expect(hidden.shareEndedOver24Months).toBeNull();
  });
});

describe("a snapshot frozen before issue 17", () => {
  it("renders the same tables as it did, in both languages", async () => {
    const { db, partnership } = await indicatorSetup();
    const figures = JSON.parse(JSON.stringify(await computeSummary(db, partnership.id, HT))) as SummaryFigures;
    const old = withoutIssue17Figures(figures);
    for (const locale of ["sv", "en"] as const) {
      const ids = summaryTables(old, getFixedT(locale), locale).map((tb) => tb.id);
      expect(ids).toEqual(TABLES_BEFORE_ISSUE_17);
      const overview = summaryTables(old, getFixedT(locale), locale).find((tb) => tb.id === "plans-overview")!;
      expect(overview.rows).toHaveLength(5);
    }
    // The old outcome code still has its words.
    const oldOutcome = {
      ...old,
      plans: { ...old.plans, closedByOutcome: { rows: [{ key: "subsidised_work", n: 4 }], total: 4 } },
    };
    const outcomes = summaryTables(oldOutcome, getFixedT("sv"), "sv").find((tb) => tb.id === "plans-by-outcome")!;
    expect(outcomes.rows[0].label).not.toContain("subsidised_work");
  });
});

/** The tables a summary had before issue 17, in order. */
export const TABLES_BEFORE_ISSUE_17 = [
  "deviation-counts",
  "deviations-by-category",
  "deviations-by-party",
  "deviations-by-consequence",
  "deviations-by-kind",
  "deviations-status",
  "deviations-escalations",
  "deviations-timing",
  "plans-overview",
  "plans-by-kind",
  "plans-organisation-kinds",
  "plans-follow-ups",
  "plans-by-outcome",
  "meetings-overview",
  "meetings-summoned",
  "meetings-attended",
  "trend",
];

/** The figures as a snapshot frozen before issue 17 stored them: none of the new keys. */
export function withoutIssue17Figures(f: SummaryFigures): SummaryFigures {
  const { routineByCategory: _c, routineByOrganisationKind: _k, ...deviations } = f.deviations;
  const { endedOver24Months: _e, shareEndedOver24Months: _s, ...plans } = withoutFiguresOf0022(f).plans;
  return { ...f, deviations, plans } as SummaryFigures;
}

/** The figures as a snapshot frozen before migration 0022 stored them: no breakdowns, cadence or progression. */
export function withoutFiguresOf0022(f: SummaryFigures): SummaryFigures {
  const { breakdowns: _b, cadence: _c, progression: _p, ...plans } = f.plans;
  return { ...f, plans } as SummaryFigures;
}
