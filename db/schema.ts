import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

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

export const ROLES = ["caseworker", "coordinator", "contact", "steering", "auditor", "admin"] as const;
export type Role = (typeof ROLES)[number];
/** Roles held per partnership (DESIGN.md "Roles", marked (P)). */
export const PARTNERSHIP_ROLES: readonly Role[] = ["coordinator", "steering"];

export interface PartnershipTable {
  id: string;
  name: string;
  /** Answer-by default for routed deviations, in days. */
  answer_days: Generated<number>;
  /** Small-number suppression threshold k for summaries. */
  suppression_k: Generated<number>;
  /** An action overdue by more than this many days suggests a deviation. */
  overdue_action_days: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganisationTable {
  id: string;
  name: string;
  kind: OrganisationKind;
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
  disabled_at: Timestamp | null;
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
}

export interface LoginAttemptTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: Bool;
  created_at: Timestamp;
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
}

export interface Database {
  partnerships: PartnershipTable;
  organisations: OrganisationTable;
  organisation_partnerships: OrganisationPartnershipTable;
  users: UserTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_events: AuditEventTable;
}

export type Partnership = Selectable<PartnershipTable>;
export type Organisation = Selectable<OrganisationTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type RoleGrant = Selectable<RoleGrantTable>;
export type Session = Selectable<SessionTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type AnyColumn = ColumnType<unknown>;
