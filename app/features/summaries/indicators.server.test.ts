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

describe("a snapshot frozen before issue 17", () => {
  it("renders the same tables as it did, in both languages", async () => {
    const { db, partnership } = await indicatorSetup();
    const figures = JSON.parse(JSON.stringify(await computeSummary(db, partnership.id, HT))) as SummaryFigures;
    const old = withoutIssue17Figures(figures);
    for (const locale of ["sv", "en"] as const) {
      const ids = summaryTables(old, getFixedT(locale), locale).map((tb) => tb.id);
      expect(ids).toEqual(TABLES_BEFORE_ISSUE_17);
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
  return { ...f, deviations } as SummaryFigures;
}
