// Who may see a meeting and take which step on it. A meeting is visible exactly when its plan
// is (the one access rule in ~/features/access); within it, only the convener and the plan's
// lead user manage it. Every command and page query starts with meetingAccessFor().
import type { DB } from "#db/client.server";
import { planAccessFor, type AccessUser, type PlanAccess } from "~/features/access/access.server";
import { actorOf } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { fail, type Failure } from "~/lib/result";
import { todayInStockholm } from "~/lib/time";
import { toMeeting } from "./meeting-mapping.server";
import { utcToStockholm } from "./meeting-time";
import type { Meeting } from "./meeting-types";

export const meetingPath = (meetingId: string) => `/meetings/${meetingId}`;

/** "2026-03-12 10:00" in Stockholm, for the plan's history. */
export const localTime = (iso: string) => Object.values(utcToStockholm(iso)).join(" ");

export async function loadMeeting(db: DB, planId: string, meetingId: string): Promise<Meeting | undefined> {
  const row = await db
    .selectFrom("meetings")
    .innerJoin("plans", "plans.id", "meetings.plan_id")
    .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
    .innerJoin("users as organiser", "organiser.id", "meetings.organiser_id")
    .innerJoin("organisations as organiser_org", "organiser_org.id", "organiser.organisation_id")
    .select([
      "meetings.id",
      "meetings.plan_id",
      "meetings.organiser_id",
      "meetings.starts_at",
      "meetings.duration_minutes",
      "meetings.place",
      "meetings.video_link",
      "meetings.purpose",
      "meetings.agenda",
      "meetings.status",
      "meetings.sequence",
      "meetings.summons_sent_at",
      "meetings.minutes",
      "meetings.recorded_by",
      "meetings.recorded_at",
      "meetings.cancelled_at",
      "meetings.cancel_reason",
      "plans.kind as plan_kind",
      "plans.status as plan_status",
      "plans.lead_user_id",
      "person.name as person_name",
      "organiser.name as organiser_name",
      "organiser.email as organiser_email",
      "organiser.phone as organiser_phone",
      "organiser_org.name as organiser_organisation_name",
    ])
    .where("meetings.id", "=", meetingId)
    .where("meetings.plan_id", "=", planId)
    .executeTakeFirst();
  return row ? toMeeting(row) : undefined;
}

export interface MeetingAccess {
  access: PlanAccess;
  meeting: Meeting;
}

/**
 * The guard: the meeting's plan under the access rule. Returns null (not_found at the edge, 404)
 * both for a meeting that does not exist and for one the user may not see; the denial is audited
 * by the access rule. Commands call it inside their transaction.
 */
export async function meetingAccessFor(
  db: DB,
  user: AccessUser,
  meetingId: string,
  action: string,
  today = todayInStockholm(),
): Promise<MeetingAccess | null> {
  const row = await db.selectFrom("meetings").select("plan_id").where("id", "=", meetingId).executeTakeFirst();
  const access = await planAccessFor(db, user, row?.plan_id ?? "", action, { today });
  if (!access) return null;
  const meeting = await loadMeeting(db, access.planId, meetingId);
  return meeting ? { access, meeting } : null;
}

export function auditMeeting(
  db: DB,
  user: AccessUser,
  access: PlanAccess,
  action: string,
  recordId: string,
  extra: { outcome?: "allowed" | "denied"; details?: Record<string, unknown>; recordType?: string } = {},
) {
  return audit(db, {
    actor: actorOf(user),
    action,
    recordType: extra.recordType ?? "meeting",
    recordId,
    planId: access.planId,
    personId: access.personId,
    outcome: extra.outcome,
    details: extra.details,
  });
}

/** A step the user may not take on a meeting they can see: refused like any denial, and audited. */
export async function refuse<E extends string>(
  db: DB,
  user: AccessUser,
  access: PlanAccess,
  action: string,
  meetingId: string,
  error: E,
): Promise<Failure<E>> {
  await auditMeeting(db, user, access, action, meetingId, { outcome: "denied" });
  return fail(error);
}

/** not_allowed: the user may see the meeting but not manage it (the edge answers 404 all the same). */
export type ManageFailure = "not_allowed" | "not_scheduled";

/** The convener and the plan's lead user move, cancel and record a meeting and note its decisions. */
export function canManage(user: Pick<AccessUser, "id">, meeting: Pick<Meeting, "organiserId" | "leadUserId">) {
  return user.id === meeting.organiserId || user.id === meeting.leadUserId;
}

/** The meeting's Stockholm calendar day has come (it may be recorded, decisions may be noted). */
export function hasBegun(startsAt: string, today: string) {
  return utcToStockholm(startsAt).date <= today;
}
