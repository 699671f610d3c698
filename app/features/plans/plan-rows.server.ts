// The one row-to-domain mapping for plans: snake_case rows in, the camelCase shapes of
// plan-view.ts out. Every read in the plans feature hands components these shapes only.
import { fromBool, fromJson } from "#db/portable";
import type { ActionStatus, OrganisationKind, PlanKind, PlanOutcome, PlanStatus } from "#db/schema";
import type { FollowUp, HistoryEntry, Note, Plan, PlanAction, PlanListItem, TeamMember } from "./plan-view";

const isOpen = (status: ActionStatus) => status === "planned" || status === "ongoing";

export function toPlan(
  row: {
    id: string;
    kind: PlanKind;
    status: PlanStatus;
    goal: string;
    needs: string;
    next_follow_up: string | null;
    follow_up_reason: string | null;
    outcome: PlanOutcome | null;
    closed_at: string | null;
    version: number;
    lead_organisation_id: string;
    lead_organisation_name: string;
    lead_user_id: string;
    lead_user_name: string;
    created_at: string;
  },
  today: string,
): Plan {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    goal: row.goal,
    needs: row.needs,
    nextFollowUp: row.next_follow_up,
    followUpReason: row.follow_up_reason,
    followUpOverdue: row.status === "active" && row.next_follow_up !== null && row.next_follow_up < today,
    outcome: row.outcome,
    closedAt: row.closed_at,
    version: row.version,
    leadOrganisationId: row.lead_organisation_id,
    leadOrganisationName: row.lead_organisation_name,
    leadUserId: row.lead_user_id,
    leadUserName: row.lead_user_name,
    createdAt: row.created_at,
  };
}

export function toTeamMember(row: {
  id: string;
  name: string;
  email: string;
  organisation_id: string;
  organisation_name: string;
  organisation_kind: OrganisationKind;
}): TeamMember {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    organisationKind: row.organisation_kind,
  };
}

export function toPlanAction(
  row: {
    id: string;
    description: string;
    responsible_organisation_id: string;
    organisation_name: string;
    responsible_user_id: string | null;
    user_name: string | null;
    start_date: string | null;
    due_date: string | null;
    status: ActionStatus;
    insats_type: string | null;
    by_person: number;
    version: number;
  },
  today: string,
): PlanAction {
  return {
    id: row.id,
    description: row.description,
    responsibleOrganisationId: row.responsible_organisation_id,
    organisationName: row.organisation_name,
    responsibleUserId: row.responsible_user_id,
    userName: row.user_name,
    startDate: row.start_date,
    dueDate: row.due_date,
    status: row.status,
    insatsType: row.insats_type,
    byPerson: fromBool(row.by_person),
    version: row.version,
    overdue: isOpen(row.status) && row.due_date !== null && row.due_date < today,
  };
}

export function toFollowUp(row: {
  id: string;
  held_on: string;
  reviewed: string;
  next_date: string;
  interval_reason: string | null;
  progression_step: number | null;
  recorded_by_name: string;
}): FollowUp {
  return {
    id: row.id,
    heldOn: row.held_on,
    reviewed: row.reviewed,
    nextDate: row.next_date,
    intervalReason: row.interval_reason,
    progressionStep: row.progression_step === null ? null : Number(row.progression_step),
    recordedByName: row.recorded_by_name,
  };
}

export function toNote(row: {
  id: string;
  body: string;
  author_name: string;
  organisation_name: string;
  created_at: string;
}): Note {
  return {
    id: row.id,
    body: row.body,
    authorName: row.author_name,
    organisationName: row.organisation_name,
    createdAt: row.created_at,
  };
}

export function toHistoryEntry(row: {
  id: string;
  occurred_at: string;
  user_name: string;
  change: string;
  before: string | null;
  after: string | null;
}): HistoryEntry {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    userName: row.user_name,
    change: row.change,
    before: fromJson<Record<string, unknown> | null>(row.before, null),
    after: fromJson<Record<string, unknown> | null>(row.after, null),
  };
}

export function toPlanListItem(
  row: {
    id: string;
    kind: PlanKind;
    status: PlanStatus;
    next_follow_up: string | null;
    person_name: string;
    lead_organisation_name: string;
    overdue_actions: number | string | null;
  },
  today: string,
): PlanListItem {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    nextFollowUp: row.next_follow_up,
    personName: row.person_name,
    leadOrganisationName: row.lead_organisation_name,
    overdueActions: Number(row.overdue_actions ?? 0),
    followUpOverdue: row.status === "active" && row.next_follow_up !== null && row.next_follow_up < today,
  };
}
