// In-app notifications: a kind (shown as translated text), a link with random ids only, and
// the plan it concerns, if any, so that every list applies the access rule: a notification
// about a plan the user may no longer see is not shown. Each user reads and marks only their own.
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import { planAccessFilter, type AccessUser } from "~/features/access/access.server";
import { todayInStockholm } from "~/lib/time";
import type { NotificationKind } from "./notification-kinds";

/**
 * What a notification is about, never naming a person: a case number, a plan's kind, a meeting;
 * and the date that matters (answer by, follow up by, meeting day).
 */
export interface NotificationSubject {
  type: "deviation" | "plan" | "meeting";
  ref: string | null;
  dueOn: string | null;
}

export interface Notification {
  id: string;
  kind: string;
  /** An in-app path with random ids only. */
  link: string;
  subject: NotificationSubject | null;
  createdAt: string;
  readAt: string | null;
}

const columns = [
  "notifications.id",
  "notifications.kind",
  "notifications.link",
  "notifications.subject_type",
  "notifications.subject_ref",
  "notifications.due_on",
  "notifications.created_at",
  "notifications.read_at",
] as const;

function toNotification(r: {
  id: string;
  kind: string;
  link: string;
  subject_type: NotificationSubject["type"] | null;
  subject_ref: string | null;
  due_on: string | null;
  created_at: string;
  read_at: string | null;
}): Notification {
  return {
    id: r.id,
    kind: r.kind,
    link: r.link,
    subject: r.subject_type ? { type: r.subject_type, ref: r.subject_ref, dueOn: r.due_on } : null,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

/**
 * What a link points at, for notifications whose caller named no subject: the case's number and
 * answer-by date, the plan's kind and next follow-up, the meeting's day. Never a name.
 */
async function subjectOfLink(db: DB, link: string): Promise<NotificationSubject | null> {
  const [, type, id] = /^\/(deviations|plans|meetings)\/([^/?#]+)/.exec(link) ?? [];
  if (type === "deviations") {
    const d = await db.selectFrom("deviations").select(["number", "answer_by"]).where("id", "=", id).executeTakeFirst();
    return d ? { type: "deviation", ref: String(d.number), dueOn: d.answer_by } : null;
  }
  if (type === "plans") {
    const p = await db.selectFrom("plans").select(["kind", "next_follow_up"]).where("id", "=", id).executeTakeFirst();
    return p ? { type: "plan", ref: p.kind, dueOn: p.next_follow_up } : null;
  }
  if (type === "meetings") {
    const m = await db.selectFrom("meetings").select("starts_at").where("id", "=", id).executeTakeFirst();
    return m ? { type: "meeting", ref: null, dueOn: todayInStockholm(new Date(m.starts_at)) } : null;
  }
  return null;
}

export async function notify(
  db: DB,
  input: {
    userIds: Iterable<string>;
    kind: NotificationKind;
    link: string;
    planId?: string | null;
    subject?: NotificationSubject;
    now?: Date;
  },
): Promise<void> {
  const unique = [...new Set(input.userIds)];
  if (unique.length === 0) return;
  const now = nowIso(input.now);
  const subject = input.subject ?? (await subjectOfLink(db, input.link));
  await db
    .insertInto("notifications")
    .values(
      unique.map((user_id) => ({
        id: newId(),
        user_id,
        kind: input.kind,
        link: input.link,
        plan_id: input.planId ?? null,
        subject_type: subject?.type ?? null,
        subject_ref: subject?.ref ?? null,
        due_on: subject?.dueOn ?? null,
        created_at: now,
        read_at: null,
        mailed_at: null,
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
    .select(columns)
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
    .select(columns)
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

/** Marks one of the user's own notifications read; another user's id changes nothing. */
export async function markOneRead(db: DB, user: AccessUser, id: string, now = new Date()): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ read_at: nowIso(now) })
    .where("user_id", "=", user.id)
    .where("id", "=", id)
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
