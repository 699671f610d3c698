// The person as one plan knows them (docs/decisions/0010-person-identity-shared-details-per-plan.md).
// Isomorphic: types only.

export interface PersonOnPlan {
  personId: string;
  /** 12 digits; shared by every plan for the same person, and the only thing they share. */
  identityNumber: string;
  /** This plan's own record; empty only for a migrated plan whose team has not filled it in. */
  name: string;
  /** The identity's status: while set, contact details are null on every plan. */
  protectedIdentity: boolean;
  address: string | null;
  phone: string | null;
  email: string | null;
  /** Set only on the plan the protection was marked from, where its team may see who did it. */
  protection: { markedByName: string; markedByOrganisationName: string; markedAt: string } | null;
  /** The user's organisation marked the protection, from this plan: it alone may lift it. */
  canLiftProtection: boolean;
}

export interface PersonDetailsInput {
  name: string;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
}
