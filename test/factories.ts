// Small builders for tests: real rows in the test database, no mocks.
import { getDb, type DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import type { OrganisationKind, Role } from "#db/schema";
import { hashPassword } from "~/features/auth/password.server";
import { createSession } from "~/features/auth/session.server";
import { loadCurrentUser, sessionCookieHeader } from "~/features/auth/auth.server";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function makePartnership(db: DB = getDb(), name = `Förbund ${unique()}`) {
  const id = newId();
  await db.insertInto("partnerships").values({ id, name, created_at: nowIso(), updated_at: nowIso() }).execute();
  return { id, name };
}

export async function makeOrganisation(
  db: DB = getDb(),
  { kind = "social_services", partnershipIds = [] }: { kind?: OrganisationKind; partnershipIds?: string[] } = {},
) {
  const id = newId();
  const name = `Organisation ${unique()}`;
  await db.insertInto("organisations").values({ id, name, kind, created_at: nowIso(), updated_at: nowIso() }).execute();
  for (const partnership_id of partnershipIds) {
    await db.insertInto("organisation_partnerships").values({ organisation_id: id, partnership_id }).execute();
  }
  return { id, name, kind };
}

export const TEST_PASSWORD = "correct horse battery";
let cachedHash: Promise<string> | undefined;

export async function makeUser(
  db: DB = getDb(),
  {
    organisationId,
    roles = [{ role: "caseworker" }],
    email,
  }: { organisationId?: string; roles?: { role: Role; partnershipId?: string }[]; email?: string } = {},
) {
  const orgId = organisationId ?? (await makeOrganisation(db)).id;
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const id = newId();
  const address = email ?? `user-${unique()}@example.se`;
  await db
    .insertInto("users")
    .values({
      id,
      email: address,
      name: `Användare ${unique()}`,
      organisation_id: orgId,
      password_hash: await cachedHash,
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .execute();
  for (const r of roles) {
    await db
      .insertInto("role_grants")
      .values({ id: newId(), user_id: id, role: r.role, partnership_id: r.partnershipId ?? null, created_at: nowIso() })
      .execute();
  }
  return { id, email: address, organisationId: orgId };
}

/** A Request carrying a valid session cookie for the user, as the browser would send it. */
export async function signedInRequest(userId: string, path = "/", init: RequestInit = {}) {
  const { token } = await createSession(getDb(), userId);
  const headers = new Headers(init.headers);
  headers.set("Cookie", (await sessionCookieHeader(token)).split(";")[0]);
  return new Request(`http://localhost:3999${path}`, { ...init, headers });
}

/** The user as a signed-in request sees them: the one CurrentUser type feature commands take. */
export async function currentUser(userId: string, db: DB = getDb()) {
  const user = await loadCurrentUser(db, userId, "test-session");
  if (!user) throw new Error("currentUser: no such enabled user");
  return user;
}
