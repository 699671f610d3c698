// Sessions as in Lucia's session guide: the browser holds a random token, the
// database only its SHA-256. Idle timeout 60 minutes, absolute lifetime 12 hours.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";

export const IDLE_TIMEOUT_MS = 60 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** Extend the idle expiry at most once a minute, to spare the database a write per request. */
const EXTEND_AFTER_MS = 60 * 1000;

export function generateSessionToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** How the session was opened through an identity provider, so logout can end the provider's session too. */
export interface SessionOrigin {
  provider: string | null;
  idToken: string | null;
}

export async function createSession(
  db: DB,
  userId: string,
  now = new Date(),
  origin?: SessionOrigin,
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const absolute = new Date(now.getTime() + ABSOLUTE_LIFETIME_MS);
  await db
    .insertInto("sessions")
    .values({
      id: sessionIdFromToken(token),
      user_id: userId,
      created_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + IDLE_TIMEOUT_MS)),
      absolute_expires_at: nowIso(absolute),
      provider: origin?.provider ?? null,
      id_token: origin?.idToken ?? null,
    })
    .execute();
  return { token, expiresAt: absolute };
}

export interface ValidSession {
  sessionId: string;
  userId: string;
}

/** The session for a token, extended on use; null when unknown, expired or the user is disabled. */
export async function validateSessionToken(db: DB, token: string, now = new Date()): Promise<ValidSession | null> {
  const sessionId = sessionIdFromToken(token);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id",
      "sessions.user_id",
      "sessions.expires_at",
      "sessions.absolute_expires_at",
      "users.disabled_at",
    ])
    .where("sessions.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) return null;
  const expiresAt = new Date(row.expires_at).getTime();
  const absoluteAt = new Date(row.absolute_expires_at).getTime();
  if (row.disabled_at || now.getTime() >= expiresAt || now.getTime() >= absoluteAt) {
    await invalidateSession(db, sessionId);
    return null;
  }
  const extended = Math.min(now.getTime() + IDLE_TIMEOUT_MS, absoluteAt);
  if (extended - expiresAt >= EXTEND_AFTER_MS) {
    await db
      .updateTable("sessions")
      .set({ expires_at: nowIso(new Date(extended)) })
      .where("id", "=", sessionId)
      .execute();
  }
  return { sessionId, userId: row.user_id };
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function invalidateUserSessions(db: DB, userId: string, exceptSessionId?: string): Promise<void> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (exceptSessionId) query = query.where("id", "!=", exceptSessionId);
  await query.execute();
}
