// Who may see and follow up an improvement in the register (DESIGN.md "Period summaries",
// docs/decisions/0025-improvement-register.md). Decided from can() in policy.ts and the facts of
// the improvement; nothing here reads grants itself. Isomorphic.
//
//   coordinator of the improvement's partnership – records it, sees it, changes its status,
//                                                   note and due date
//   owner – a user of the owner organisation who is the contact named on it, or who holds
//           "improvements:own" there (its managers and deviation contacts): sees it and changes
//           its status, note and due date
// Anyone else – another organisation's owner, another partnership's coordinator, a caseworker –
// is nobody to the improvement (404). Steering members read the register in released summaries.
import type { CurrentUser } from "./current-user";
import { can, partnershipsWhere } from "./policy";

export type ImprovementView = "coordinator" | "owner";

type PolicyUser = Pick<CurrentUser, "id" | "organisationId" | "grants">;

/** What the policy needs to know about an improvement. */
export interface ImprovementFacts {
  partnershipId: string;
  ownerOrganisationId: string;
  ownerContactId: string | null;
}

/** Every view the user has of the improvement; empty means it does not exist for them. */
export function improvementViews(user: PolicyUser, facts: ImprovementFacts): ImprovementView[] {
  const views: ImprovementView[] = [];
  if (can(user, "improvements:record", facts.partnershipId)) views.push("coordinator");
  if (isOwner(user, facts)) views.push("owner");
  return views;
}

function isOwner(user: PolicyUser, facts: ImprovementFacts): boolean {
  // The named contact counts only while they belong to the owner organisation.
  if (user.organisationId !== facts.ownerOrganisationId) return false;
  return facts.ownerContactId === user.id || can(user, "improvements:own");
}

/** Partnerships whose register the user keeps. */
export function recordingPartnerships(user: PolicyUser): string[] {
  return partnershipsWhere(user, "improvements:record");
}

/** Whether the user follows up every improvement their organisation owns (not only those naming them). */
export function ownsForOrganisation(user: PolicyUser): boolean {
  return can(user, "improvements:own");
}
