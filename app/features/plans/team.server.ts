// A plan's team. Every write to it goes through here, so the plan's record of which kinds of
// organisation take part (read by the period summary) never drifts from the team itself.
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";
import { planAccessFor, type AccessUser, type PlanAccess } from "~/features/access/access.server";
import { actorOf } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { fail, notFoundFailure, ok, type Result } from "~/lib/result";
import { inTransaction } from "~/lib/transaction.server";
import { recordHistory } from "./history.server";
import type { TeamCandidate } from "./plan-view";

export async function joinTeam(trx: DB, planId: string, userId: string, addedAt = nowIso()): Promise<void> {
  await trx.insertInto("plan_team").values({ plan_id: planId, user_id: userId, added_at: addedAt }).execute();
  await syncTeamKinds(trx, [planId]);
}

export async function leaveTeam(trx: DB, planId: string, userId: string): Promise<void> {
  await trx.deleteFrom("plan_team").where("plan_id", "=", planId).where("user_id", "=", userId).execute();
  await syncTeamKinds(trx, [planId]);
}

/** After a user moves to another organisation, the plans they are on take part differently. */
export async function syncTeamKindsOfUser(trx: DB, userId: string): Promise<void> {
  const plans = await trx.selectFrom("plan_team").select("plan_id").where("user_id", "=", userId).execute();
  await syncTeamKinds(
    trx,
    plans.map((p) => p.plan_id),
  );
}

export async function syncTeamKinds(trx: DB, planIds: string[]): Promise<void> {
  for (const planId of planIds) {
    const kinds = await trx
      .selectFrom("plan_team")
      .innerJoin("users", "users.id", "plan_team.user_id")
      .innerJoin("organisations", "organisations.id", "users.organisation_id")
      .select("organisations.kind")
      .distinct()
      .where("plan_team.plan_id", "=", planId)
      .orderBy("organisations.kind")
      .execute();
    await trx
      .updateTable("plans")
      .set({ team_organisation_kinds: teamKindsText(kinds.map((k) => k.kind)) })
      .where("id", "=", planId)
      .execute();
  }
}

export const teamKindsText = (kinds: readonly string[]) => [...new Set(kinds)].sort().join(" ");
export const teamKindsOf = (text: string) => (text ? text.split(" ") : []);

/** Caseworkers of organisations that share a partnership with the lead organisation, not yet on the team. */
export async function teamCandidates(
  db: DB,
  access: Pick<PlanAccess, "planId" | "leadOrganisationId">,
): Promise<TeamCandidate[]> {
  const rows = await db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .innerJoin("role_grants", (join) =>
      join.onRef("role_grants.user_id", "=", "users.id").on("role_grants.role", "=", "caseworker"),
    )
    .select(["users.id", "users.name", "organisations.name as organisation_name"])
    .where("users.disabled_at", "is", null)
    .where("users.organisation_id", "in", (eb) =>
      eb
        .selectFrom("organisation_partnerships as mine")
        .innerJoin("organisation_partnerships as theirs", "theirs.partnership_id", "mine.partnership_id")
        .select("theirs.organisation_id")
        .where("mine.organisation_id", "=", access.leadOrganisationId),
    )
    .where("users.id", "not in", (eb) =>
      eb.selectFrom("plan_team").select("user_id").where("plan_id", "=", access.planId),
    )
    .orderBy("organisations.name")
    .orderBy("users.name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, organisationName: r.organisation_name }));
}

/** Adds a caseworker from a partner organisation of the lead to the team. */
export async function addTeamMember(
  db: DB,
  user: AccessUser,
  planId: string,
  memberId: string,
): Promise<Result<undefined, "invalid">> {
  return inTransaction(db, async (trx) => {
    const access = await planAccessFor(trx, user, planId, "team.update");
    if (!access) return notFoundFailure();
    const candidate = (await teamCandidates(trx, access)).find((c) => c.id === memberId);
    if (!candidate) return fail("invalid", { fields: { memberId: "not_candidate" } });
    await joinTeam(trx, access.planId, memberId);
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "team.add",
      after: { member: candidate.name, organisation: candidate.organisationName },
    });
    await audit(trx, {
      actor: actorOf(user),
      action: "team.add",
      recordType: "plan",
      recordId: access.planId,
      planId: access.planId,
      personId: access.personId,
      details: { memberId },
    });
    return ok();
  });
}

/** Removes a member. The lead user stays on the team: hand the plan over first. */
export async function removeTeamMember(
  db: DB,
  user: AccessUser,
  planId: string,
  memberId: string,
): Promise<Result<undefined, "is_lead">> {
  return inTransaction(db, async (trx) => {
    const access = await planAccessFor(trx, user, planId, "team.update");
    if (!access) return notFoundFailure();
    const plan = await trx
      .selectFrom("plans")
      .select("lead_user_id")
      .where("id", "=", access.planId)
      .executeTakeFirstOrThrow();
    if (plan.lead_user_id === memberId) return fail("is_lead");
    const member = await trx
      .selectFrom("plan_team")
      .innerJoin("users", "users.id", "plan_team.user_id")
      .select("users.name")
      .where("plan_team.plan_id", "=", access.planId)
      .where("plan_team.user_id", "=", memberId)
      .executeTakeFirst();
    if (!member) return notFoundFailure();
    await leaveTeam(trx, access.planId, memberId);
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "team.remove",
      before: { member: member.name },
    });
    await audit(trx, {
      actor: actorOf(user),
      action: "team.remove",
      recordType: "plan",
      recordId: access.planId,
      planId: access.planId,
      personId: access.personId,
      details: { memberId },
    });
    return ok();
  });
}
