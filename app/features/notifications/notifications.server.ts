// In-app notifications: a kind (shown as translated text), a link with random ids only, and
// the plan it concerns, if any, so that every list applies the access rule: a notification
// about a plan the user may no longer see is not shown. Each user reads and marks only their own.
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import { planAccessFilter, type AccessUser } from "~/features/access/access.server";
import { todayInStockholm } from "~/lib/time";
import type { NotificationKind } from "./notification-kinds";

export interface Notification {
  id: string;
  kind: string;
  /** An in-app path with random ids only. */
  link: string;
  createdAt: string;
  readAt: string | null;
}

function toNotification(r: { id: string; kind: string; link: string; created_at: string; read_at?: string | null }) {
  return { id: r.id, kind: r.kind, link: r.link, createdAt: r.created_at, readAt: r.read_at ?? null };
}

export async function notify(
  db: DB,
  input: { userIds: Iterable<string>; kind: NotificationKind; link: string; planId?: string | null },
): Promise<void> {
  const unique = [...new Set(input.userIds)];
  if (unique.length === 0) return;
  const now = nowIso();
  await db
    .insertInto("notifications")
    .values(
      unique.map((user_id) => ({
        id: newId(),
        user_id,
        kind: input.kind,
        link: input.link,
        plan_id: input.planId ?? null,
        created_at: now,
        read_at: null,
      })),
    )
    .execute();
}

function visibleTo(db: DB, user: AccessUser, today: string) {
  return db
    .selectFrom("notifications")
    .where("notifications.user_id", "=", user.id)
    .where((eb) =>
      eb.or([
        eb("notifications.plan_id", "is", null),
        eb(
          "notifications.plan_id",
          "in",
          eb.selectFrom("plans").select("plans.id").where(planAccessFilter(user, today)),
        ),
      ]),
    );
}

/** Unread notifications about plans the user may still see (or about no plan at all). */
export async function unreadNotifications(
  db: DB,
  user: AccessUser,
  today = todayInStockholm(),
  limit = 20,
): Promise<Notification[]> {
  const rows = await visibleTo(db, user, today)
    .select(["notifications.id", "notifications.kind", "notifications.link", "notifications.created_at"])
    .where("notifications.read_at", "is", null)
    .orderBy("notifications.created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(toNotification);
}

export async function unreadCount(db: DB, user: AccessUser, today = todayInStockholm()): Promise<number> {
  const row = await visibleTo(db, user, today)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("notifications.read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The notifications page: the newest first, read or not. */
export async function listNotifications(
  db: DB,
  user: AccessUser,
  today = todayInStockholm(),
  limit = 50,
): Promise<Notification[]> {
  const rows = await visibleTo(db, user, today)
    .select([
      "notifications.id",
      "notifications.kind",
      "notifications.link",
      "notifications.created_at",
      "notifications.read_at",
    ])
    .orderBy("notifications.created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(toNotification);
}

/** Opening the page a notification points to reads it. */
export async function markRead(db: DB, user: AccessUser, link: string, now = new Date()): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ read_at: nowIso(now) })
    .where("user_id", "=", user.id)
    .where("link", "=", link)
    .where("read_at", "is", null)
    .execute();
}

export async function markAllRead(db: DB, user: AccessUser): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ read_at: nowIso() })
    .where("user_id", "=", user.id)
    .where("read_at", "is", null)
    .execute();
}
