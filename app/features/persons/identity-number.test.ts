import { describe, expect, it } from "vitest";
import { birthDay, formatIdentityNumber, isCoordinationNumber, normaliseIdentityNumber } from "./identity-number";

describe("identity numbers", () => {
  it.each([
    ["19121212-1212", "191212121212"],
    ["191212121212", "191212121212"],
    // Ten digits: "-" means younger than 100, "+" means 100 or older.
    ["121212-1212", "201212121212"],
    ["1212121212", "201212121212"],
    ["121212+1212", "191212121212"],
    [" 19121212-1212 ", "191212121212"],
  ])("accepts %s", (input, expected) => {
    expect(normaliseIdentityNumber(input)).toBe(expected);
  });

  it.each(["19121212-1213", "19121312-1212", "abc", "", "1912121212123"])("refuses %s", (input) => {
    expect(normaliseIdentityNumber(input)).toBeNull();
  });

  it("accepts a samordningsnummer (day + 60) and reads its day of birth", () => {
    const number = normaliseIdentityNumber("19701063-2391");
    expect(number).toBe("197010632391");
    expect(isCoordinationNumber(number!)).toBe(true);
    expect(birthDay(number!)).toBe(3);
  });

  it("formats for display with a hyphen", () => {
    expect(formatIdentityNumber("191212121212")).toBe("19121212-1212");
  });
});
