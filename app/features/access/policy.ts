// Who may do what: the one role policy (CONVENTIONS.md 2). Roles become permissions here and
// nowhere else; routes, components and features ask can()/partnershipsWhere(), never grants.
// Plan content is not a role question: it follows the access rule in access.server.ts
// (team member and lead organisation or active consent), which also requires "plans:work".
// Isomorphic: the navigation uses the same answers in the browser.
import type { Role } from "#db/schema";
import type { CurrentUser } from "./current-user";

export type Permission =
  /** Create persons and plans; work on plans whose team the user is on (access rule applies). */
  | "plans:work"
  /** Triage every deviation of the partnership, including who reported it. (P) */
  | "deviations:triage"
  /** Answer deviations routed to the user's organisation (de-identified text only). */
  | "deviations:answer"
  /**
   * Triage, question and close routine deviations about the user's own organisation's routines
   * (the reporter shown only when the reporter is of that organisation too).
   */
  | "deviations:manage"
  /** Read published, answered deviations of the partnership. (P) */
  | "deviations:read_published"
  /** Prepare, freeze and release period summaries. (P) */
  | "summaries:prepare"
  /** Record the steering group's improvements in the partnership's register and follow them up. (P) */
  | "improvements:record"
  /**
   * Follow up the improvements owned by the user's own organisation (besides the contact named on
   * one, who always may: docs/decisions/0025-improvement-register.md).
   */
  | "improvements:own"
  /** Read released summaries of the partnership. (P) */
  | "summaries:read_released"
  /** Log review for the user's own organisation. */
  | "audit:review"
  /** Manage partnerships, organisations, users and roles; never plan content. */
  | "admin:manage"
  /** See what the retention purge would delete (counts and plan numbers only) and run it. */
  | "retention:manage"
  /** Produce the register extract (GDPR art. 15) for the person of a plan the user may see. */
  | "extract:produce";

const MATRIX: Record<Role, readonly Permission[]> = {
  caseworker: ["plans:work", "extract:produce"],
  coordinator: ["deviations:triage", "summaries:prepare", "improvements:record"],
  contact: ["deviations:answer", "improvements:own"],
  steering: ["deviations:read_published", "summaries:read_released"],
  auditor: ["audit:review"],
  admin: ["admin:manage", "retention:manage"],
  manager: ["deviations:manage", "improvements:own"],
};

type PolicyUser = Pick<CurrentUser, "grants">;

/**
 * True when one of the user's grants gives the permission. With a partnership, a grant held per
 * partnership must be for that one; organisation-wide grants (partnershipId null) count anywhere.
 */
export function can(user: PolicyUser, permission: Permission, partnershipId?: string): boolean {
  return user.grants.some(
    (g) =>
      MATRIX[g.role]?.includes(permission) &&
      (partnershipId === undefined || g.partnershipId === null || g.partnershipId === partnershipId),
  );
}

/** The partnerships in which a per-partnership permission is held. */
export function partnershipsWhere(user: PolicyUser, permission: Permission): string[] {
  const ids = user.grants
    .filter((g) => g.partnershipId !== null && MATRIX[g.role]?.includes(permission))
    .map((g) => g.partnershipId as string);
  return [...new Set(ids)];
}

export type NavKey = "start" | "plans" | "deviations" | "improvements" | "summaries" | "audit" | "admin";

/** What the main navigation shows: an entry only for those who can use the page. */
export function navigationFor(user: PolicyUser): NavKey[] {
  const onlyAdmin = user.grants.length > 0 && user.grants.every((g) => g.role === "admin");
  const items: [NavKey, boolean][] = [
    ["start", !onlyAdmin],
    ["plans", can(user, "plans:work")],
    ["deviations", true],
    // A contact named on an improvement who holds neither permission finds it from the notification
    // and the link on the deviations page.
    ["improvements", can(user, "improvements:record") || can(user, "improvements:own")],
    ["summaries", can(user, "summaries:prepare") || can(user, "summaries:read_released")],
    ["audit", can(user, "audit:review")],
    ["admin", can(user, "admin:manage")],
  ];
  return items.filter(([, shown]) => shown).map(([key]) => key);
}

/** Where a user lands after sign-in: the page their roles use most. */
export function startPathFor(user: PolicyUser): string {
  if (can(user, "plans:work")) return "/start";
  if (
    can(user, "deviations:triage") ||
    can(user, "deviations:manage") ||
    can(user, "deviations:answer") ||
    can(user, "deviations:read_published")
  )
    return "/deviations";
  if (can(user, "audit:review")) return "/audit";
  if (can(user, "admin:manage")) return "/admin";
  return "/start";
}
