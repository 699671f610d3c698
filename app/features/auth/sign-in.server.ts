// Signing in with e-mail and password, throttled as docs/decisions/0011-login-throttling.md
// describes. Deliberately not one transaction: the throttle claims must be visible to other
// requests (and app instances) while the password is being checked, and a write lock must not
// be held during the deliberately slow password hash.
import type { DB } from "#db/client.server";
import { audit } from "~/features/audit/audit.server";
import { createChallenge } from "~/features/identity/challenge.server";
import { hasConfirmedTotp, secondFactorRequired } from "~/features/identity/totp.server";
import { fail, ok, type Failure, type Ok } from "~/lib/result";
import { issueDeviceToken, verifyDeviceToken } from "./device.server";
import { hashPassword, verifyPassword } from "./password.server";
import { createSession } from "./session.server";
import {
  accountKey,
  addressKey,
  claimAccountAttempt,
  claimAddressAttempt,
  deviceIsLocked,
  recordLoginAttempt,
  releaseAddressAttempt,
  resetAccount,
} from "./throttle.server";

export interface SignedIn {
  userId: string;
  /** The session token for the session cookie; null while a second factor is still due. */
  token: string | null;
  /**
   * When the account needs a second factor (docs/decisions/0019-e-legitimation-and-second-factor.md):
   * the pending sign-in's token for its cookie, and no session yet.
   */
  challenge: string | null;
  locale: string | null;
  /** The device token for this account, for the device cookie. */
  device: string;
}

export type SignInFailure = "invalid" | "throttled" | "ip_throttled";
export type SignInResult = Ok<SignedIn> | Failure<SignInFailure, { retryAfterSeconds: number }>;

export interface SignInInput {
  email: string;
  password: string;
  /** The client address, from the right-most untrusted hop (TRUST_PROXY). */
  ip: string;
  /** The device tokens the browser presented (its device cookie). */
  devices?: string[];
  /** Where to go after the second factor, if one is due. */
  redirectTo?: string | null;
}

// Verifying against a real hash when the e-mail is unknown keeps the timing the same.
let dummyHash: Promise<string> | undefined;

const retryAfter = (at: number, now: number) => ({ retryAfterSeconds: Math.max(1, Math.ceil((at - now) / 1000)) });

export async function attemptLogin(db: DB, input: SignInInput, at = new Date()): Promise<SignInResult> {
  const now = at.getTime();
  const email = input.email.trim().toLowerCase();
  const user = await db
    .selectFrom("users")
    .select(["id", "organisation_id", "password_hash", "disabled_at", "locale"])
    .where("email", "=", email)
    .executeTakeFirst();
  const actor = { userId: user?.id ?? null, organisationId: user?.organisation_id ?? null };

  const presented = user ? (input.devices ?? []).find((t) => verifyDeviceToken(t, user.id) !== null) : undefined;
  const device = presented && user ? verifyDeviceToken(presented, user.id) : null;
  const trusted = device !== null && !(await deviceIsLocked(db, device, now));
  const account = accountKey(email);
  const address = addressKey(input.ip);

  if (!trusted) {
    const byAddress = await claimAddressAttempt(db, address, now);
    if (!byAddress.ok) {
      await audit(
        db,
        { actor, action: "login.throttled", recordType: "session", outcome: "denied", details: { limit: "address" } },
        at,
      );
      return fail("ip_throttled", { detail: retryAfter(byAddress.retryAt, now) });
    }
    const byAccount = await claimAccountAttempt(db, account, now);
    if (!byAccount.ok) {
      await releaseAddressAttempt(db, address);
      await audit(
        db,
        { actor, action: "login.throttled", recordType: "session", outcome: "denied", details: { limit: "account" } },
        at,
      );
      return fail("throttled", { detail: retryAfter(byAccount.retryAt, now) });
    }
  }

  dummyHash ??= hashPassword("samsyn-timing-equaliser");
  const valid = user?.password_hash
    ? await verifyPassword(user.password_hash, input.password)
    : (await verifyPassword(await dummyHash, input.password), false);

  if (!user || !valid || user.disabled_at) {
    await recordLoginAttempt(db, { email, ip: input.ip, succeeded: false, device }, now);
    await audit(db, { actor, action: "login.failed", recordType: "session", outcome: "denied" }, at);
    return fail("invalid");
  }

  if (!trusted) {
    await resetAccount(db, account);
    await releaseAddressAttempt(db, address);
  }
  await recordLoginAttempt(db, { email, ip: input.ip, succeeded: true, device }, now);
  const deviceToken = presented ?? issueDeviceToken(user.id);
  if ((await secondFactorRequired(db, user.id)) || (await hasConfirmedTotp(db, user.id))) {
    const challenge = await createChallenge(
      db,
      { userId: user.id, provider: null, idToken: null, redirectTo: input.redirectTo ?? null },
      at,
    );
    await audit(db, { actor, action: "login.second_factor", recordType: "session" }, at);
    return ok({ userId: user.id, token: null, challenge, locale: user.locale, device: deviceToken });
  }
  const { token } = await createSession(db, user.id, at);
  await audit(db, { actor, action: "login.succeeded", recordType: "session", details: { knownDevice: trusted } }, at);
  return ok({ userId: user.id, token, challenge: null, locale: user.locale, device: deviceToken });
}
