import { describe, expect, it } from "vitest";
import { compositionWarnings } from "./composition";

describe("a plan's team against its kind", () => {
  it("warns about a SIP without both the kommun and the region", () => {
    expect(compositionWarnings("SIP", ["social_services"])).toEqual(["sip_needs_kommun_and_region"]);
    expect(compositionWarnings("SIP", ["healthcare", "employment_service"])).toEqual(["sip_needs_kommun_and_region"]);
    expect(compositionWarnings("SIP", ["healthcare", "social_services"])).toEqual([]);
    expect(compositionWarnings("SIP", ["healthcare", "labour_market_unit", "employment_service"])).toEqual([]);
  });

  it("warns about a GIP with health care, never about one without", () => {
    expect(compositionWarnings("GIP", ["social_services", "healthcare"])).toEqual(["gip_with_healthcare"]);
    expect(compositionWarnings("GIP", ["social_services", "labour_market_unit", "employment_service"])).toEqual([]);
  });
});
