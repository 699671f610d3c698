import { describe, expect, it } from "vitest";
import { getFixedT } from "~/lib/i18n.server";
import { describeValues } from "./history-words";

describe("plan history in words", () => {
  it("translates field names and coded values, never showing a code", () => {
    const sv = getFixedT("sv");
    expect(describeValues(sv, { kind: "GIP", status: "draft" }, "sv")).toBe(
      "Typ av plan: GIP – gemensam individuell plan; Status: Utkast",
    );
    expect(describeValues(sv, { status: "planned", dueDate: "2026-12-01" }, "sv")).toBe(
      "Status: Planerad; Klart senast: 1 december 2026",
    );
    expect(describeValues(sv, { outcome: "subsidised_work" }, "sv")).toBe(
      "Avslutsorsak: Subventionerat arbete (före uppdelningen)",
    );
    const en = getFixedT("en");
    expect(describeValues(en, { status: "planned", outcome: "municipal_measure_employment" }, "en")).toBe(
      "Status: Planned; Outcome: Employment as a municipal labour-market measure (e.g. OSA, extratjänst)",
    );
  });
});
