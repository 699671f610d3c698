// Staff accounts and their role grants. Users are never deleted: their history stays.
import type { DB } from "#db/client.server";
import { fromBool, newId, nowIso, toBool } from "#db/portable";
import { PARTNERSHIP_ROLES, type Role } from "#db/schema";
import { audit, type Actor } from "~/features/audit/audit.server";
import type { CurrentUser } from "~/features/auth/auth.server";
import { generateOneTimePassword, hashPassword, verifyPassword } from "~/features/auth/password.server";
import { invalidateUserSessions } from "~/features/auth/session.server";
import { syncTeamKindsOfUser } from "~/features/plans/team.server";
import { likePattern, pageOf, PAGE_SIZE } from "~/lib/pagination";

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
  const [items, count] = await Promise.all([
    query
      .select(["users.id", "users.name", "users.email", "users.disabled_at", "organisations.name as organisation_name"])
      .orderBy("users.name")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  const grants = await db
    .selectFrom("role_grants")
    .select(["user_id", "role"])
    .where("user_id", "in", items.length ? items.map((i) => i.id) : [""])
    .execute();
  return pageOf(
    items.map((u) => ({ ...u, roles: [...new Set(grants.filter((g) => g.user_id === u.id).map((g) => g.role))] })),
    Number(count.total),
    page,
  );
}

export async function isEmailTaken(db: DB, email: string, exceptId?: string) {
  let query = db.selectFrom("users").select("id").where("email", "=", email.toLowerCase());
  if (exceptId) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface UserInput {
  name: string;
  email: string;
  organisationId: string;
}

/** Creates the account with a one-time password, returned once and never stored in clear. */
export async function createUser(db: DB, actor: Actor, input: UserInput & { roles?: Role[] }) {
  const id = newId();
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("users")
      .values({
        id,
        name: input.name,
        email: input.email.toLowerCase(),
        organisation_id: input.organisationId,
        password_hash: passwordHash,
        must_change_password: toBool(true),
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const role of input.roles ?? []) {
      await trx
        .insertInto("role_grants")
        .values({ id: newId(), user_id: id, role, partnership_id: null, created_at: now })
        .execute();
    }
    await audit(trx, { actor, action: "user.create", recordType: "user", recordId: id });
  });
  return { id, oneTimePassword };
}

export async function getUser(db: DB, id: string) {
  const user = await db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "users.id",
      "users.name",
      "users.email",
      "users.organisation_id",
      "users.disabled_at",
      "users.must_change_password",
      "organisations.name as organisation_name",
    ])
    .where("users.id", "=", id)
    .executeTakeFirst();
  if (!user) return undefined;
  const grants = await db
    .selectFrom("role_grants")
    .leftJoin("partnerships", "partnerships.id", "role_grants.partnership_id")
    .select([
      "role_grants.id",
      "role_grants.role",
      "role_grants.partnership_id",
      "partnerships.name as partnership_name",
    ])
    .where("role_grants.user_id", "=", id)
    .orderBy("role_grants.created_at")
    .execute();
  return { ...user, mustChangePassword: fromBool(user.must_change_password), grants };
}

export async function updateUser(db: DB, actor: Actor, id: string, input: UserInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({
        name: input.name,
        email: input.email.toLowerCase(),
        organisation_id: input.organisationId,
        updated_at: nowIso(),
      })
      .where("id", "=", id)
      .execute();
    await syncTeamKindsOfUser(trx, id);
    await audit(trx, { actor, action: "user.update", recordType: "user", recordId: id });
  });
}

/** Disabling ends every session of the user at once. */
export async function setUserDisabled(db: DB, actor: Actor, id: string, disabled: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ disabled_at: disabled ? nowIso() : null, updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    if (disabled) await invalidateUserSessions(trx, id);
    await audit(trx, { actor, action: disabled ? "user.disable" : "user.enable", recordType: "user", recordId: id });
  });
}

export async function resetPassword(db: DB, actor: Actor, id: string): Promise<string> {
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, must_change_password: toBool(true), updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    await invalidateUserSessions(trx, id);
    await audit(trx, { actor, action: "user.reset_password", recordType: "user", recordId: id });
  });
  return oneTimePassword;
}

export function isPartnershipRole(role: Role): boolean {
  return PARTNERSHIP_ROLES.includes(role);
}

export type GrantResult = "granted" | "exists";

export async function grantRole(
  db: DB,
  actor: Actor,
  userId: string,
  role: Role,
  partnershipId: string | null,
): Promise<GrantResult> {
  let existing = db.selectFrom("role_grants").select("id").where("user_id", "=", userId).where("role", "=", role);
  existing = partnershipId
    ? existing.where("partnership_id", "=", partnershipId)
    : existing.where("partnership_id", "is", null);
  if (await existing.executeTakeFirst()) return "exists";
  await db.transaction().execute(async (trx) => {
    const id = newId();
    await trx
      .insertInto("role_grants")
      .values({ id, user_id: userId, role, partnership_id: partnershipId, created_at: nowIso() })
      .execute();
    await audit(trx, {
      actor,
      action: "role.grant",
      recordType: "user",
      recordId: userId,
      details: { role, partnershipId },
    });
  });
  return "granted";
}

export async function revokeRole(db: DB, actor: Actor, userId: string, grantId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const grant = await trx
      .selectFrom("role_grants")
      .select(["role", "partnership_id"])
      .where("id", "=", grantId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!grant) return false;
    await trx.deleteFrom("role_grants").where("id", "=", grantId).execute();
    await audit(trx, {
      actor,
      action: "role.revoke",
      recordType: "user",
      recordId: userId,
      details: { role: grant.role, partnershipId: grant.partnership_id },
    });
    return true;
  });
}

/** The user's own password change; every other session of theirs ends. */
export async function changeOwnPassword(
  db: DB,
  user: CurrentUser,
  currentPassword: string,
  newPassword: string,
): Promise<boolean> {
  const row = await db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirst();
  if (!row?.password_hash || !(await verifyPassword(row.password_hash, currentPassword))) return false;
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, must_change_password: toBool(false), updated_at: nowIso() })
      .where("id", "=", user.id)
      .execute();
    await invalidateUserSessions(trx, user.id, user.sessionId);
    await audit(trx, {
      actor: { userId: user.id, organisationId: user.organisationId },
      action: "user.change_password",
      recordType: "user",
      recordId: user.id,
    });
  });
  return true;
}
