// Who may read and prepare period summaries (DESIGN.md "Period summaries"): coordinators of a
// partnership see its live figures and every snapshot; its steering members see released
// snapshots that are not retracted. Anyone else is told nothing exists (404 at the edge).
// Isomorphic: pure answers from the role policy, no database.
import { can, partnershipsWhere } from "./policy";

/** Whoever the role policy can answer for (a CurrentUser, in practice). */
type PolicyUser = Parameters<typeof can>[0];

/** What the policy needs to know about a frozen summary. */
export interface SnapshotStanding {
  partnershipId: string;
  releasedAt: string | null;
  retractedAt: string | null;
}

/** Compute, freeze, export, release and retract the partnership's summaries. */
export function mayPrepareSummaries(user: PolicyUser, partnershipId: string): boolean {
  return can(user, "summaries:prepare", partnershipId);
}

export function mayReadSnapshot(user: PolicyUser, snapshot: SnapshotStanding): boolean {
  if (mayPrepareSummaries(user, snapshot.partnershipId)) return true;
  return (
    can(user, "summaries:read_released", snapshot.partnershipId) &&
    snapshot.releasedAt !== null &&
    snapshot.retractedAt === null
  );
}

/**
 * Whose snapshots a user's list holds: every snapshot of the partnerships they prepare for, and
 * the released, unretracted ones of those they only steer. Empty lists: the user has no summaries.
 */
export function snapshotListScope(user: PolicyUser): { every: string[]; releasedOnly: string[] } {
  const every = partnershipsWhere(user, "summaries:prepare");
  const releasedOnly = partnershipsWhere(user, "summaries:read_released").filter((id) => !every.includes(id));
  return { every, releasedOnly };
}
