// Retention of data not tied to a plan: login attempts and their addresses, ended sessions,
// outbox mail and read notifications, each kept for its own period (retention_periods).
import type { DB } from "#db/client.server";
import type { PeriodName } from "./rules";
import { retentionPeriods } from "./settings.server";

function cutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/** The delete for each kind of data, older than its period on `now`. */
function deletions(db: DB, periods: Record<PeriodName, number>, now: Date) {
  return {
    login_attempts: db.deleteFrom("login_attempts").where("created_at", "<", cutoff(now, periods.login_attempts)),
    // A session has ended once its idle or its absolute expiry passed.
    ended_sessions: db
      .deleteFrom("sessions")
      .where((eb) =>
        eb.or([
          eb("expires_at", "<", cutoff(now, periods.ended_sessions)),
          eb("absolute_expires_at", "<", cutoff(now, periods.ended_sessions)),
        ]),
      ),
    outbox: db.deleteFrom("outbox").where("created_at", "<", cutoff(now, periods.outbox)),
    read_notifications: db
      .deleteFrom("notifications")
      .where("read_at", "is not", null)
      .where("read_at", "<", cutoff(now, periods.read_notifications)),
  } satisfies Record<PeriodName, unknown>;
}

/** How many rows of each kind are past their period (the dry run). */
export async function dueData(db: DB, now = new Date()): Promise<Record<PeriodName, number>> {
  const periods = await retentionPeriods(db);
  const c = (n: { n: number | string | bigint } | undefined) => Number(n?.n ?? 0);
  const count = db.fn.countAll<number>().as("n");
  const [loginAttempts, sessions, outbox, notifications] = await Promise.all([
    db
      .selectFrom("login_attempts")
      .select(count)
      .where("created_at", "<", cutoff(now, periods.login_attempts))
      .executeTakeFirst(),
    db
      .selectFrom("sessions")
      .select(count)
      .where((eb) =>
        eb.or([
          eb("expires_at", "<", cutoff(now, periods.ended_sessions)),
          eb("absolute_expires_at", "<", cutoff(now, periods.ended_sessions)),
        ]),
      )
      .executeTakeFirst(),
    db.selectFrom("outbox").select(count).where("created_at", "<", cutoff(now, periods.outbox)).executeTakeFirst(),
    db
      .selectFrom("notifications")
      .select(count)
      .where("read_at", "is not", null)
      .where("read_at", "<", cutoff(now, periods.read_notifications))
      .executeTakeFirst(),
  ]);
  return {
    login_attempts: c(loginAttempts),
    ended_sessions: c(sessions),
    outbox: c(outbox),
    read_notifications: c(notifications),
  };
}

/** Deletes what is past its period, in the caller's transaction; returns how many rows of each. */
export async function purgeData(trx: DB, now = new Date()): Promise<Record<PeriodName, number>> {
  const periods = await retentionPeriods(trx);
  const result = {} as Record<PeriodName, number>;
  for (const [name, query] of Object.entries(deletions(trx, periods, now))) {
    const r = await query.executeTakeFirst();
    result[name as PeriodName] = Number(r.numDeletedRows);
  }
  return result;
}
