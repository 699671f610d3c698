// What the caseworker's start page shows about meetings: my upcoming meetings, summonses I
// have not answered, new notifications, and deviations the lead user might want to report.
// Everything goes through the access rule's list fragment.
import type { DB } from "#db/client.server";
import { planAccessFilter, type AccessUser } from "~/features/access/access.server";
import { toMeetingGlance, toStartMeeting } from "./meeting-mapping.server";
import { unreadNotifications } from "~/features/notifications/notifications.server";
import { deviationSuggestions } from "~/features/deviations/suggestions.server";
import { todayInStockholm } from "~/lib/time";

export async function meetingsStart(db: DB, user: AccessUser, now = new Date()) {
  const today = todayInStockholm(now);
  const rows = await db
    .selectFrom("meeting_invitees")
    .innerJoin("meetings", "meetings.id", "meeting_invitees.meeting_id")
    .innerJoin("plans", "plans.id", "meetings.plan_id")
    .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
    .select([
      "meetings.id",
      "meetings.starts_at",
      "meetings.duration_minutes",
      "meeting_invitees.kind",
      "meeting_invitees.response",
      "meetings.organiser_id",
      "plans.kind as plan_kind",
      "person.name as person_name",
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
        .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
        .select([
          "meetings.id",
          "meetings.starts_at",
          "meetings.duration_minutes",
          "plans.kind as plan_kind",
          "person.name as person_name",
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
