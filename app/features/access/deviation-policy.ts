// Who may see a deviation, in which view, and what each view reads and does (DESIGN.md
// "Deviations"). Decided from can() in policy.ts and the facts of the case; nothing here reads
// grants itself. Isomorphic: the case page shows exactly what these answers allow.
//
//   coordinator of the case's partnership – everything, including who reported it, except routine
//                                           cases handled by managers (counted in summaries only)
//   a manager of the routine's organisation – a routine case handled by managers: the reporter's
//                                           text, and who reported it only when the reporter is
//                                           of the manager's own organisation
//   the reporter                          – their own report, questions, answers, the closing note
//   a contact of a routed organisation    – the coordinator's de-identified summary and the answers
//   a steering member of the partnership  – published cases only: the summary and the answers
// Anyone else is nobody to the case (404).
import { ROLES, type DeviationHandler, type Role } from "#db/schema";
import type { CurrentUser } from "./current-user";
import { can, partnershipsWhere, type Permission } from "./policy";

export type DeviationView = "coordinator" | "manager" | "reporter" | "contact" | "steering";

type PolicyUser = Pick<CurrentUser, "id" | "grants"> & { organisationId?: string };

/** What the policy needs to know about a case. */
export interface DeviationFacts {
  partnershipId: string;
  reporterId: string;
  published: boolean;
  /** The case has been routed to the user's own organisation. */
  routedToOwnOrganisation: boolean;
  /** Who handles the case; a routine case since migration 0017 is the managers'. */
  handler: DeviationHandler;
  /** A routine case's organisation (whose routine was not followed). */
  routineOrganisationId: string | null;
  /** The reporter's organisation at the time of the report. */
  reporterOrganisationId: string;
}

/** Whether the user's routing to their own organisation matters at all (saves a query otherwise). */
export function mayAnswerDeviations(user: PolicyUser): boolean {
  return can(user, "deviations:answer");
}

/** Every view the user has of the case; empty means the case does not exist for them. */
export function deviationViews(user: PolicyUser, facts: DeviationFacts): DeviationView[] {
  const views: DeviationView[] = [];
  // A routine case handled by managers is the organisation's own matter: the partnership's
  // coordinator never sees it case by case, only counted in the summaries.
  if (facts.handler === "coordinator" && can(user, "deviations:triage", facts.partnershipId)) views.push("coordinator");
  if (
    facts.handler === "manager" &&
    user.organisationId !== undefined &&
    facts.routineOrganisationId === user.organisationId &&
    can(user, "deviations:manage")
  )
    views.push("manager");
  if (facts.reporterId === user.id) views.push("reporter");
  if (facts.routedToOwnOrganisation && can(user, "deviations:answer")) views.push("contact");
  if (facts.published && can(user, "deviations:read_published", facts.partnershipId)) views.push("steering");
  return views;
}

export type DeviationStep =
  "read" | "triage" | "ask" | "reply" | "route" | "answer" | "close" | "escalate" | "agenda" | "publish" | "reopen";

// A manager handles a routine case inside their own organisation: no routing to the
// partnership's parties, no steering-group agenda, no publishing to the steering group.
const STEPS: Record<DeviationStep, readonly DeviationView[]> = {
  read: ["coordinator", "manager", "reporter", "contact", "steering"],
  triage: ["coordinator", "manager"],
  ask: ["coordinator", "manager"],
  reply: ["reporter"],
  route: ["coordinator"],
  answer: ["coordinator", "contact"],
  close: ["coordinator", "manager"],
  escalate: ["coordinator", "manager"],
  agenda: ["coordinator"],
  publish: ["coordinator"],
  reopen: ["coordinator", "manager"],
};

export function mayTakeStep(views: readonly DeviationView[], step: DeviationStep): boolean {
  return STEPS[step].some((v) => views.includes(v));
}

/**
 * What a user with these views reads of a case. `reporterOfOwnOrganisation`: the reporter was of
 * the reader's organisation when reporting (a manager sees only their own staff's names).
 */
export function deviationSight(views: readonly DeviationView[], reporterOfOwnOrganisation = false) {
  const coordinator = views.includes("coordinator");
  const manager = views.includes("manager");
  const reporter = views.includes("reporter");
  return {
    /** Who reported it: the coordinator, and the reporter's own manager. */
    reporter: coordinator || (manager && reporterOfOwnOrganisation),
    /**
     * The reporter's own words (description, what was tried locally, suggested improvement):
     * contacts and steering members read the coordinator's de-identified summary instead.
     */
    reporterText: coordinator || manager || reporter,
    /** Questions to the reporter and the replies. */
    messages: coordinator || manager || reporter,
    /** The case's history of who changed what. */
    history: coordinator || manager,
    /** The partnership's organisations, to triage and route with. */
    partnershipOrganisations: coordinator,
  };
}

/**
 * The organisation an answer is recorded for: a contact answers for their own organisation;
 * a coordinator records an answer received elsewhere for the organisation they choose.
 */
export function answeringOrganisation(
  views: readonly DeviationView[],
  ownOrganisationId: string,
  chosen: string | undefined,
): string {
  return views.includes("contact") && !views.includes("coordinator") ? ownOrganisationId : (chosen ?? "");
}

/** Partnerships whose deviation log the user triages. */
export function coordinatedPartnerships(user: PolicyUser): string[] {
  return partnershipsWhere(user, "deviations:triage");
}

/** Whether the user handles routine cases of their own organisation (saves a query otherwise). */
export function managesRoutineCases(user: PolicyUser): boolean {
  return can(user, "deviations:manage");
}

/** Partnerships whose published cases the user reads. */
export function steeredPartnerships(user: PolicyUser): string[] {
  return partnershipsWhere(user, "deviations:read_published");
}

/** The roles that hold a permission: whom to notify when a case needs that permission's holders. */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((role) => can({ grants: [{ role, partnershipId: null }] }, permission));
}

/** The role a report records for its reporter (shown to the coordinator): what the user mainly works as. */
export function reporterRoleOf(user: PolicyUser): Role | "staff" {
  const order: [Permission, Role][] = [
    ["plans:work", "caseworker"],
    ["deviations:triage", "coordinator"],
    ["deviations:manage", "manager"],
    ["deviations:answer", "contact"],
    ["deviations:read_published", "steering"],
    ["audit:review", "auditor"],
    ["admin:manage", "admin"],
  ];
  return order.find(([permission]) => can(user, permission))?.[1] ?? "staff";
}
