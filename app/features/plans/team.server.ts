// Every write to a plan's team goes through here, so the plan's record of which kinds of
// organisation take part (read by the period summary) never drifts from the team itself.
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";

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
