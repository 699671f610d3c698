import { describe, expect, it } from "vitest";
import { endOf, existsInStockholm, formatMeetingDate, stockholmToUtcIso, utcToStockholm } from "./meeting-time";

describe("meeting times in Europe/Stockholm", () => {
  it("turn into UTC with the winter and the summer offset", () => {
    expect(stockholmToUtcIso("2030-01-15", "10:00")).toBe("2030-01-15T09:00:00.000Z");
    expect(stockholmToUtcIso("2030-07-15", "10:00")).toBe("2030-07-15T08:00:00.000Z");
    expect(stockholmToUtcIso("2030-12-31", "23:30")).toBe("2030-12-31T22:30:00.000Z");
  });

  it("come back unchanged, on both sides of the change to and from summer time", () => {
    for (const [date, time] of [
      ["2030-03-30", "23:00"],
      ["2030-03-31", "03:00"],
      ["2030-10-27", "01:30"],
      ["2030-10-27", "04:00"],
      ["2030-06-01", "00:15"],
    ]) {
      expect(utcToStockholm(stockholmToUtcIso(date, time))).toEqual({ date, time });
    }
  });

  it("know the hour that does not exist when the clocks go forward", () => {
    expect(existsInStockholm("2030-03-31", "02:30")).toBe(false);
    expect(existsInStockholm("2030-03-31", "03:30")).toBe(true);
  });

  it("end after their length and read in Swedish by default", () => {
    expect(endOf("2030-01-15T09:00:00.000Z", 90)).toBe("2030-01-15T10:30:00.000Z");
    expect(formatMeetingDate("2030-01-15T09:00:00.000Z", "sv")).toBe("tisdag 15 januari 2030");
    expect(formatMeetingDate("2030-01-15T09:00:00.000Z", "en")).toBe("Tuesday, 15 January 2030");
  });
});
