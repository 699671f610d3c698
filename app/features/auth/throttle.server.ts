// Sign-in throttling: 10 failures for one account within 15 minutes lock that
// account for 15 minutes (even with the right password); one address may fail
// 50 times in 15 minutes across all accounts.
import type { DB } from "#db/client.server";
import { fromBool, nowIso, toBool } from "#db/portable";

export const ACCOUNT_MAX_FAILURES = 10;
export const IP_MAX_FAILURES = 50;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

interface Attempt {
  succeeded: boolean;
  at: number;
}

/**
 * When the account is locked until, or null. Failures before the latest success do
 * not count. A lock starts at the failure that completes 10 within 15 minutes.
 */
export function accountLockedUntil(attempts: Attempt[], now: number): number | null {
  const sorted = [...attempts].sort((a, b) => a.at - b.at);
  const lastSuccess = sorted.findLastIndex((a) => a.succeeded);
  const failures = sorted.slice(lastSuccess + 1).map((a) => a.at);
  let until: number | null = null;
  for (let i = 0; i + ACCOUNT_MAX_FAILURES - 1 < failures.length; i++) {
    const last = failures[i + ACCOUNT_MAX_FAILURES - 1];
    if (last - failures[i] <= WINDOW_MS) until = Math.max(until ?? 0, last + LOCK_MS);
  }
  return until !== null && until > now ? until : null;
}

export async function isAccountLocked(db: DB, email: string, now = new Date()): Promise<boolean> {
  const since = nowIso(new Date(now.getTime() - WINDOW_MS - LOCK_MS));
  const rows = await db
    .selectFrom("login_attempts")
    .select(["succeeded", "created_at"])
    .where("email", "=", email)
    .where("created_at", ">=", since)
    .execute();
  const attempts = rows.map((r) => ({ succeeded: fromBool(r.succeeded), at: new Date(r.created_at).getTime() }));
  return accountLockedUntil(attempts, now.getTime()) !== null;
}

export async function isIpThrottled(db: DB, ip: string, now = new Date()): Promise<boolean> {
  const row = await db
    .selectFrom("login_attempts")
    .select((eb) => eb.fn.countAll<number>().as("failures"))
    .where("ip", "=", ip)
    .where("succeeded", "=", toBool(false))
    .where("created_at", ">=", nowIso(new Date(now.getTime() - WINDOW_MS)))
    .executeTakeFirstOrThrow();
  return Number(row.failures) >= IP_MAX_FAILURES;
}

export async function recordLoginAttempt(
  db: DB,
  attempt: { email: string; ip: string; succeeded: boolean },
  now = new Date(),
): Promise<void> {
  await db
    .insertInto("login_attempts")
    .values({ email: attempt.email, ip: attempt.ip, succeeded: toBool(attempt.succeeded), created_at: nowIso(now) })
    .execute();
}
