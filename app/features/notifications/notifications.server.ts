// In-app notifications. A notification holds a kind and a link of random ids, never personal data.
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";

export async function notify(db: DB, userIds: Iterable<string>, kind: string, link: string): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const now = nowIso();
  await db
    .insertInto("notifications")
    .values(unique.map((user_id) => ({ id: newId(), user_id, kind, link, created_at: now, read_at: null })))
    .execute();
}

export async function unreadCount(db: DB, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listNotifications(db: DB, userId: string, limit = 50) {
  return db
    .selectFrom("notifications")
    .select(["id", "kind", "link", "created_at", "read_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

export async function markAllRead(db: DB, userId: string): Promise<void> {
  await db.updateTable("notifications").set({ read_at: nowIso() }).where("user_id", "=", userId).where("read_at", "is", null).execute();
}
