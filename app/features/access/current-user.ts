// The one signed-in user type and the one actor shape (who did something, as the audit log
// and the plan history record it). Isomorphic: types and pure functions only.
import type { OrganisationKind, Role } from "#db/schema";

export interface Grant {
  role: Role;
  /** Set for roles held per partnership (coordinator, steering); null otherwise. */
  partnershipId: string | null;
}

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  locale: string | null;
  mustChangePassword: boolean;
  grants: Grant[];
  sessionId: string;
}

/** Who did it. userId is null for the system itself (scheduled jobs, the command line). */
export interface Actor {
  userId: string | null;
  organisationId: string | null;
}

export function actorOf(user: Pick<CurrentUser, "id" | "organisationId">): Actor {
  return { userId: user.id, organisationId: user.organisationId };
}

export const SYSTEM_ACTOR: Actor = { userId: null, organisationId: null };
