// The one row-to-domain mapping for meetings: database rows (snake_case) become the camelCase
// objects of meeting-types.ts. Every meeting query maps its rows here and nowhere else.
import { fromBool } from "#db/portable";
import type {
  ActionStatus,
  ExternalRole,
  InvitationKind,
  InviteeParty,
  MeetingResponse,
  MeetingStatus,
  OrganisationKind,
  PlanKind,
  PlanStatus,
} from "#db/schema";
import type {
  Decision,
  Invitee,
  Meeting,
  MeetingGlance,
  PlanMeeting,
  ResponseCounts,
  StaffOption,
  StartMeeting,
} from "./meeting-types";

export interface MeetingRow {
  id: string;
  plan_id: string;
  plan_kind: PlanKind;
  plan_status: PlanStatus;
  lead_user_id: string;
  person_name: string;
  organiser_id: string;
  organiser_name: string;
  organiser_email: string;
  organiser_phone: string | null;
  organiser_organisation_name: string;
  starts_at: string;
  duration_minutes: number;
  place: string | null;
  video_link: string | null;
  purpose: string;
  agenda: string;
  status: MeetingStatus;
  sequence: number;
  summons_sent_at: string;
  minutes: string | null;
  recorded_by: string | null;
  recorded_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
}

export function toMeeting(r: MeetingRow): Meeting {
  return {
    id: r.id,
    planId: r.plan_id,
    planKind: r.plan_kind,
    planStatus: r.plan_status,
    leadUserId: r.lead_user_id,
    personName: r.person_name,
    organiserId: r.organiser_id,
    organiserName: r.organiser_name,
    organiserEmail: r.organiser_email,
    organiserPhone: r.organiser_phone,
    organiserOrganisationName: r.organiser_organisation_name,
    startsAt: r.starts_at,
    durationMinutes: r.duration_minutes,
    place: r.place,
    videoLink: r.video_link,
    purpose: r.purpose,
    agenda: r.agenda,
    status: r.status,
    sequence: r.sequence,
    summonsSentAt: r.summons_sent_at,
    minutes: r.minutes,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
  };
}

export interface InviteeRow {
  id: string;
  party: InviteeParty;
  kind: InvitationKind;
  user_id: string | null;
  user_name: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  relative_name: string | null;
  relative_contact: string | null;
  external_role: ExternalRole | null;
  response: MeetingResponse;
  response_reason: string | null;
  responded_at: string | null;
  replaced_by: string | null;
  attended: number | null;
}

export function toInvitee(r: InviteeRow): Invitee {
  return {
    id: r.id,
    party: r.party,
    kind: r.kind,
    userId: r.user_id,
    userName: r.user_name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    relativeName: r.relative_name,
    relativeContact: r.relative_contact,
    // Rows from before migration 0028 were all relatives.
    externalRole: r.party === "relative" ? (r.external_role ?? "relative") : null,
    response: r.response,
    responseReason: r.response_reason,
    respondedAt: r.responded_at,
    replacedBy: r.replaced_by,
    attended: r.attended === null ? null : fromBool(r.attended),
  };
}

export function toDecision(r: {
  id: string;
  text: string;
  action_id: string | null;
  action_status: ActionStatus | null;
  action_due_date: string | null;
  action_organisation_name: string | null;
  created_by_name: string;
  created_at: string;
}): Decision {
  return {
    id: r.id,
    text: r.text,
    actionId: r.action_id,
    actionStatus: r.action_status,
    actionDueDate: r.action_due_date,
    actionOrganisationName: r.action_organisation_name,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
  };
}

export function toStaffOption(
  r: {
    id: string;
    name: string;
    email: string;
    organisation_id: string;
    organisation_name: string;
    organisation_kind: OrganisationKind;
  },
  flags: { onTeam: boolean; covered: boolean },
): StaffOption {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    organisationKind: r.organisation_kind,
    ...flags,
  };
}

export function toStartMeeting(r: {
  id: string;
  starts_at: string;
  duration_minutes: number;
  kind: InvitationKind;
  response: MeetingResponse;
  organiser_id: string;
  plan_kind: PlanKind;
  person_name: string;
}): StartMeeting {
  return {
    id: r.id,
    startsAt: r.starts_at,
    durationMinutes: r.duration_minutes,
    kind: r.kind,
    response: r.response,
    organiserId: r.organiser_id,
    planKind: r.plan_kind,
    personName: r.person_name,
  };
}

export function toPlanMeeting(
  r: {
    id: string;
    starts_at: string;
    duration_minutes: number;
    status: MeetingStatus;
    purpose: string;
  },
  counts: ResponseCounts,
): PlanMeeting {
  return {
    id: r.id,
    startsAt: r.starts_at,
    durationMinutes: r.duration_minutes,
    status: r.status,
    purpose: r.purpose,
    counts,
  };
}

export function toMeetingGlance(r: {
  starts_at: string;
  duration_minutes: number;
  plan_kind: PlanKind;
  person_name: string;
}): MeetingGlance {
  return {
    startsAt: r.starts_at,
    durationMinutes: r.duration_minutes,
    planKind: r.plan_kind,
    personName: r.person_name,
  };
}
