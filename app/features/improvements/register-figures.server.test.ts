import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { currentUser, makePartnership } from "../../../test/factories";
import { deviationOn, improvementAt, improvementSetup } from "../../../test/improvements";
import { fromJson } from "#db/portable";
import { term } from "~/features/summaries/periods";
import { freezeSummary } from "~/features/summaries/snapshots.server";
import type { SummaryFigures } from "~/features/summaries/summary-figures";
import { improvementRegisterFigures } from "./register-figures.server";

// Hand-computed fixture. The summary is HT 2026 (1 Jul – 31 Dec), read on 15 Jan 2027, k = 3.
//
//   improvement  created      status at 31 Dec 2026           due          categories
//   A            2025-01-01   done 10 Mar 2025 (VT 2025)      2025-06-30   information_transfer, availability
//   B            2026-01-01   done 1 Aug 2026 (in the period) 2026-09-30   capacity
//   C            2026-01-01   open                            2026-11-30   other            → overdue
//   D            2026-01-01   open                            2027-03-01   other
//   E            2026-01-01   dropped 1 Sep 2026 (in period)  2026-12-01   other
//   F            2026-01-01   open (done only 10 Jan 2027)    2026-10-01   other            → overdue
//   G            2027-01-05   recorded after the period                    other            → not counted
//
// Deviations of the partnership by event date:
//   information_transfer  HT 2024: 1  VT 2025: 2  HT 2025: 3  VT 2026: 0  HT 2026: 1
//   availability                      VT 2025: 2  HT 2025: 1               HT 2026: 1
//   capacity                                                  VT 2026: 5  HT 2026: 4
//   (another partnership: information_transfer HT 2026: 7 – not counted)
//
// A's trend from VT 2025: 2+2=4, 3+1=4, 0, 1+1=2 → "<3";  B's from HT 2026: 4.
// Open at 31 Dec: C, D, F = 3; overdue C, F = 2; done in the period: B = 1; dropped: E = 1.
describe("the improvement register in a period summary", () => {
  it("counts open, overdue, done and dropped, and each done improvement's categories per period since", async () => {
    const db = getDb();
    const cast = await improvementSetup();
    const p = cast.partnership.id;
    const add = (dates: string[], category: Parameters<typeof deviationOn>[3], partnershipId = p) =>
      Promise.all(dates.map((d) => deviationOn(partnershipId, cast.reporter, d, category)));
    await add(
      ["2024-08-01", "2025-02-01", "2025-06-30", "2025-07-01", "2025-09-09", "2025-12-31", "2026-10-10"],
      "information_transfer",
    );
    await add(["2025-01-01", "2025-05-05", "2025-11-11", "2026-07-01"], "availability");
    await add(["2026-01-02", "2026-02-02", "2026-03-03", "2026-04-04", "2026-06-30"], "capacity");
    await add(["2026-07-02", "2026-08-08", "2026-09-09", "2026-12-31"], "capacity");
    const elsewhere = await makePartnership(db);
    await add(Array(7).fill("2026-10-01"), "information_transfer", elsewhere.id);

    const common = { partnershipId: p, ownerOrganisationId: cast.party.organisationId, createdBy: cast.coordinator.id };
    const at = (date: string) => `${date}T10:00:00.000Z`;
    await improvementAt({
      ...common,
      title: "A",
      categories: ["information_transfer", "availability"],
      dueDate: "2025-06-30",
      createdAt: at("2025-01-01"),
      doneAt: at("2025-03-10"),
    });
    await improvementAt({
      ...common,
      title: "B",
      categories: ["capacity"],
      dueDate: "2026-09-30",
      createdAt: at("2026-01-01"),
      doneAt: at("2026-08-01"),
    });
    await improvementAt({
      ...common,
      title: "C",
      categories: ["other"],
      dueDate: "2026-11-30",
      createdAt: at("2026-01-01"),
    });
    await improvementAt({
      ...common,
      title: "D",
      categories: ["other"],
      dueDate: "2027-03-01",
      createdAt: at("2026-01-01"),
    });
    await improvementAt({
      ...common,
      title: "E",
      categories: ["other"],
      dueDate: "2026-12-01",
      createdAt: at("2026-01-01"),
      droppedAt: at("2026-09-01"),
    });
    await improvementAt({
      ...common,
      title: "F",
      categories: ["other"],
      dueDate: "2026-10-01",
      createdAt: at("2026-01-01"),
      doneAt: at("2027-01-10"),
    });
    await improvementAt({
      ...common,
      title: "G",
      categories: ["other"],
      dueDate: "2027-06-01",
      createdAt: at("2027-01-05"),
    });

    const figures = await improvementRegisterFigures(db, p, term(2026, "HT"), new Date("2027-01-15T12:00:00.000Z"));
    expect(figures).toMatchObject({ asOf: "2026-12-31", open: 3, overdue: 2, doneInPeriod: 1, droppedInPeriod: 1 });
    expect(figures.openItems.map((i) => [i.title, i.overdue])).toEqual([
      ["F", true],
      ["C", true],
      ["D", false],
    ]);
    expect(figures.done).toEqual([
      {
        title: "B",
        ownerOrganisationName: cast.party.org.name,
        doneOn: "2026-08-01",
        categories: ["capacity"],
        trend: [{ key: "HT2026", label: "HT 2026", n: 4 }],
      },
      {
        title: "A",
        ownerOrganisationName: cast.party.org.name,
        doneOn: "2025-03-10",
        categories: ["availability", "information_transfer"],
        trend: [
          { key: "VT2025", label: "VT 2025", n: 4 },
          { key: "HT2025", label: "HT 2025", n: 4 },
          { key: "VT2026", label: "VT 2026", n: 0 },
          { key: "HT2026", label: "HT 2026", n: null },
        ],
      },
    ]);
  });

  it("reads a running period as it stands today", async () => {
    const db = getDb();
    const cast = await improvementSetup();
    const p = cast.partnership.id;
    const common = { partnershipId: p, ownerOrganisationId: cast.party.organisationId, createdBy: cast.coordinator.id };
    await improvementAt({
      ...common,
      title: "H",
      categories: ["other"],
      dueDate: "2026-10-01",
      createdAt: "2026-08-01T10:00:00.000Z",
    });
    await improvementAt({
      ...common,
      title: "I",
      categories: ["other"],
      dueDate: "2026-12-01",
      createdAt: "2026-08-01T10:00:00.000Z",
    });
    const figures = await improvementRegisterFigures(db, p, term(2026, "HT"), new Date("2026-11-01T12:00:00.000Z"));
    expect(figures).toMatchObject({ asOf: "2026-11-01", open: 2, overdue: 1, doneInPeriod: 0, done: [] });
  });

  it("is frozen with the summary: later changes to the register leave the snapshot as it was", async () => {
    const db = getDb();
    const cast = await improvementSetup();
    const p = cast.partnership.id;
    const common = { partnershipId: p, ownerOrganisationId: cast.party.organisationId, createdBy: cast.coordinator.id };
    const id = await improvementAt({
      ...common,
      title: "J",
      categories: ["capacity"],
      dueDate: "2026-09-01",
      createdAt: "2026-03-01T10:00:00.000Z",
    });
    const frozen = await freezeSummary(
      db,
      await currentUser(cast.coordinator.id),
      { partnershipId: p, period: term(2026, "VT"), meetingName: "Styrgruppen", meetingDate: "2026-08-20" },
      new Date("2026-08-01T12:00:00.000Z"),
    );
    if (!frozen.ok) throw new Error(frozen.error);
    await db
      .updateTable("improvements")
      .set({ status: "dropped", dropped_at: "2026-08-02T10:00:00.000Z" })
      .where("id", "=", id)
      .execute();
    const row = await db
      .selectFrom("summary_snapshots")
      .select("figures")
      .where("id", "=", frozen.value.id)
      .executeTakeFirstOrThrow();
    const figures = fromJson<SummaryFigures>(row.figures, null as never);
    expect(figures.improvementRegister).toMatchObject({
      asOf: "2026-06-30",
      open: 1,
      overdue: 0,
      openItems: [{ title: "J" }],
    });
  });
});
