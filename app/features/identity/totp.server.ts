// The second factor for password accounts: TOTP (RFC 6238, 30-second steps, six digits) and ten
// single-use recovery codes (docs/decisions/0019-e-legitimation-and-second-factor.md). Guessing
// is throttled with the password's own model (docs/decisions/0011-login-throttling.md), keyed
// per account, so six digits cannot be walked through.
import { createHash, randomBytes } from "node:crypto";
import { encodeBase32UpperCaseNoPadding, encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import QRCode from "qrcode";
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import { audit } from "~/features/audit/audit.server";
import { claimAccountAttempt, resetAccount } from "~/features/auth/throttle.server";
import { fail, ok, type Failure, type Ok } from "~/lib/result";

export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;
/** The roles whose password sign-in always needs a second factor. */
export const ROLES_REQUIRING_SECOND_FACTOR = ["admin", "auditor"] as const;

const stepAt = (now: number) => Math.floor(now / 1000 / TOTP_PERIOD_S);

/** The code for a hex key at a time: what an authenticator app shows (used by tests and the demo). */
export function totpCode(secretHex: string, at = Date.now()): string {
  return generateHOTP(Buffer.from(secretHex, "hex"), BigInt(stepAt(at)), TOTP_DIGITS);
}

/** A key as authenticator apps take it typed in: base32, in groups of four. */
export function typedKey(secretHex: string): string {
  return (
    encodeBase32UpperCaseNoPadding(Buffer.from(secretHex, "hex"))
      .match(/.{1,4}/g)
      ?.join(" ") ?? ""
  );
}

const throttleKey = (userId: string) => `second-factor:${userId}`;
const hashCode = (code: string) => createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** True when the user's password sign-in needs a second factor: by role, or by the organisation's setting. */
export async function secondFactorRequired(db: DB, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select("organisations.second_factor_required")
    .where("users.id", "=", userId)
    .executeTakeFirst();
  if (row?.second_factor_required === 1) return true;
  const grant = await db
    .selectFrom("role_grants")
    .select("role")
    .where("user_id", "=", userId)
    .where("role", "in", [...ROLES_REQUIRING_SECOND_FACTOR])
    .executeTakeFirst();
  return grant !== undefined;
}

export async function hasConfirmedTotp(db: DB, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("totp_credentials")
    .select("confirmed_at")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Boolean(row?.confirmed_at);
}

export interface Enrolment {
  /** What the user types into an app that cannot scan. */
  typedKey: string;
  /** The QR code of the otpauth URI, as an SVG document rendered on the server. */
  qrSvg: string;
}

/**
 * The key being enrolled, created on first call and kept until confirmed, so reloading the page
 * shows the same code. A confirmed key is never shown again.
 */
export async function pendingEnrolment(db: DB, userId: string, accountName: string): Promise<Enrolment | null> {
  const existing = await db
    .selectFrom("totp_credentials")
    .select(["secret", "confirmed_at"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (existing?.confirmed_at) return null;
  let secret = existing?.secret;
  if (!secret) {
    secret = randomBytes(20).toString("hex");
    await db
      .insertInto("totp_credentials")
      .values({ user_id: userId, secret, created_at: nowIso() })
      .onConflict((oc) => oc.column("user_id").doNothing())
      .execute();
    // A parallel request may have won the insert: show the key that was stored.
    secret = (
      await db.selectFrom("totp_credentials").select("secret").where("user_id", "=", userId).executeTakeFirstOrThrow()
    ).secret;
  }
  const uri = createTOTPKeyURI("Samsyn", accountName, Buffer.from(secret, "hex"), TOTP_PERIOD_S, TOTP_DIGITS);
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { typedKey: typedKey(secret), qrSvg };
}

export type SecondFactorFailure = "invalid" | "throttled";
type Throttled = Failure<SecondFactorFailure, { retryAfterSeconds: number }>;

async function claim(db: DB, userId: string, organisationId: string | null, at: Date): Promise<Throttled | null> {
  const claimed = await claimAccountAttempt(db, throttleKey(userId), at.getTime());
  if (claimed.ok) return null;
  await audit(
    db,
    {
      actor: { userId, organisationId },
      action: "login.throttled",
      recordType: "session",
      outcome: "denied",
      details: { limit: "second_factor" },
    },
    at,
  );
  return fail("throttled", {
    detail: { retryAfterSeconds: Math.max(1, Math.ceil((claimed.retryAt - at.getTime()) / 1000)) },
  });
}

/** Accepts a code of the current step or its neighbours (clock drift), but never one at or before the last used. */
async function acceptTotp(db: DB, userId: string, secret: string, lastStep: number | null, code: string, at: Date) {
  const digits = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(digits)) return false;
  const key = Buffer.from(secret, "hex");
  const now = stepAt(at.getTime());
  for (const step of [now - 1, now, now + 1]) {
    if (lastStep !== null && step <= lastStep) continue;
    if (generateHOTP(key, BigInt(step), TOTP_DIGITS) !== digits) continue;
    // Conditional, so two requests with the same code cannot both succeed.
    const updated = await db
      .updateTable("totp_credentials")
      .set({ last_step: step })
      .where("user_id", "=", userId)
      .where((eb) => eb.or([eb("last_step", "is", null), eb("last_step", "<", step)]))
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }
  return false;
}

async function userOrganisation(db: DB, userId: string): Promise<string | null> {
  const row = await db.selectFrom("users").select("organisation_id").where("id", "=", userId).executeTakeFirst();
  return row?.organisation_id ?? null;
}

/**
 * Confirms the pending key with a first code and returns the ten recovery codes, shown once.
 * Throttled like a sign-in: the key is not confirmed by guessing.
 */
export async function confirmEnrolment(
  db: DB,
  userId: string,
  code: string,
  at = new Date(),
): Promise<Ok<{ recoveryCodes: string[] }> | Throttled> {
  const organisationId = await userOrganisation(db, userId);
  const throttled = await claim(db, userId, organisationId, at);
  if (throttled) return throttled;
  const row = await db
    .selectFrom("totp_credentials")
    .select(["secret", "last_step", "confirmed_at"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  const actor = { userId, organisationId };
  if (!row || row.confirmed_at || !(await acceptTotp(db, userId, row.secret, row.last_step, code, at))) {
    await audit(
      db,
      { actor, action: "second_factor.failed", recordType: "user", recordId: userId, outcome: "denied" },
      at,
    );
    return fail("invalid");
  }
  await resetAccount(db, throttleKey(userId));
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    (encodeBase32LowerCaseNoPadding(randomBytes(8)).slice(0, 12).match(/.{4}/g) ?? []).join("-"),
  );
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("totp_credentials")
      .set({ confirmed_at: nowIso(at) })
      .where("user_id", "=", userId)
      .execute();
    await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
    await trx
      .insertInto("recovery_codes")
      .values(
        recoveryCodes.map((c) => ({ id: newId(), user_id: userId, code_hash: hashCode(c), created_at: nowIso(at) })),
      )
      .execute();
    await audit(trx, { actor, action: "second_factor.enrolled", recordType: "user", recordId: userId }, at);
  });
  return ok({ recoveryCodes });
}

/** Checks a TOTP code or an unused recovery code for the user's confirmed key. */
export async function verifySecondFactor(
  db: DB,
  userId: string,
  code: string,
  at = new Date(),
): Promise<Ok<{ usedRecoveryCode: boolean }> | Throttled> {
  const organisationId = await userOrganisation(db, userId);
  const throttled = await claim(db, userId, organisationId, at);
  if (throttled) return throttled;
  const actor = { userId, organisationId };
  const row = await db
    .selectFrom("totp_credentials")
    .select(["secret", "last_step", "confirmed_at"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  let usedRecoveryCode = false;
  let valid = Boolean(row?.confirmed_at) && (await acceptTotp(db, userId, row!.secret, row!.last_step, code, at));
  if (!valid && row?.confirmed_at && normaliseRecoveryCode(code).length === 12) {
    const used = await db
      .updateTable("recovery_codes")
      .set({ used_at: nowIso(at) })
      .where("user_id", "=", userId)
      .where("code_hash", "=", hashCode(code))
      .where("used_at", "is", null)
      .executeTakeFirst();
    valid = usedRecoveryCode = Number(used.numUpdatedRows) === 1;
  }
  if (!valid) {
    await audit(
      db,
      { actor, action: "second_factor.failed", recordType: "user", recordId: userId, outcome: "denied" },
      at,
    );
    return fail("invalid");
  }
  await resetAccount(db, throttleKey(userId));
  return ok({ usedRecoveryCode });
}

/** A key known in advance, already confirmed: for the demo cast only, so its admins can sign in. */
export async function enrolKnownKey(db: DB, userId: string, secretHex: string): Promise<void> {
  const now = nowIso();
  await db
    .insertInto("totp_credentials")
    .values({ user_id: userId, secret: secretHex, confirmed_at: now, created_at: now })
    .execute();
}
