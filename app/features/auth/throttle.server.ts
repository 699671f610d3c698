// Login throttling (docs/decisions/0011-login-throttling.md). Three limits, all kept in the
// database so several app instances share them:
//   - per account: a few free failures, then a doubling wait before the next password is even
//     checked (from any address);
//   - per client address: a cap on failures in a window, across accounts;
//   - per browser: a device cookie that has failed a few times in a row stops counting as trusted.
// A browser with a trusted device cookie for the account skips the first two, so the account
// holder is never locked out by someone else's guessing.
import { createHash } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import type { DB } from "#db/client.server";
import { fromBool, nowIso, toBool } from "#db/portable";

/** Failures per account before any wait. */
export const ACCOUNT_FREE_FAILURES = 5;
export const MAX_ACCOUNT_DELAY_MS = 15 * 60 * 1000;
/** A run of failures is forgotten a day after its last attempt. */
export const ACCOUNT_MEMORY_MS = 24 * 60 * 60 * 1000;
/** Failures from one address (across accounts) within the window before it must wait. */
export const ADDRESS_MAX_FAILURES = 50;
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
/** Failures in a row from one device cookie, within the window, before it is no longer trusted. */
export const DEVICE_MAX_FAILURES = 5;
export const DEVICE_WINDOW_MS = 15 * 60 * 1000;

const EPOCH = "1970-01-01T00:00:00.000Z";
const iso = (ms: number) => nowIso(new Date(ms));

/** How long the account waits after its n-th failure in a row: 0, then 1 s, 2 s, 4 s … up to the cap. */
export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(1000 * 2 ** Math.min(failures - ACCOUNT_FREE_FAILURES, 30), MAX_ACCOUNT_DELAY_MS);
}

/** The account's key: the e-mail as typed (lower-cased), hashed, so unknown addresses are throttled alike. */
export function accountKey(email: string): string {
  return `account:${createHash("sha256").update(email).digest("hex")}`;
}

/** IPv4 as is; IPv6 by its /64, since one client commonly holds a whole /64. */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1])) return `address:${mapped[1]}`;
  if (!isIPv6(ip)) return `address:${ip}`;
  const [head, tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `address:${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

export type Claim = { ok: true } | { ok: false; retryAt: number };

async function ensureRow(db: DB, key: string, now: number) {
  await db
    .insertInto("login_throttle")
    .values({ key, failures: 0, window_started_at: iso(now), last_failure_at: EPOCH, next_attempt_at: EPOCH })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
}

/**
 * Claims one password check for the account, or says when the next one is allowed. The claim
 * counts the attempt as a failure in advance and sets the next allowed time in the same
 * conditional UPDATE, so concurrent guesses (also on other app instances) cannot share a slot;
 * a correct password then clears the account (resetAccount).
 */
export async function claimAccountAttempt(db: DB, key: string, now: number): Promise<Claim> {
  await ensureRow(db, key, now);
  await db
    .updateTable("login_throttle")
    .set({ failures: 0 })
    .where("key", "=", key)
    .where("last_failure_at", "<", iso(now - ACCOUNT_MEMORY_MS))
    .where("next_attempt_at", "<=", iso(now))
    .execute();
  const claimed = await db
    .updateTable("login_throttle")
    .set((eb) => {
      // The wait after this attempt if it fails, by the number of failures before it.
      let next = eb
        .case()
        .when("failures", "<", ACCOUNT_FREE_FAILURES - 1)
        .then(iso(now));
      for (let before = ACCOUNT_FREE_FAILURES - 1; accountDelayMs(before + 1) < MAX_ACCOUNT_DELAY_MS; before++) {
        next = next.when("failures", "=", before).then(iso(now + accountDelayMs(before + 1)));
      }
      return {
        failures: eb("failures", "+", 1),
        last_failure_at: iso(now),
        next_attempt_at: next.else(iso(now + MAX_ACCOUNT_DELAY_MS)).end(),
      };
    })
    .where("key", "=", key)
    .where("next_attempt_at", "<=", iso(now))
    .returning("failures")
    .executeTakeFirst();
  if (claimed) return { ok: true };
  const row = await db.selectFrom("login_throttle").select("next_attempt_at").where("key", "=", key).executeTakeFirst();
  return { ok: false, retryAt: new Date(row?.next_attempt_at ?? iso(now)).getTime() };
}

/** A correct password: the account's run of failures is over. */
export async function resetAccount(db: DB, key: string): Promise<void> {
  await db.deleteFrom("login_throttle").where("key", "=", key).execute();
}

/** Claims one guess for the address in its current window, or says when the window ends. */
export async function claimAddressAttempt(db: DB, key: string, now: number): Promise<Claim> {
  await ensureRow(db, key, now);
  const windowStart = iso(now - ADDRESS_WINDOW_MS);
  const claimed = await db
    .updateTable("login_throttle")
    .set((eb) => {
      const expired = eb("window_started_at", "<=", windowStart);
      return {
        failures: eb
          .case()
          .when(expired)
          .then(1)
          .else(eb("failures", "+", 1))
          .end(),
        window_started_at: eb.case().when(expired).then(iso(now)).else(eb.ref("window_started_at")).end(),
        last_failure_at: iso(now),
      };
    })
    .where("key", "=", key)
    .where((eb) => eb.or([eb("window_started_at", "<=", windowStart), eb("failures", "<", ADDRESS_MAX_FAILURES)]))
    .returning("failures")
    .executeTakeFirst();
  if (claimed) return { ok: true };
  const row = await db
    .selectFrom("login_throttle")
    .select("window_started_at")
    .where("key", "=", key)
    .executeTakeFirst();
  return { ok: false, retryAt: new Date(row?.window_started_at ?? iso(now)).getTime() + ADDRESS_WINDOW_MS };
}

/** Gives the address its claim back: the attempt was no guess (a correct password, or refused for the account). */
export async function releaseAddressAttempt(db: DB, key: string): Promise<void> {
  await db
    .updateTable("login_throttle")
    .set((eb) => ({ failures: eb("failures", "-", 1) }))
    .where("key", "=", key)
    .where("failures", ">", 0)
    .execute();
}

/** True when the device cookie's latest attempts, within the window, are that many failures in a row. */
export async function deviceIsLocked(db: DB, device: string, now: number): Promise<boolean> {
  const recent = await db
    .selectFrom("login_attempts")
    .select("succeeded")
    .where("device", "=", device)
    .where("created_at", ">=", iso(now - DEVICE_WINDOW_MS))
    .where("created_at", "<=", iso(now))
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(DEVICE_MAX_FAILURES)
    .execute();
  return recent.length === DEVICE_MAX_FAILURES && recent.every((r) => !fromBool(r.succeeded));
}

/** The record of a checked password (refused attempts are audited, not recorded here). */
export async function recordLoginAttempt(
  db: DB,
  attempt: { email: string; ip: string; succeeded: boolean; device: string | null },
  now: number,
): Promise<void> {
  await db
    .insertInto("login_attempts")
    .values({
      email: attempt.email,
      ip: attempt.ip,
      succeeded: toBool(attempt.succeeded),
      device: attempt.device,
      created_at: iso(now),
    })
    .execute();
}
