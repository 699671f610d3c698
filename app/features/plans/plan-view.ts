// The plan as the domain hands it to components: camelCase, mapped once from rows in
// plan-rows.server.ts. Isomorphic: types only.
import type { ActionStatus, OrganisationKind, PlanKind, PlanOutcome, PlanStatus } from "#db/schema";
import type { ConsentRecord } from "~/features/consent/consent";
import type { PlanMeetings } from "~/features/meetings/plan-meetings";
import type { PlanSettings } from "~/features/organisations/partnership-settings";
import type { PersonOnPlan } from "~/features/persons/person";

export interface Plan {
  id: string;
  kind: PlanKind;
  status: PlanStatus;
  goal: string;
  needs: string;
  nextFollowUp: string | null;
  /** Why the next follow-up lies beyond the partnership's longest interval, when it does. */
  followUpReason: string | null;
  followUpOverdue: boolean;
  outcome: PlanOutcome | null;
  closedAt: string | null;
  version: number;
  leadOrganisationId: string;
  leadOrganisationName: string;
  leadUserId: string;
  leadUserName: string;
  createdAt: string;
}

export interface TeamMember {
  id: string;
  name: string;
  email: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
}

export interface PlanAction {
  id: string;
  description: string;
  responsibleOrganisationId: string;
  organisationName: string;
  responsibleUserId: string | null;
  userName: string | null;
  startDate: string | null;
  dueDate: string | null;
  status: ActionStatus;
  /** The insats type chosen from the partnership's list; null for actions added before there was one. */
  insatsType: string | null;
  /** The person does this themself: "Det här gör jag själv" in "Min plan". */
  byPerson: boolean;
  version: number;
  overdue: boolean;
}

export interface FollowUp {
  id: string;
  heldOn: string;
  reviewed: string;
  nextDate: string;
  intervalReason: string | null;
  /** The step of the progression scale (1 = the first), when one was recorded. */
  progressionStep: number | null;
  recordedByName: string;
}

export interface Note {
  id: string;
  body: string;
  authorName: string;
  organisationName: string;
  createdAt: string;
}

export interface HistoryEntry {
  id: string;
  occurredAt: string;
  userName: string;
  change: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface OrganisationRef {
  id: string;
  name: string;
}

export interface PartnerOrganisation extends OrganisationRef {
  kind: OrganisationKind;
}

export interface TeamCandidate {
  id: string;
  name: string;
  organisationName: string;
}

/** Everything the plan page shows. */
export interface PlanPage {
  plan: Plan;
  person: PersonOnPlan;
  team: TeamMember[];
  actions: PlanAction[];
  followUps: FollowUp[];
  notes: Note[];
  history: HistoryEntry[];
  consents: ConsentRecord[];
  coveredOrganisationIds: string[];
  uncoveredOrganisations: OrganisationRef[];
  /** The user's organisation leads the plan: it records consent and changes the plan's status. */
  isLead: boolean;
  /** The lead organisation's partnership settings: cadence, insats types, progression scale. */
  settings: PlanSettings;
}

export type PlanView = PlanPage & {
  candidates: TeamCandidate[];
  organisations: PartnerOrganisation[];
  currentUserId: string;
  meetings?: PlanMeetings;
};

export interface PlanListItem {
  id: string;
  kind: PlanKind;
  status: PlanStatus;
  nextFollowUp: string | null;
  personName: string;
  leadOrganisationName: string;
  overdueActions: number;
  followUpOverdue: boolean;
}

/** The plan's own fields, as saved and as someone tried to save them. */
export interface PlanCoreValues {
  version: number;
  goal: string;
  needs: string;
  nextFollowUp: string | null;
  leadUserId: string;
  /**
   * Why the next follow-up lies beyond the partnership's longest interval. Given by the plan
   * page's form, where the rule is checked; callers that leave it out (the demo seed) skip it.
   */
  followUpReason?: string | null;
}

/** A stale save of the plan: both versions, so nothing typed is lost. */
export interface PlanConflict {
  saved: PlanCoreValues & { savedBy?: string; savedAt?: string };
  attempted: PlanCoreValues;
}

export interface ActionValues {
  version: number;
  status: ActionStatus;
  dueDate: string | null;
}

/** A stale save of an action. */
export interface ActionConflict {
  actionId: string;
  saved: ActionValues;
  attempted: ActionValues;
}

/** "Min plan": the person's own copy. It never carries an address or contact details. */
export interface MyPlan {
  kind: PlanKind;
  personName: string;
  goal: string;
  nextFollowUp: string | null;
  /** The follow-up date has passed: "Min plan" never presents it as upcoming. */
  nextFollowUpPassed: boolean;
  leadUserName: string;
  leadOrganisationName: string;
  actions: {
    id: string;
    description: string;
    organisation: string;
    person: string | null;
    dueDate: string | null;
    status: ActionStatus;
    byPerson: boolean;
  }[];
  contacts: { id: string; name: string; organisation: string; email: string }[];
}
