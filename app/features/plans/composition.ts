// Whether a plan's team fits its kind (issue 17, item 8). A SIP is the statutory plan between the
// kommun's social services and the region's health care (SoL 2 kap. 7 §, HSL 16 kap. 4 §), so it
// needs both; a GIP is the local plan without health care (seed 002), so health care on it means
// it should probably be a SIP. Warnings only: the team may still be forming.
import type { OrganisationKind, PlanKind } from "#db/schema";

export type CompositionWarning = "sip_needs_kommun_and_region" | "gip_with_healthcare";

/** The kinds of organisation that are the kommun in a SIP. */
const KOMMUN: readonly OrganisationKind[] = ["social_services", "labour_market_unit", "adult_education"];

export function compositionWarnings(kind: PlanKind, teamKinds: readonly OrganisationKind[]): CompositionWarning[] {
  const kinds = new Set(teamKinds);
  const region = kinds.has("healthcare");
  const kommun = KOMMUN.some((k) => kinds.has(k));
  if (kind === "SIP" && !(region && kommun)) return ["sip_needs_kommun_and_region"];
  if (kind === "GIP" && region) return ["gip_with_healthcare"];
  return [];
}
