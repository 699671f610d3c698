// The meeting domain as commands, page queries and components share it (camelCase). Isomorphic:
// types and pure functions only, so components may import it.
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

/** The choices for each staff member on the convening form. */
export const STAFF_CHOICES = ["none", "summons", "invitation"] as const;
/** The person is invited or not; never summoned (DESIGN.md "Plan meetings"). */
export const PERSON_CHOICES = ["invitation", "none"] as const;
/** Rows for participants without an account on the convening form (it works without JavaScript). */
export const EXTERNAL_ROWS = 3;

export interface Meeting {
  id: string;
  planId: string;
  planKind: PlanKind;
  planStatus: PlanStatus;
  leadUserId: string;
  personName: string;
  organiserId: string;
  organiserName: string;
  organiserEmail: string;
  organiserPhone: string | null;
  organiserOrganisationName: string;
  /** UTC ISO; shown in Europe/Stockholm. */
  startsAt: string;
  durationMinutes: number;
  place: string | null;
  videoLink: string | null;
  purpose: string;
  agenda: string;
  status: MeetingStatus;
  sequence: number;
  summonsSentAt: string;
  minutes: string | null;
  recordedBy: string | null;
  recordedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

export interface Invitee {
  id: string;
  party: InviteeParty;
  kind: InvitationKind;
  /** Staff only. */
  userId: string | null;
  userName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  relativeName: string | null;
  relativeContact: string | null;
  /** Party "relative" (anyone without an account): relative, god man, interpreter, professional, other. */
  externalRole: ExternalRole | null;
  response: MeetingResponse;
  responseReason: string | null;
  respondedAt: string | null;
  /** The invitee who came instead, when this one declined and named a replacement. */
  replacedBy: string | null;
  /** Null until the meeting is recorded. */
  attended: boolean | null;
}

export interface Decision {
  id: string;
  text: string;
  actionId: string | null;
  actionStatus: ActionStatus | null;
  actionDueDate: string | null;
  actionOrganisationName: string | null;
  createdByName: string;
  createdAt: string;
}

/** A staff member the convening form offers. */
export interface StaffOption {
  id: string;
  name: string;
  email: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  onTeam: boolean;
  /** The lead organisation, or named by an active consent. */
  covered: boolean;
}

export interface ResponseCounts {
  invited: number;
  accepted: number;
  declined: number;
  pending: number;
}

/** Staff answers, counting replacements instead of those they replaced. */
export function responseCounts(
  invitees: { party: InviteeParty; response: MeetingResponse; replacedBy: string | null }[],
): ResponseCounts {
  const staff = invitees.filter((i) => i.party === "staff" && !i.replacedBy);
  return {
    invited: staff.length,
    accepted: staff.filter((i) => i.response === "accepted").length,
    declined: staff.filter((i) => i.response === "declined").length,
    pending: staff.filter((i) => i.response === "pending").length,
  };
}

/** A meeting in the plan page's list. */
export interface PlanMeeting {
  id: string;
  startsAt: string;
  durationMinutes: number;
  status: MeetingStatus;
  purpose: string;
  counts: ResponseCounts;
}

export interface PlanMeetings {
  upcoming: PlanMeeting[];
  past: PlanMeeting[];
}

/** A meeting on the start page, as one of the user's own invitations. */
export interface StartMeeting {
  id: string;
  startsAt: string;
  durationMinutes: number;
  kind: InvitationKind;
  response: MeetingResponse;
  organiserId: string;
  planKind: PlanKind;
  personName: string;
}
/** When and where: shared by convening and rescheduling. */
export interface WhenWhere {
  /** UTC ISO. */
  startsAt: string;
  durationMinutes: number;
  place: string | null;
  videoLink: string | null;
}

export interface ConveneInput extends WhenWhere {
  purpose: string;
  agenda: string;
  staff: { userId: string; kind: InvitationKind }[];
  /** The person is always invited, never summoned (DESIGN.md "Plan meetings"). */
  person: { kind: "invitation" } | null;
  /** Participants without an account: named in the letter, never in the calendar file. */
  externals: ExternalParticipant[];
}

/** Someone invited without an account: who, in which part, and how to reach them. */
export interface ExternalParticipant {
  name: string;
  role: ExternalRole;
  contact: string;
}

/** A staff member the consent does not cover, as the refusal names them. */
export interface RefusedInvitee {
  id: string;
  name: string;
  organisationName: string;
}

/** The convening form's invitee step: the search and who is chosen so far (from the query string). */
export interface ConvenePicks {
  q: string;
  /** Chosen staff ids; null on the first visit, when the plan's covered team is chosen. */
  invite: string[] | null;
}

/** What the convening form shows. */
export interface ConvenePage {
  plan: { id: string; kind: PlanKind; status: PlanStatus; personName: string };
  q: string;
  /** Chosen so far, carried through each search. */
  chosen: StaffOption[];
  /** The plan's team not chosen yet: suggested first. */
  suggestions: StaffOption[];
  /** Search hits not chosen yet; `more` when the search found more than are shown. */
  hits: StaffOption[];
  more: boolean;
  /** Organisations on the team that no active consent names, for the warning before convening. */
  uncoveredOrganisations: string[];
}

/** The meeting page: the meeting, who comes, what was decided, and what the user may do. */
export interface MeetingPage {
  meeting: Meeting;
  invitees: Invitee[];
  counts: ResponseCounts;
  decisions: Decision[];
  /** Organisations that can take on an action decided at the meeting. */
  organisations: { id: string; name: string }[];
  /** The user's own invitation, when they are an invitee who answers (not the convener). */
  myInvitation: Invitee | null;
  /** Colleagues who could come instead, when the user declines. */
  replacementCandidates: { id: string; name: string }[];
  canManage: boolean;
  canRespond: boolean;
  canReschedule: boolean;
  canRecord: boolean;
  canDecide: boolean;
}

/** The person's letter: what, when, where, who comes, whom to call. */
export interface MeetingLetter {
  meetingId: string;
  planId: string;
  status: MeetingStatus;
  personName: string;
  /** How the person is asked to come; null when the person is not invited. */
  personKind: InvitationKind | null;
  startsAt: string;
  durationMinutes: number;
  place: string | null;
  videoLink: string | null;
  purpose: string;
  agenda: string;
  organiser: { name: string; organisation: string; email: string; phone: string | null };
  coming: { id: string; name: string; organisation: string }[];
  /** Participants without an account, by name and part (never how to reach them). */
  externals: { id: string; name: string; role: ExternalRole }[];
  /** Where the letter goes: null address when none is recorded or the identity is protected. */
  recipient: { name: string; address: string | null; protectedIdentity: boolean };
  /** The letter's date. */
  today: string;
}

/** Enough of a meeting to name it in a list: when, and whose plan. */
export type MeetingGlance = Pick<StartMeeting, "startsAt" | "durationMinutes" | "planKind" | "personName">;
