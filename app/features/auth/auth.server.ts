// Who is signing in, who is signed in, and what they may do. Every route asks
// here; none reads the session cookie itself.
import { createCookie, redirect } from "@remix-run/node";
import { getDb, type DB } from "#db/client.server";
import { fromBool } from "#db/portable";
import { actorOf, type CurrentUser } from "~/features/access/current-user";
import { can, type Permission } from "~/features/access/policy";
import { audit } from "~/features/audit/audit.server";
import { getEnv } from "~/lib/env.server";
import { notFound } from "~/lib/http.server";
import { invalidateSession, validateSessionToken, ABSOLUTE_LIFETIME_MS } from "./session.server";

function sessionCookie() {
  const secure = getEnv().APP_URL.startsWith("https:");
  return createCookie(secure ? "__Host-samsyn_session" : "samsyn_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    maxAge: ABSOLUTE_LIFETIME_MS / 1000,
  });
}

export async function sessionCookieHeader(token: string): Promise<string> {
  return sessionCookie().serialize(token);
}

export async function clearSessionCookieHeader(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}

async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function loadCurrentUser(db: DB, userId: string, sessionId: string): Promise<CurrentUser | null> {
  const row = await db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "users.id",
      "users.email",
      "users.name",
      "users.locale",
      "users.must_change_password",
      "users.organisation_id",
      "organisations.name as organisation_name",
      "organisations.kind as organisation_kind",
    ])
    .where("users.id", "=", userId)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  const grants = await db
    .selectFrom("role_grants")
    .select(["role", "partnership_id"])
    .where("user_id", "=", userId)
    .execute();
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    organisationKind: row.organisation_kind,
    locale: row.locale,
    mustChangePassword: fromBool(row.must_change_password),
    grants: grants.map((g) => ({ role: g.role, partnershipId: g.partnership_id })),
    sessionId,
  };
}

const perRequest = new WeakMap<Request, Promise<CurrentUser | null>>();

/** The signed-in user, or null. Looked up once per request. */
export function getOptionalUser(request: Request): Promise<CurrentUser | null> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = (async () => {
      const token = await readToken(request);
      if (!token) return null;
      const db = getDb();
      const session = await validateSessionToken(db, token);
      return session ? loadCurrentUser(db, session.userId, session.sessionId) : null;
    })();
    perRequest.set(request, pending);
  }
  return pending;
}

export const CHANGE_PASSWORD_PATH = "/account/password";

export { safeRedirectPath } from "./redirect";

/** The signed-in user; otherwise a redirect to sign-in that comes back here. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getOptionalUser(request);
  const url = new URL(request.url);
  if (!user) {
    const hadCookie = (await readToken(request)) !== null;
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    if (hadCookie) params.set("expired", "1");
    throw redirect(
      `/login?${params}`,
      hadCookie ? { headers: { "Set-Cookie": await clearSessionCookieHeader() } } : {},
    );
  }
  if (user.mustChangePassword && url.pathname !== CHANGE_PASSWORD_PATH) {
    throw redirect(CHANGE_PASSWORD_PATH);
  }
  return user;
}

export type { CurrentUser };

export { attemptLogin, type SignInResult } from "./sign-in.server";

/**
 * Ends the Samsyn session. Returns how it was opened, so the route can also end the identity
 * provider's session when it was opened through one.
 */
export async function logout(db: DB, user: CurrentUser): Promise<{ provider: string | null; idToken: string | null }> {
  const origin = await db
    .selectFrom("sessions")
    .select(["provider", "id_token"])
    .where("id", "=", user.sessionId)
    .executeTakeFirst();
  await invalidateSession(db, user.sessionId);
  await audit(db, { actor: actorOf(user), action: "logout", recordType: "session" });
  return { provider: origin?.provider ?? null, idToken: origin?.id_token ?? null };
}

/**
 * The signed-in user when the role policy gives them the permission (in the partnership, if
 * given); otherwise 404, so the page's existence is not confirmed.
 */
export async function requirePermission(
  request: Request,
  permission: Permission,
  partnershipId?: string,
): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!can(user, permission, partnershipId)) throw notFound();
  return user;
}
