import type { DB } from "#db/client.server";
import { newId, nowIso, toJson } from "#db/portable";

/** One entry in a plan's history: who changed what, with the values before and after. */
export async function recordHistory(
  trx: DB,
  entry: {
    planId: string;
    userId: string;
    change: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
  },
): Promise<void> {
  await trx
    .insertInto("plan_history")
    .values({
      id: newId(),
      plan_id: entry.planId,
      user_id: entry.userId,
      occurred_at: nowIso(),
      change: entry.change,
      before: entry.before ? toJson(entry.before) : null,
      after: entry.after ? toJson(entry.after) : null,
    })
    .execute();
}

/** Only the fields whose values differ, before and after. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const changed = Object.keys(after).filter((k) => (before[k] ?? null) !== (after[k] ?? null));
  return {
    changed,
    before: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])),
    after: Object.fromEntries(changed.map((k) => [k, after[k] ?? null])),
  };
}
