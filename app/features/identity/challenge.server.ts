// A sign-in that has passed its first factor (password, or a provider that did not show a
// second factor) and waits for the second. The browser holds a random token in a short-lived
// cookie; the database only its SHA-256, like the session itself. No session exists until the
// second factor is passed, so nothing signed in can be reached half-way.
import { createCookie } from "@remix-run/node";
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";
import { createSession, generateSessionToken, sessionIdFromToken } from "~/features/auth/session.server";
import { getEnv } from "~/lib/env.server";

export const CHALLENGE_LIFETIME_MS = 10 * 60 * 1000;

export interface Challenge {
  userId: string;
  email: string;
  provider: string | null;
  idToken: string | null;
  redirectTo: string | null;
}

function challengeCookie() {
  const secure = getEnv().APP_URL.startsWith("https:");
  return createCookie(secure ? "__Host-samsyn_challenge" : "samsyn_challenge", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    maxAge: CHALLENGE_LIFETIME_MS / 1000,
  });
}

export async function challengeCookieHeader(token: string): Promise<string> {
  return challengeCookie().serialize(token);
}

export async function clearChallengeCookieHeader(): Promise<string> {
  return challengeCookie().serialize("", { maxAge: 0 });
}

export async function readChallengeToken(request: Request): Promise<string | null> {
  const value: unknown = await challengeCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function createChallenge(db: DB, input: Omit<Challenge, "email">, now = new Date()): Promise<string> {
  const token = generateSessionToken();
  // One pending sign-in per user: an older one is forgotten.
  await db.deleteFrom("sign_in_challenges").where("user_id", "=", input.userId).execute();
  await db
    .insertInto("sign_in_challenges")
    .values({
      id: sessionIdFromToken(token),
      user_id: input.userId,
      provider: input.provider,
      id_token: input.idToken,
      redirect_to: input.redirectTo,
      created_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + CHALLENGE_LIFETIME_MS)),
    })
    .execute();
  return token;
}

/** The pending sign-in for the token, or null when unknown, expired or the user is disabled. */
export async function findChallenge(db: DB, token: string | null, now = new Date()): Promise<Challenge | null> {
  if (!token) return null;
  const row = await db
    .selectFrom("sign_in_challenges")
    .innerJoin("users", "users.id", "sign_in_challenges.user_id")
    .select([
      "sign_in_challenges.user_id",
      "sign_in_challenges.provider",
      "sign_in_challenges.id_token",
      "sign_in_challenges.redirect_to",
      "sign_in_challenges.expires_at",
      "users.email",
      "users.disabled_at",
    ])
    .where("sign_in_challenges.id", "=", sessionIdFromToken(token))
    .executeTakeFirst();
  if (!row || row.disabled_at || new Date(row.expires_at).getTime() <= now.getTime()) return null;
  return {
    userId: row.user_id,
    email: row.email,
    provider: row.provider,
    idToken: row.id_token,
    redirectTo: row.redirect_to,
  };
}

/** The second factor is passed: the pending sign-in becomes a session (its token for the cookie). */
export async function completeChallenge(db: DB, token: string, challenge: Challenge, now = new Date()) {
  await db.deleteFrom("sign_in_challenges").where("id", "=", sessionIdFromToken(token)).execute();
  return createSession(db, challenge.userId, now, { provider: challenge.provider, idToken: challenge.idToken });
}
