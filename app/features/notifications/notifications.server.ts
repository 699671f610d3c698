// In-app notifications: a kind (shown as translated text), a link with random ids only,
// and the plan it concerns so that lists apply the access rule.
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import { planAccessFilter, type AccessUser } from "~/features/access/access.server";
import { todayInStockholm } from "~/lib/time";

export const NOTIFICATION_KINDS = [
  "meeting.summons",
  "meeting.invitation",
  "meeting.rescheduled",
  "meeting.cancelled",
  "meeting.declined",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export async function notify(
  db: DB,
  input: { userIds: string[]; kind: NotificationKind; link: string; planId: string | null },
): Promise<void> {
  if (input.userIds.length === 0) return;
  const now = nowIso();
  await db
    .insertInto("notifications")
    .values(
      [...new Set(input.userIds)].map((user_id) => ({
        id: newId(),
        user_id,
        kind: input.kind,
        link: input.link,
        plan_id: input.planId,
        created_at: now,
        read_at: null,
      })),
    )
    .execute();
}

/** Unread notifications about plans the user may still see (or about no plan at all). */
export async function unreadNotifications(db: DB, user: AccessUser, today = todayInStockholm(), limit = 20) {
  return db
    .selectFrom("notifications")
    .select(["notifications.id", "notifications.kind", "notifications.link", "notifications.created_at"])
    .where("notifications.user_id", "=", user.id)
    .where("notifications.read_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("notifications.plan_id", "is", null),
        eb(
          "notifications.plan_id",
          "in",
          eb.selectFrom("plans").select("plans.id").where(planAccessFilter(user, today)),
        ),
      ]),
    )
    .orderBy("notifications.created_at", "desc")
    .limit(limit)
    .execute();
}

/** Opening the page a notification points to reads it. */
export async function markRead(db: DB, userId: string, link: string): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ read_at: nowIso() })
    .where("user_id", "=", userId)
    .where("link", "=", link)
    .where("read_at", "is", null)
    .execute();
}
