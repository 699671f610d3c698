import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/** ISO-8601 UTC timestamp stored as text, e.g. 2026-11-23T10:00:00.000Z. */
export type Timestamp = string;
/** Calendar date stored as text, YYYY-MM-DD (Europe/Stockholm). */
export type DateOnly = string;
/** Booleans are stored as 0/1 on both engines; see db/portable.ts. */
export type Bool = number;

export const ORGANISATION_KINDS = [
  "social_services",
  "labour_market_unit",
  "adult_education",
  "employment_service",
  "social_insurance",
  "healthcare",
  "partnership_office",
  "other",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLES = ["caseworker", "coordinator", "contact", "steering", "auditor", "admin", "manager"] as const;
export type Role = (typeof ROLES)[number];
/** Roles held per partnership (DESIGN.md "Roles", marked (P)). */
export const PARTNERSHIP_ROLES: readonly Role[] = ["coordinator", "steering"];

export const PARTNERSHIP_KINDS = ["samordningsforbund", "dua", "local_agreement", "other"] as const;
export type PartnershipKind = (typeof PARTNERSHIP_KINDS)[number];

export interface PartnershipTable {
  id: string;
  name: string;
  /** Samordningsförbund, DUA, lokal överenskommelse or another collaboration (migration 0018). */
  kind: Generated<PartnershipKind>;
  /** Answer-by default for routed deviations, in days. */
  answer_days: Generated<number>;
  /** Small-number suppression threshold k for summaries. */
  suppression_k: Generated<number>;
  /** An action overdue by more than this many days suggests a deviation. */
  overdue_action_days: Generated<number>;
  /** The longest interval between follow-ups, in months (migration 0022). */
  max_follow_up_months: Generated<number>;
  /** JSON array of the insats types an action is chosen from. */
  action_types: Generated<string>;
  /** JSON array of the progression scale's named steps, first step first. */
  progression_steps: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganisationTable {
  id: string;
  name: string;
  kind: OrganisationKind;
  /** 0/1: everyone in the organisation signing in with a password needs a second factor. */
  second_factor_required: Generated<Bool>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganisationPartnershipTable {
  organisation_id: string;
  partnership_id: string;
}

export interface UserTable {
  id: string;
  /** Stored lower-cased. */
  email: string;
  name: string;
  organisation_id: string;
  password_hash: string | null;
  must_change_password: Generated<Bool>;
  locale: string | null;
  /** How the person and colleagues reach the user by phone; optional (migration 0028). */
  phone: Generated<string | null>;
  disabled_at: Timestamp | null;
  /** When the daily digest last went out to this user. */
  last_digest_at: Generated<Timestamp | null>;
  /** The steering member's start page: this visit and the one before it. */
  start_seen_at: Generated<Timestamp | null>;
  start_previous_seen_at: Generated<Timestamp | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoleGrantTable {
  id: string;
  user_id: string;
  role: Role;
  /** Set for partnership roles (coordinator, steering), null otherwise. */
  partnership_id: string | null;
  created_at: Timestamp;
}

export interface SessionTable {
  /** SHA-256 of the token, hex. The token itself is never stored. */
  id: string;
  user_id: string;
  created_at: Timestamp;
  /** Idle expiry, pushed forward on activity, never past absolute_expires_at. */
  expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  /** The identity provider's key when the session was opened through it (for its logout). */
  provider: string | null;
  /** The provider's ID token, sent back as id_token_hint on logout. */
  id_token: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: Bool;
  /** The random part of a genuine device cookie presented with the attempt, if any. */
  device: string | null;
  created_at: Timestamp;
}

/** Login throttling state per account and per client address (docs/decisions/0011). */
export interface LoginThrottleTable {
  /** "account:<sha-256 of the e-mail>" or "address:<ip, or the /64 of an IPv6 address>". */
  key: string;
  failures: Generated<number>;
  window_started_at: Timestamp;
  last_failure_at: Timestamp;
  next_attempt_at: Timestamp;
}

export const PASSWORD_LINK_PURPOSES = ["reset", "invitation"] as const;
export type PasswordLinkPurpose = (typeof PASSWORD_LINK_PURPOSES)[number];

/** Single-use links with which a user chooses a password (docs/decisions/0013). */
export interface PasswordLinkTable {
  /** SHA-256 of the token in the link, hex. */
  id: string;
  user_id: string;
  purpose: PasswordLinkPurpose;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface AuditEventTable {
  seq: Generated<number>;
  id: string;
  occurred_at: Timestamp;
  user_id: string | null;
  organisation_id: string | null;
  action: string;
  record_type: string;
  record_id: string | null;
  person_id: string | null;
  plan_id: string | null;
  outcome: "allowed" | "denied";
  /** JSON text; never holds passwords, tokens or identity numbers. */
  details: string | null;
  prev_hash: string;
  hash: string;
  /** HMAC-SHA-256 chained to the previous event's MAC; null for events written before migration 0010. */
  mac: string | null;
}

/** One row: where the keyed chain begins (docs/decisions/0012-audit-chain.md). */
export interface AuditChainTable {
  id: string;
  /** The last event written under the old unkeyed rule (0 on a database that had none). */
  legacy_until_seq: number;
  legacy_until_hash: string;
  created_at: Timestamp;
}

/** Leases so that one app instance at a time does a job (e.g. writing audit checkpoints). */
export interface AuditLeaseTable {
  name: string;
  holder: string | null;
  expires_at: Timestamp;
}

export const PLAN_KINDS = ["SIP", "GIP"] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_STATUSES = ["draft", "active", "closed"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const ACTION_STATUSES = ["planned", "ongoing", "done", "cancelled"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/**
 * Why a plan ended. Work + subsidised regular work + studies is Kolada's "went on to work or
 * studies". `subsidised_work` (before migration 0018) became `subsidised_regular_work`.
 */
export const PLAN_OUTCOMES = [
  "work",
  "subsidised_regular_work",
  "municipal_measure_employment",
  "studies",
  "other_benefit",
  "other_support",
  "moved",
  "consent_withdrawn",
  "person_ended",
  "deceased",
  "unknown",
] as const;
export type PlanOutcome = (typeof PLAN_OUTCOMES)[number];
export const CONSENT_GRANTORS = ["self", "guardian"] as const;
export const CONSENT_FORMS = ["written", "oral", "digital"] as const;
export const CONSENT_CATEGORIES = [
  "financial_situation",
  "health",
  "education_and_work_history",
  "labour_market_measures",
  "social_situation",
] as const;

/**
 * The identity a plan is about, shared by every plan for the same number. It holds nothing a team
 * recorded: name and contact details are each plan's own (PlanPersonDetailsTable). Protected
 * identity is the person's status, so it lives here and hides contact details on every plan.
 * (docs/decisions/0010-person-identity-shared-details-per-plan.md)
 */
export interface PersonTable {
  id: string;
  /** 12 digits, YYYYMMDDNNNN (personnummer or samordningsnummer). Never in a URL or a log. */
  identity_number: string;
  protected_identity: Generated<Bool>;
  /** Who marked the identity protected, when, from which organisation and plan; null when unknown. */
  protected_at: Timestamp | null;
  protected_by: string | null;
  protected_by_organisation_id: string | null;
  protected_plan_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** What one plan's team recorded about its person. Never read or written through another plan. */
export interface PlanPersonDetailsTable {
  plan_id: string;
  person_id: string;
  /** Empty only for plans migrated without a name of their own (0009). */
  name: string;
  /** Kept but never shown while the identity is protected; new values are not stored then. */
  address: string | null;
  phone: string | null;
  email: string | null;
  updated_at: Timestamp;
}

export interface PlanTable {
  id: string;
  kind: PlanKind;
  person_id: string;
  status: PlanStatus;
  lead_organisation_id: string;
  lead_user_id: string;
  goal: Generated<string>;
  needs: Generated<string>;
  next_follow_up: DateOnly | null;
  /** Why the next follow-up lies beyond the partnership's longest interval (migration 0022). */
  follow_up_reason: string | null;
  outcome: PlanOutcome | null;
  closed_at: Timestamp | null;
  /** When the plan went from draft to active; for "active at period end" figures. */
  activated_at: Timestamp | null;
  /**
   * The organisation kinds on the plan's team, sorted and space-separated ("employment_service
   * social_services"), so the period summary need not join every plan to its team. Written only
   * by app/features/plans/team.server.ts.
   */
  team_organisation_kinds: Generated<string>;
  /** Optimistic concurrency: every save names the version it was based on. */
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanTeamTable {
  plan_id: string;
  user_id: string;
  added_at: Timestamp;
}

export interface PlanActionTable {
  id: string;
  plan_id: string;
  responsible_organisation_id: string;
  responsible_user_id: string | null;
  description: string;
  start_date: DateOnly | null;
  due_date: DateOnly | null;
  status: ActionStatus;
  /** The insats type chosen from the partnership's list (migration 0022); null for older actions. */
  insats_type: string | null;
  /** 1: the person does this themself ("Det här gör jag själv", migration 0030). */
  by_person: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanFollowUpTable {
  id: string;
  plan_id: string;
  /** The plan's lead organisation (which never changes), for the period summary's counts. */
  lead_organisation_id: string;
  held_on: DateOnly;
  /** The follow-up date that was due when this one was held; for "on time" figures. */
  due_on: DateOnly | null;
  reviewed: string;
  next_date: DateOnly;
  /** Why the next date lies beyond the partnership's longest interval (migration 0022). */
  interval_reason: string | null;
  /** The step of the partnership's progression scale the person stands on, 1 = the first. */
  progression_step: number | null;
  recorded_by: string;
  created_at: Timestamp;
}

export interface PlanNoteTable {
  id: string;
  plan_id: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
}

export interface PlanHistoryTable {
  id: string;
  plan_id: string;
  user_id: string;
  occurred_at: Timestamp;
  change: string;
  /** JSON of the changed fields before and after. */
  before: string | null;
  after: string | null;
}

export interface ConsentTable {
  id: string;
  plan_id: string;
  person_id: string;
  grantor: (typeof CONSENT_GRANTORS)[number];
  child_view: string | null;
  /** JSON array of CONSENT_CATEGORIES. */
  categories: string;
  purpose: string;
  given_on: DateOnly;
  form: (typeof CONSENT_FORMS)[number];
  documented_by: string;
  valid_from: DateOnly;
  valid_until: DateOnly;
  withdrawn_at: Timestamp | null;
  withdrawn_by: string | null;
  withdrawal_reason: string | null;
  created_at: Timestamp;
}

export interface ConsentOrganisationTable {
  consent_id: string;
  organisation_id: string;
}

export const DEVIATION_KINDS = ["between_parties", "routine"] as const;
/**
 * Who handles a case: the partnership's coordinators (every Lex Heller case, and routine cases
 * reported before migration 0017), or the managers of the organisation whose routine was not
 * followed (routine cases since then; docs/decisions/0020-routine-deviations-and-indicators.md).
 */
export const DEVIATION_HANDLERS = ["coordinator", "manager"] as const;
export type DeviationHandler = (typeof DEVIATION_HANDLERS)[number];
export const DEVIATION_CATEGORIES = [
  "rules_and_law",
  "responsibility",
  "capacity",
  "information_transfer",
  "availability",
  "waiting_time",
  "it_systems",
  "other",
] as const;
export const DEVIATION_CONSEQUENCES = [
  "without_income",
  "delayed_measure",
  "sent_between_parties",
  "measure_ended",
  "health_risk",
  "other",
] as const;
export const DEVIATION_STATUSES = ["submitted", "in_review", "awaiting_response", "answered", "closed"] as const;
export const CLOSING_OUTCOMES = ["resolved_locally", "improvement_agreed", "escalated", "not_actionable"] as const;
export const ESCALATION_LEVELS = [
  "organisation",
  "preparatory_group",
  "partnership_director",
  "partnership_board",
  "national",
] as const;
/** Outcomes Kolada counts as "went on to work or studies". */
export const WORK_OR_STUDIES_OUTCOMES: readonly PlanOutcome[] = ["work", "subsidised_regular_work", "studies"];
export type DeviationStatus = (typeof DEVIATION_STATUSES)[number];

export interface DeviationTable {
  id: string;
  partnership_id: string;
  /** Case number within the partnership, shown as e.g. "2026-0012"-style references. */
  number: number;
  event_date: DateOnly;
  /** Who reported: visible only to the partnership's coordinators. */
  reporter_id: string;
  reporter_organisation_id: string;
  reporter_role: string;
  kind: (typeof DEVIATION_KINDS)[number];
  /** Fixed when the case is reported: who triages and closes it. */
  handler: Generated<DeviationHandler>;
  /** For a routine case: the organisation whose routine was not followed (by default the reporter's). */
  routine_organisation_id: string | null;
  category: (typeof DEVIATION_CATEGORIES)[number];
  consequence: (typeof DEVIATION_CONSEQUENCES)[number];
  description: string;
  tried_locally: Generated<string>;
  suggested_improvement: Generated<string>;
  plan_id: string | null;
  status: DeviationStatus;
  /** The coordinator's de-identified summary, shown to contacts and steering members. */
  summary: Generated<string>;
  answer_by: DateOnly | null;
  routed_at: Timestamp | null;
  closing_outcome: (typeof CLOSING_OUTCOMES)[number] | null;
  closing_note: string | null;
  escalation_level: (typeof ESCALATION_LEVELS)[number] | null;
  agenda_date: DateOnly | null;
  published_at: Timestamp | null;
  closed_at: Timestamp | null;
  /**
   * When the coordinator first triaged the case or asked the reporter, when the first routed
   * party answered, and when the last of them did (null while any is unanswered). Kept by
   * deviations.server.ts from the events and routes, so the period summary reads them off the case.
   */
  reviewed_at: Generated<Timestamp | null>;
  first_answered_at: Generated<Timestamp | null>;
  answered_at: Generated<Timestamp | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * Parties and routes carry their case's partnership and event date (neither ever changes), so
 * the period summary counts them by range instead of looking each case up.
 */
export interface DeviationPartyTable {
  deviation_id: string;
  organisation_id: string;
  partnership_id: string;
  event_date: DateOnly;
}

export interface DeviationRouteTable {
  deviation_id: string;
  organisation_id: string;
  partnership_id: string;
  event_date: DateOnly;
  routed_at: Timestamp;
  answer_by: DateOnly;
  answered_at: Timestamp | null;
}

export interface DeviationAnswerTable {
  id: string;
  deviation_id: string;
  organisation_id: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
}

export interface DeviationMessageTable {
  id: string;
  deviation_id: string;
  author_id: string;
  kind: "question" | "reply";
  body: string;
  created_at: Timestamp;
}

export interface DeviationEventTable {
  id: string;
  deviation_id: string;
  user_id: string;
  occurred_at: Timestamp;
  change: string;
  details: string | null;
}

export interface SummarySnapshotTable {
  id: string;
  partnership_id: string;
  period_key: string;
  period_label: string;
  meeting_name: string;
  meeting_date: DateOnly;
  /** JSON of the summary's figures, suppressed before they were stored. */
  figures: string;
  created_by: string;
  created_at: Timestamp;
  released_at: Timestamp | null;
  released_by: string | null;
  /** Retracted by the coordinator (migration 0012 renamed these from withdrawn_*). */
  retracted_at: Timestamp | null;
  retracted_by: string | null;
  retraction_reason: string | null;
}

export const IMPROVEMENT_STATUSES = ["open", "done", "dropped"] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];
/** Where an improvement came from: a case closed with an improvement agreed, an escalated case, or the steering group itself. */
export const IMPROVEMENT_SOURCES = ["closed_case", "escalated_case", "own"] as const;
export type ImprovementSource = (typeof IMPROVEMENT_SOURCES)[number];
export type DeviationCategory = (typeof DEVIATION_CATEGORIES)[number];

/** What the steering group decided to improve (migration 0029; docs/decisions/0025-improvement-register.md). */
export interface ImprovementTable {
  id: string;
  partnership_id: string;
  /** What is to be done; de-identified (passes the personal-data guard). */
  title: string;
  description: Generated<string>;
  owner_organisation_id: string;
  /** The named contact at the owner organisation, if any. */
  owner_contact_id: string | null;
  due_date: DateOnly;
  source_kind: ImprovementSource;
  source_deviation_id: string | null;
  status: Generated<ImprovementStatus>;
  status_note: Generated<string>;
  done_at: Timestamp | null;
  dropped_at: Timestamp | null;
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ImprovementCategoryTable {
  improvement_id: string;
  category: DeviationCategory;
}

export interface Database {
  partnerships: PartnershipTable;
  organisations: OrganisationTable;
  organisation_partnerships: OrganisationPartnershipTable;
  users: UserTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  login_throttle: LoginThrottleTable;
  password_links: PasswordLinkTable;
  audit_events: AuditEventTable;
  audit_chain: AuditChainTable;
  audit_leases: AuditLeaseTable;
  persons: PersonTable;
  plan_person_details: PlanPersonDetailsTable;
  plans: PlanTable;
  plan_team: PlanTeamTable;
  plan_actions: PlanActionTable;
  plan_follow_ups: PlanFollowUpTable;
  plan_notes: PlanNoteTable;
  plan_history: PlanHistoryTable;
  consents: ConsentTable;
  consent_organisations: ConsentOrganisationTable;
  deviations: DeviationTable;
  deviation_parties: DeviationPartyTable;
  deviation_routes: DeviationRouteTable;
  deviation_answers: DeviationAnswerTable;
  deviation_messages: DeviationMessageTable;
  deviation_events: DeviationEventTable;
  summary_snapshots: SummarySnapshotTable;
  improvements: ImprovementTable;
  improvement_categories: ImprovementCategoryTable;
  meetings: MeetingTable;
  meeting_invitees: MeetingInviteeTable;
  meeting_decisions: MeetingDecisionTable;
  notifications: NotificationTable;
  outbox: OutboxTable;
  scheduled_jobs: ScheduledJobTable;
  reminders_sent: ReminderSentTable;
  notification_mail_choices: NotificationMailChoiceTable;
  retention_settings: RetentionSettingsTable;
  retention_periods: RetentionPeriodTable;
  audit_prunes: AuditPruneTable;
  identity_links: IdentityLinkTable;
  totp_credentials: TotpCredentialTable;
  recovery_codes: RecoveryCodeTable;
  sign_in_challenges: SignInChallengeTable;
  oidc_transactions: OidcTransactionTable;
}

/** An identity at an identity provider (issuer + identifying claim) linked to a Samsyn user. */
export interface IdentityLinkTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Timestamp;
}

export interface TotpCredentialTable {
  user_id: string;
  /** The shared TOTP key, hex. */
  secret: string;
  /** The last 30-second step accepted, so no code works twice. */
  last_step: number | null;
  confirmed_at: Timestamp | null;
  created_at: Timestamp;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  /** SHA-256 of the code, hex. */
  code_hash: string;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

/** A sign-in past its first factor, waiting for the second. */
export interface SignInChallengeTable {
  /** SHA-256 of the cookie token, hex. */
  id: string;
  user_id: string;
  provider: string | null;
  id_token: string | null;
  redirect_to: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface OidcTransactionTable {
  /** SHA-256 of the cookie token, hex. */
  id: string;
  provider: string;
  state: string;
  nonce: string;
  code_verifier: string;
  redirect_to: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export type Partnership = Selectable<PartnershipTable>;
export type Organisation = Selectable<OrganisationTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type RoleGrant = Selectable<RoleGrantTable>;
export type Session = Selectable<SessionTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type Plan = Selectable<PlanTable>;
export type Person = Selectable<PersonTable>;
export type Consent = Selectable<ConsentTable>;

// Plan meetings (issue 5).
export const MEETING_STATUSES = ["scheduled", "held", "cancelled"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
/** Summons ("kallelse") to parties obliged to attend; invitation ("inbjudan") to others. */
export const INVITATION_KINDS = ["summons", "invitation"] as const;
export type InvitationKind = (typeof INVITATION_KINDS)[number];
export const INVITEE_PARTIES = ["staff", "person", "relative"] as const;
export type InviteeParty = (typeof INVITEE_PARTIES)[number];
/** Participants without an account: the person's relative, a god man, an interpreter, another professional. */
export const EXTERNAL_ROLES = ["relative", "trustee", "interpreter", "professional", "other"] as const;
export type ExternalRole = (typeof EXTERNAL_ROLES)[number];
export const RESPONSES = ["pending", "accepted", "declined"] as const;
export type MeetingResponse = (typeof RESPONSES)[number];

export interface MeetingTable {
  id: string;
  plan_id: string;
  organiser_id: string;
  /** UTC; entered and shown in Europe/Stockholm. */
  starts_at: Timestamp;
  duration_minutes: number;
  place: string | null;
  video_link: string | null;
  purpose: string;
  agenda: Generated<string>;
  status: MeetingStatus;
  /** iCalendar SEQUENCE: raised on every reschedule and on cancellation. */
  sequence: Generated<number>;
  /** When the summons went out (figures: days from summons to meeting). */
  summons_sent_at: Timestamp;
  /** When the meeting was held (its start), set when it is recorded. */
  held_at: Timestamp | null;
  minutes: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingInviteeTable {
  id: string;
  meeting_id: string;
  party: InviteeParty;
  kind: InvitationKind;
  /** Staff only. */
  user_id: string | null;
  organisation_id: string | null;
  /** Kept as it was at the meeting, for attendance by organisation kind. */
  organisation_kind: OrganisationKind | null;
  /** Party "relative": anyone invited without an account; their name and how to reach them. */
  relative_name: string | null;
  relative_contact: string | null;
  /** Which kind of participant without an account (migration 0028); null on older rows, all relatives. */
  external_role: Generated<ExternalRole | null>;
  response: Generated<MeetingResponse>;
  response_reason: string | null;
  responded_at: Timestamp | null;
  /** The invitee who came instead, when this one declined and named a replacement. */
  replaced_by: string | null;
  /** 0/1 once the meeting is recorded; null before. */
  attended: Bool | null;
  created_at: Timestamp;
}

export interface MeetingDecisionTable {
  id: string;
  meeting_id: string;
  text: string;
  /** The plan action the decision became, if it did. */
  action_id: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  /** An in-app path with random ids only, never personal data. */
  link: string;
  /** The plan the notification is about, so lists can apply the access rule. */
  plan_id: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
  /** What it is about, de-identified: a case number, a plan kind, a meeting date. */
  subject_type: "deviation" | "plan" | "meeting" | null;
  subject_ref: string | null;
  /** The date that matters: an answer-by date, a follow-up date, a meeting day. */
  due_on: DateOnly | null;
  /** When it went out by e-mail, or was found not wanted by e-mail. */
  mailed_at: Timestamp | null;
}

export interface ScheduledJobTable {
  name: string;
  next_run_at: Timestamp;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  last_run_at: Timestamp | null;
  last_error: string | null;
  failures: Generated<number>;
}

export interface ReminderSentTable {
  user_id: string;
  kind: string;
  item_id: string;
  /** Which reminder of the item: "ahead", "passed", or the date it was about. */
  occasion: string;
  sent_at: Timestamp;
}

export interface NotificationMailChoiceTable {
  user_id: string;
  /** A notification kind, or "digest" for the daily digest. */
  kind: string;
}

/** E-mail kept when no SMTP server is configured (or sending failed), visible to admins. */
export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  /** The iCalendar attachment, if any. */
  ics: string | null;
  ics_method: string | null;
  delivery: "outbox" | "smtp_failed";
  /** 1 when the body carries a sign-in or password link: admins see the message without it. */
  hide_body: Generated<Bool>;
  created_at: Timestamp;
}

export type Meeting = Selectable<MeetingTable>;
export type MeetingInvitee = Selectable<MeetingInviteeTable>;

/** An organisation's own retention rules, where it changed the defaults for its kind (migration 0015). */
export interface RetentionSettingsTable {
  organisation_id: string;
  /** A closed plan is due this many years after its last entry. */
  plan_years: number;
  /** Persons born on day 5, 15 or 25 are kept (the social services' research exception). */
  research_exception: Bool;
  /** Audit events of the organisation are kept this many years. */
  audit_years: number;
  /** The register extract names the staff who read the records (otherwise the organisation only). */
  extract_staff_names: Generated<Bool>;
  updated_at: Timestamp;
}

/** How many days data not tied to a plan is kept: login_attempts, ended_sessions, outbox, read_notifications. */
export interface RetentionPeriodTable {
  name: string;
  days: number;
}

/** Where old audit segments were removed: at a checkpoint kept outside the database (migration 0015). */
export interface AuditPruneTable {
  /** Every event up to and including this seq is gone; verification starts after it. */
  seq: number;
  hash: string;
  mac: string;
  /** When the covering checkpoint was taken. */
  checkpoint_at: Timestamp;
  pruned_at: Timestamp;
}
