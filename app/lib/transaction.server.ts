import type { DB } from "#db/client.server";

/**
 * Runs `fn` in a transaction of its own, or in the caller's when it is given one, so that a
 * feature command can be composed into another command's transaction (executor first).
 */
export function inTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
