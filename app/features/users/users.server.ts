// Staff accounts: what the admin pages and the user's own account page read, mapped once from
// rows to the domain, and what a user changes about their own account.
import type { DB } from "#db/client.server";
import { nowIso, toBool } from "#db/portable";
import type { Role } from "#db/schema";
import { actorOf, type CurrentUser } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { hashPassword, verifyPassword } from "~/features/auth/password.server";
import { invalidateUserSessions } from "~/features/auth/session.server";
import { likePattern, pageOf, PAGE_SIZE } from "~/lib/pagination";
import { fail, ok, type Failure, type Ok } from "~/lib/result";
import type { Locale } from "~/locales/locales";

export interface UserListItem {
  id: string;
  name: string;
  email: string;
  organisationName: string;
  disabled: boolean;
  roles: Role[];
}

export interface UserGrant {
  id: string;
  role: Role;
  partnershipId: string | null;
  partnershipName: string | null;
}

export interface UserDetail {
  id: string;
  name: string;
  email: string;
  /** Optional (migration 0028); the person's letter shows it. */
  phone: string | null;
  organisationId: string;
  organisationName: string;
  disabled: boolean;
  grants: UserGrant[];
}

type GrantRow = { id: string; role: Role; partnership_id: string | null; partnership_name: string | null };

const toGrant = (g: GrantRow): UserGrant => ({
  id: g.id,
  role: g.role,
  partnershipId: g.partnership_id,
  partnershipName: g.partnership_name,
});

async function grantsOf(db: DB, userId: string): Promise<UserGrant[]> {
  const rows = await db
    .selectFrom("role_grants")
    .leftJoin("partnerships", "partnerships.id", "role_grants.partnership_id")
    .select([
      "role_grants.id",
      "role_grants.role",
      "role_grants.partnership_id",
      "partnerships.name as partnership_name",
    ])
    .where("role_grants.user_id", "=", userId)
    .orderBy("role_grants.created_at")
    .orderBy("role_grants.id")
    .execute();
  return rows.map(toGrant);
}

export async function searchUsers(
  db: DB,
  { q, page, organisationId }: { q: string; page: number; organisationId?: string },
) {
  let query = db.selectFrom("users").innerJoin("organisations", "organisations.id", "users.organisation_id");
  if (q) {
    const pattern = likePattern(q);
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["users.name"]), "like", pattern),
        eb(eb.fn("lower", ["users.email"]), "like", pattern),
      ]),
    );
  }
  if (organisationId) query = query.where("users.organisation_id", "=", organisationId);
  const [rows, count] = await Promise.all([
    query
      .select(["users.id", "users.name", "users.email", "users.disabled_at", "organisations.name as organisation_name"])
      .orderBy("users.name")
      .orderBy("users.id")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  const grants = await db
    .selectFrom("role_grants")
    .select(["user_id", "role"])
    .where("user_id", "in", rows.length ? rows.map((r) => r.id) : [""])
    .execute();
  const items: UserListItem[] = rows.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    organisationName: u.organisation_name,
    disabled: u.disabled_at !== null,
    roles: [...new Set(grants.filter((g) => g.user_id === u.id).map((g) => g.role))],
  }));
  return pageOf(items, Number(count.total), page);
}

export async function getUser(db: DB, id: string): Promise<UserDetail | null> {
  const row = await db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "users.id",
      "users.name",
      "users.email",
      "users.phone",
      "users.organisation_id",
      "users.disabled_at",
      "organisations.name as organisation_name",
    ])
    .where("users.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    disabled: row.disabled_at !== null,
    grants: await grantsOf(db, id),
  };
}

/** The signed-in user's own account page: who they are and which roles they hold, in words. */
export async function accountOverview(db: DB, user: CurrentUser) {
  const grants = await grantsOf(db, user.id);
  return {
    name: user.name,
    email: user.email,
    organisationName: user.organisationName,
    grants: grants.map((g) => ({ role: g.role, partnership: g.partnershipName })),
  };
}

/** The user's own password change: needs the current password; every other session of theirs ends. */
export async function changeOwnPassword(
  db: DB,
  user: CurrentUser,
  currentPassword: string,
  newPassword: string,
): Promise<Ok<undefined> | Failure<"wrong_password">> {
  const row = await db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirst();
  if (!row?.password_hash || !(await verifyPassword(row.password_hash, currentPassword))) {
    return fail("wrong_password", { fields: { currentPassword: "wrong_password" } });
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, must_change_password: toBool(false), updated_at: nowIso() })
      .where("id", "=", user.id)
      .execute();
    await invalidateUserSessions(trx, user.id, user.sessionId);
    await audit(trx, { actor: actorOf(user), action: "user.change_password", recordType: "user", recordId: user.id });
  });
  return ok();
}

/** The language the user chose; used at their next sign-in, on any browser. */
export async function setUserLocale(db: DB, user: Pick<CurrentUser, "id">, locale: Locale): Promise<Ok<undefined>> {
  await db.updateTable("users").set({ locale, updated_at: nowIso() }).where("id", "=", user.id).execute();
  return ok();
}

// Other features and their tests know updateUser by this module's name.
export { updateUser } from "./admin-users.server";
