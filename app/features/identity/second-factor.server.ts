// The second step of a sign-in: the commands the /login/second-factor page calls. Each finds the
// pending sign-in from its cookie token; only a passed second factor turns it into a session.
import type { DB } from "#db/client.server";
import { audit } from "~/features/audit/audit.server";
import { fail, ok, type Failure, type Ok } from "~/lib/result";
import { completeChallenge, findChallenge } from "./challenge.server";
import {
  confirmEnrolment,
  hasConfirmedTotp,
  pendingEnrolment,
  verifySecondFactor,
  type Enrolment,
} from "./totp.server";

export type SecondFactorPage = { mode: "verify" } | ({ mode: "enrol" } & Enrolment);

/** What the page shows: a code field, or (first time) the key to enrol. Null: no pending sign-in. */
export async function secondFactorPage(
  db: DB,
  token: string | null,
  at = new Date(),
): Promise<SecondFactorPage | null> {
  const challenge = await findChallenge(db, token, at);
  if (!challenge) return null;
  if (await hasConfirmedTotp(db, challenge.userId)) return { mode: "verify" };
  const enrolment = await pendingEnrolment(db, challenge.userId, challenge.email);
  return enrolment ? { mode: "enrol", ...enrolment } : { mode: "verify" };
}

export interface SecondFactorPassed {
  /** The new session's token, for the session cookie. */
  token: string;
  userId: string;
  redirectTo: string | null;
  /** Shown once, after enrolment. */
  recoveryCodes: string[] | null;
}

type StepFailure = Failure<"expired" | "invalid" | "throttled", { retryAfterSeconds: number }>;

async function finish(db: DB, token: string, at: Date, recoveryCodes: string[] | null) {
  const challenge = (await findChallenge(db, token, at))!;
  const session = await completeChallenge(db, token, challenge, at);
  await audit(
    db,
    {
      actor: { userId: challenge.userId, organisationId: null },
      action: "login.succeeded",
      recordType: "session",
      details: { secondFactor: true, ...(challenge.provider ? { provider: challenge.provider } : {}) },
    },
    at,
  );
  return ok({ token: session.token, userId: challenge.userId, redirectTo: challenge.redirectTo, recoveryCodes });
}

/** A TOTP or recovery code for the pending sign-in. */
export async function passSecondFactor(
  db: DB,
  token: string | null,
  code: string,
  at = new Date(),
): Promise<Ok<SecondFactorPassed> | StepFailure> {
  const challenge = await findChallenge(db, token, at);
  if (!challenge || !token) return fail("expired");
  const verified = await verifySecondFactor(db, challenge.userId, code, at);
  if (!verified.ok) return verified;
  return finish(db, token, at, null);
}

/** The first code from a newly scanned key: enrolment confirmed, the sign-in completed, the recovery codes returned. */
export async function enrolSecondFactor(
  db: DB,
  token: string | null,
  code: string,
  at = new Date(),
): Promise<Ok<SecondFactorPassed> | StepFailure> {
  const challenge = await findChallenge(db, token, at);
  if (!challenge || !token) return fail("expired");
  const confirmed = await confirmEnrolment(db, challenge.userId, code, at);
  if (!confirmed.ok) return confirmed;
  return finish(db, token, at, confirmed.value.recoveryCodes);
}
