import { describe, expect, it } from "vitest";
import { addWorkingDays, isWorkingDay, workingDaysUntil } from "./working-days";

describe("Swedish working days", () => {
  it.each([
    ["2026-01-01", "nyårsdagen"],
    ["2026-01-06", "trettondedag jul"],
    ["2026-04-03", "långfredagen"],
    ["2026-04-06", "annandag påsk"],
    ["2026-05-01", "första maj"],
    ["2026-05-14", "Kristi himmelsfärdsdag"],
    ["2026-06-19", "midsommarafton"],
    ["2026-12-24", "julafton"],
    ["2026-12-25", "juldagen"],
    ["2026-12-31", "nyårsafton"],
    ["2027-03-26", "långfredagen 2027"],
    ["2027-06-25", "midsommarafton 2027"],
    ["2025-06-06", "nationaldagen on a Friday"],
  ])("%s (%s) is not a working day", (date) => {
    expect(isWorkingDay(date)).toBe(false);
  });

  it("counts weekdays that are not holidays", () => {
    expect(isWorkingDay("2026-12-03")).toBe(true); // a Thursday
    expect(isWorkingDay("2026-12-05")).toBe(false); // a Saturday
    expect(isWorkingDay("2026-04-07")).toBe(true); // the Tuesday after Easter
  });

  it("steps over weekends and holidays", () => {
    expect(addWorkingDays("2026-12-03", 3)).toBe("2026-12-08");
    expect(addWorkingDays("2026-12-22", 3)).toBe("2026-12-29");
    expect(addWorkingDays("2026-12-29", -3)).toBe("2026-12-22");
    expect(addWorkingDays("2026-04-01", 2)).toBe("2026-04-07");
  });

  it("counts the working days between two dates", () => {
    expect(workingDaysUntil("2026-12-03", "2026-12-08")).toBe(3);
    expect(workingDaysUntil("2026-12-23", "2026-12-28")).toBe(1);
    expect(workingDaysUntil("2026-12-08", "2026-12-03")).toBe(0);
  });
});
