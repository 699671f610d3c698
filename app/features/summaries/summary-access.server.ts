// Who may see which summary: coordinators of the partnership see live figures and every
// snapshot; steering members see released snapshots that are not withdrawn. Anyone else: 404.
import type { DB } from "#db/client.server";
import { type CurrentUser } from "~/features/access/current-user";
import { can } from "~/features/access/policy";
import { notFound } from "~/lib/http.server";
import { getSnapshot, type Snapshot } from "./snapshots.server";

export function requireCoordinatorOf(user: CurrentUser, partnershipId: string): void {
  if (!can(user, "summaries:prepare", partnershipId)) throw notFound();
}

export function canReadSnapshot(
  user: CurrentUser,
  snapshot: Pick<Snapshot, "partnership_id" | "released_at" | "withdrawn_at">,
): boolean {
  if (can(user, "summaries:prepare", snapshot.partnership_id)) return true;
  return (
    can(user, "summaries:read_released", snapshot.partnership_id) &&
    snapshot.released_at !== null &&
    snapshot.withdrawn_at === null
  );
}

export async function requireReadableSnapshot(db: DB, user: CurrentUser, snapshotId: string): Promise<Snapshot> {
  const snapshot = await getSnapshot(db, snapshotId);
  if (!snapshot || !canReadSnapshot(user, snapshot)) throw notFound();
  return snapshot;
}

export function partnershipsWithRole(user: CurrentUser, role: "coordinator" | "steering"): string[] {
  return user.grants.filter((g) => g.role === role && g.partnershipId).map((g) => g.partnershipId!);
}
