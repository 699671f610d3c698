// What the caseworker's start page shows about meetings: my upcoming meetings, summonses I
// have not answered, new notifications, and deviations the lead user might want to report.
// Everything goes through the access rule's list fragment.
import type { DB } from "#db/client.server";
import { fromBool } from "#db/portable";
import type { PlanKind } from "#db/schema";
import { planAccessFilter, type AccessUser } from "~/features/access/access.server";
import { toMeetingGlance, toStartMeeting } from "./meeting-mapping.server";
import { unreadNotifications } from "~/features/notifications/notifications.server";
import { addDays, daysBetween, todayInStockholm } from "~/lib/time";
import { utcToStockholm } from "./meeting-time";

export async function meetingsStart(db: DB, user: AccessUser, now = new Date()) {
  const today = todayInStockholm(now);
  const rows = await db
    .selectFrom("meeting_invitees")
    .innerJoin("meetings", "meetings.id", "meeting_invitees.meeting_id")
    .innerJoin("plans", "plans.id", "meetings.plan_id")
    .innerJoin("persons", "persons.id", "plans.person_id")
    .select([
      "meetings.id",
      "meetings.starts_at",
      "meetings.duration_minutes",
      "meeting_invitees.kind",
      "meeting_invitees.response",
      "meetings.organiser_id",
      "plans.kind as plan_kind",
      "persons.name as person_name",
    ])
    .where(planAccessFilter(user, today))
    .where("meeting_invitees.user_id", "=", user.id)
    .where("meeting_invitees.party", "=", "staff")
    .where("meeting_invitees.replaced_by", "is", null)
    .where("meetings.status", "=", "scheduled")
    .where("meetings.starts_at", ">=", now.toISOString())
    .orderBy("meetings.starts_at")
    .limit(50)
    .execute();
  return {
    upcomingMeetings: rows.filter((r) => r.response !== "declined").map(toStartMeeting),
    unanswered: rows.filter((r) => r.response === "pending" && r.organiser_id !== user.id).map(toStartMeeting),
    notifications: await notificationsWithMeetings(db, user, today),
    suggestions: await deviationSuggestions(db, user, now),
  };
}

/** Unread notifications, the newest per link, each with the meeting it points to. */
async function notificationsWithMeetings(db: DB, user: AccessUser, today: string) {
  const seen = new Set<string>();
  const notifications = (await unreadNotifications(db, user, today)).filter(
    (n) => !seen.has(n.link) && seen.add(n.link),
  );
  const ids = notifications
    .map((n) => /^\/meetings\/([a-z0-9]+)$/.exec(n.link)?.[1])
    .filter((id): id is string => Boolean(id));
  const meetings = ids.length
    ? await db
        .selectFrom("meetings")
        .innerJoin("plans", "plans.id", "meetings.plan_id")
        .innerJoin("persons", "persons.id", "plans.person_id")
        .select([
          "meetings.id",
          "meetings.starts_at",
          "meetings.duration_minutes",
          "plans.kind as plan_kind",
          "persons.name as person_name",
        ])
        .where("meetings.id", "in", ids)
        .where(planAccessFilter(user, today))
        .execute()
    : [];
  return notifications.map((n) => {
    const meeting = meetings.find((m) => n.link === `/meetings/${m.id}`);
    return { ...n, meeting: meeting ? toMeetingGlance(meeting) : null };
  });
}

export interface DeviationSuggestion {
  key: string;
  kind: "meeting_absence" | "overdue_action";
  planId: string;
  planKind: PlanKind;
  personName: string;
  /** Link to the deviation form: ids only, never personal data. */
  href: string;
  /** A prefilled, de-identified text: translation key and values. */
  text: {
    key: "meetings.suggestions.declined" | "meetings.suggestions.absent" | "meetings.suggestions.overdueAction";
    values: Record<string, string | number>;
  };
}

const RECENT_DAYS = 90;

/**
 * Suggestions for the plan's lead user, never filed automatically (DESIGN.md "Plan meetings"):
 * a summoned organisation that declined without a replacement or did not attend, and actions
 * overdue by more than the partnership's overdue_action_days.
 */
export async function deviationSuggestions(db: DB, user: AccessUser, now = new Date()): Promise<DeviationSuggestion[]> {
  const today = todayInStockholm(now);
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const invitees = await db
    .selectFrom("meeting_invitees")
    .innerJoin("meetings", "meetings.id", "meeting_invitees.meeting_id")
    .innerJoin("plans", "plans.id", "meetings.plan_id")
    .innerJoin("persons", "persons.id", "plans.person_id")
    .leftJoin("organisations", "organisations.id", "meeting_invitees.organisation_id")
    .select([
      "meetings.id as meeting_id",
      "meetings.starts_at",
      "meetings.status",
      "plans.id as plan_id",
      "plans.kind as plan_kind",
      "persons.name as person_name",
      "meeting_invitees.kind",
      "meeting_invitees.organisation_id",
      "organisations.name as organisation_name",
      "meeting_invitees.response",
      "meeting_invitees.replaced_by",
      "meeting_invitees.attended",
    ])
    .where(planAccessFilter(user, today))
    .where("plans.lead_user_id", "=", user.id)
    .where("plans.status", "!=", "closed")
    .where("meetings.status", "!=", "cancelled")
    .where("meetings.starts_at", ">=", since)
    .where("meeting_invitees.party", "=", "staff")
    .orderBy("meetings.starts_at", "desc")
    .execute();

  const suggestions: DeviationSuggestion[] = [];
  const byMeetingOrg = new Map<string, typeof invitees>();
  for (const row of invitees) {
    const key = `${row.meeting_id}:${row.organisation_id}`;
    byMeetingOrg.set(key, [...(byMeetingOrg.get(key) ?? []), row]);
  }
  for (const [key, rows] of byMeetingOrg) {
    if (!rows.some((r) => r.kind === "summons")) continue;
    const first = rows[0];
    const held = first.status === "held";
    // The organisation took part if anyone from it attended (held) or has accepted (not yet held).
    const present = rows.some((r) => (held ? fromBool(r.attended) : r.response === "accepted"));
    if (present) continue;
    const declinedWithoutReplacement = rows.some(
      (r) => r.kind === "summons" && r.response === "declined" && !r.replaced_by,
    );
    const absent = held && rows.some((r) => r.kind === "summons");
    if (!declinedWithoutReplacement && !absent) continue;
    const date = utcToStockholm(first.starts_at).date;
    suggestions.push({
      key,
      kind: "meeting_absence",
      planId: first.plan_id,
      planKind: first.plan_kind,
      personName: first.person_name,
      href: `/deviations/new?${new URLSearchParams({ suggestion: "meeting_absence", planId: first.plan_id, meetingId: first.meeting_id, organisationId: first.organisation_id ?? "" })}`,
      text: {
        key: absent ? "meetings.suggestions.absent" : "meetings.suggestions.declined",
        values: { organisation: first.organisation_name ?? "", kind: first.plan_kind, date },
      },
    });
  }

  // A plan's partnership is one its lead organisation belongs to; with several, the strictest limit counts.
  const limit = await db
    .selectFrom("organisation_partnerships")
    .innerJoin("partnerships", "partnerships.id", "organisation_partnerships.partnership_id")
    .select((eb) => eb.fn.min<number>("partnerships.overdue_action_days").as("days"))
    .where("organisation_partnerships.organisation_id", "=", user.organisationId)
    .executeTakeFirst();
  const days = limit?.days == null ? 14 : Number(limit.days);
  const overdue = await db
    .selectFrom("plan_actions")
    .innerJoin("plans", "plans.id", "plan_actions.plan_id")
    .innerJoin("persons", "persons.id", "plans.person_id")
    .innerJoin("organisations", "organisations.id", "plan_actions.responsible_organisation_id")
    .select([
      "plan_actions.id",
      "plan_actions.due_date",
      "plans.id as plan_id",
      "plans.kind as plan_kind",
      "persons.name as person_name",
      "organisations.id as organisation_id",
      "organisations.name as organisation_name",
    ])
    .where(planAccessFilter(user, today))
    .where("plans.lead_user_id", "=", user.id)
    .where("plans.lead_organisation_id", "=", user.organisationId)
    .where("plans.status", "!=", "closed")
    .where("plan_actions.status", "in", ["planned", "ongoing"])
    .where("plan_actions.due_date", "<", addDays(today, -days))
    .orderBy("plan_actions.due_date")
    .limit(50)
    .execute();
  for (const a of overdue) {
    suggestions.push({
      key: a.id,
      kind: "overdue_action",
      planId: a.plan_id,
      planKind: a.plan_kind,
      personName: a.person_name,
      href: `/deviations/new?${new URLSearchParams({ suggestion: "overdue_action", planId: a.plan_id, actionId: a.id, organisationId: a.organisation_id })}`,
      text: {
        key: "meetings.suggestions.overdueAction",
        values: {
          organisation: a.organisation_name,
          kind: a.plan_kind,
          days: daysBetween(a.due_date!, today),
          date: a.due_date!,
        },
      },
    });
  }
  return suggestions;
}
