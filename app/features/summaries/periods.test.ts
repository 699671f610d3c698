import { describe, expect, it } from "vitest";
import {
  instantBounds,
  lastFullTerm,
  parsePeriod,
  periodContaining,
  previousPeriod,
  sameperiod,
  tertial,
  term,
  trailingPeriods,
} from "./periods";

describe("periods", () => {
  it("know the term and tertial boundaries", () => {
    expect(term(2026, "VT")).toMatchObject({ start: "2026-01-01", end: "2026-06-30", label: "VT 2026" });
    expect(term(2026, "HT")).toMatchObject({ start: "2026-07-01", end: "2026-12-31", label: "HT 2026" });
    expect([1, 2, 3].map((n) => tertial(2024, n as 1 | 2 | 3)).map((p) => [p.start, p.end])).toEqual([
      ["2024-01-01", "2024-04-30"],
      ["2024-05-01", "2024-08-31"],
      ["2024-09-01", "2024-12-31"],
    ]);
  });

  it("place boundary days in the right period", () => {
    expect(periodContaining("2026-06-30", "term").key).toBe("VT2026");
    expect(periodContaining("2026-07-01", "term").key).toBe("HT2026");
    expect(periodContaining("2026-04-30", "tertial").key).toBe("T1-2026");
    expect(periodContaining("2026-05-01", "tertial").key).toBe("T2-2026");
  });

  it("step back to the previous period and the same period a year earlier", () => {
    expect(previousPeriod(term(2026, "VT")).key).toBe("HT2025");
    expect(previousPeriod(tertial(2026, 1)).key).toBe("T3-2025");
    expect(sameperiod(term(2026, "HT"), 1).key).toBe("HT2025");
    expect(previousPeriod(parsePeriod("2026-03-01--2026-03-31")!).key).toBe("2026-01-29--2026-02-28");
    expect(trailingPeriods(term(2026, "HT"), 6).map((p) => p.key)).toEqual([
      "VT2024",
      "HT2024",
      "VT2025",
      "HT2025",
      "VT2026",
      "HT2026",
    ]);
  });

  it("parse keys and refuse anything else", () => {
    expect(parsePeriod("HT2026")?.label).toBe("HT 2026");
    expect(parsePeriod("T2-2025")?.label).toBe("T2 2025");
    expect(parsePeriod("2026-02-01--2026-02-28")?.kind).toBe("custom");
    for (const bad of ["HT26", "T4-2026", "2026-02-30--2026-03-01", "2026-03-01--2026-02-01", "x"])
      expect(parsePeriod(bad)).toBeNull();
  });

  it("refuse periods that cannot be summarised: year zero and periods reaching back before year 1000", () => {
    for (const impossible of [
      "VT0000",
      "T1-0000",
      "HT0999",
      "VT1000",
      "T2-1000",
      "0000-01-01--0000-12-31",
      "0001-01-01--0001-01-02",
      "1000-01-01--9000-12-31",
    ])
      expect(parsePeriod(impossible), impossible).toBeNull();
    expect(parsePeriod("VT1003")?.key).toBe("VT1003");
    expect(parsePeriod("HT9999")?.key).toBe("HT9999");
    expect(parsePeriod("1990-01-01--2026-12-31")?.kind).toBe("custom");
  });

  it("use Stockholm midnight for the instant bounds, in winter and in summer", () => {
    expect(instantBounds(term(2026, "VT"))).toEqual({
      from: "2025-12-31T23:00:00.000Z",
      to: "2026-06-30T22:00:00.000Z",
    });
    expect(instantBounds(term(2026, "HT"))).toEqual({
      from: "2026-06-30T22:00:00.000Z",
      to: "2026-12-31T23:00:00.000Z",
    });
  });

  it("find the last full term from today's date in Sweden", () => {
    expect(lastFullTerm("2026-11-23").key).toBe("VT2026");
    expect(lastFullTerm("2026-01-01").key).toBe("HT2025");
  });
});
