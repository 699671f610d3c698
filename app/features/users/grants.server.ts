// Roles given to staff. Coordinator and steering are held per partnership (DESIGN.md "Roles");
// the others apply across the user's organisation. What a role lets a user do is decided in
// ~/features/access/policy.ts; this module only records who holds which.
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import { PARTNERSHIP_ROLES, type Role } from "#db/schema";
import type { Actor } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { fail, notFoundFailure, ok, type Failure, type Ok } from "~/lib/result";

export type GrantFailure = "needs_partnership" | "no_partnership_allowed" | "exists";

export async function grantRole(
  db: DB,
  actor: Actor,
  userId: string,
  role: Role,
  partnershipId: string | null,
): Promise<Ok<undefined> | Failure<GrantFailure | "not_found">> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst();
    if (!user) return notFoundFailure();
    if (PARTNERSHIP_ROLES.includes(role)) {
      const partnership = partnershipId
        ? await trx.selectFrom("partnerships").select("id").where("id", "=", partnershipId).executeTakeFirst()
        : undefined;
      if (!partnership) return fail("needs_partnership", { fields: { partnershipId: "needs_partnership" } });
    } else if (partnershipId) {
      return fail("no_partnership_allowed", { fields: { partnershipId: "no_partnership_allowed" } });
    }
    let existing = trx.selectFrom("role_grants").select("id").where("user_id", "=", userId).where("role", "=", role);
    existing = partnershipId
      ? existing.where("partnership_id", "=", partnershipId)
      : existing.where("partnership_id", "is", null);
    if (await existing.executeTakeFirst()) return fail("exists");
    await trx
      .insertInto("role_grants")
      .values({ id: newId(), user_id: userId, role, partnership_id: partnershipId, created_at: nowIso() })
      .execute();
    await audit(trx, {
      actor,
      action: "role.grant",
      recordType: "user",
      recordId: userId,
      details: { role, partnershipId },
    });
    return ok();
  });
}

export async function revokeRole(
  db: DB,
  actor: Actor,
  userId: string,
  grantId: string,
): Promise<Ok<undefined> | Failure<"not_found">> {
  return db.transaction().execute(async (trx) => {
    const grant = await trx
      .selectFrom("role_grants")
      .select(["role", "partnership_id"])
      .where("id", "=", grantId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!grant) return notFoundFailure();
    await trx.deleteFrom("role_grants").where("id", "=", grantId).execute();
    await audit(trx, {
      actor,
      action: "role.revoke",
      recordType: "user",
      recordId: userId,
      details: { role: grant.role, partnershipId: grant.partnership_id },
    });
    return ok();
  });
}
