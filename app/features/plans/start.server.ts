// The caseworker's start page: what needs doing, within the plans the access rule lets them see.
import type { DB } from "#db/client.server";
import { activeConsent, planAccessFilter, type AccessUser } from "~/features/access/access.server";
import { addDays, todayInStockholm } from "~/lib/time";

export async function caseworkerStart(db: DB, user: AccessUser, today = todayInStockholm()) {
  const overdueActions = await db
    .selectFrom("plan_actions")
    .innerJoin("plans", "plans.id", "plan_actions.plan_id")
    .innerJoin("persons", "persons.id", "plans.person_id")
    .select([
      "plan_actions.id",
      "plan_actions.description",
      "plan_actions.due_date",
      "plans.id as plan_id",
      "persons.name as person_name",
    ])
    .where(planAccessFilter(user, today))
    .where("plans.status", "!=", "closed")
    .where("plan_actions.status", "in", ["planned", "ongoing"])
    .where("plan_actions.due_date", "<", today)
    .where((eb) =>
      eb.or([
        eb("plan_actions.responsible_user_id", "=", user.id),
        eb.and([
          eb("plan_actions.responsible_user_id", "is", null),
          eb("plan_actions.responsible_organisation_id", "=", user.organisationId),
        ]),
      ]),
    )
    .orderBy("plan_actions.due_date")
    .limit(50)
    .execute();

  const followUps = await db
    .selectFrom("plans")
    .innerJoin("persons", "persons.id", "plans.person_id")
    .select(["plans.id", "plans.kind", "plans.next_follow_up", "persons.name as person_name"])
    .where(planAccessFilter(user, today))
    .where("plans.status", "=", "active")
    .where("plans.next_follow_up", "<=", addDays(today, 14))
    .orderBy("plans.next_follow_up")
    .limit(50)
    .execute();

  // Team organisations other than the lead that no active consent names.
  const uncovered = await db
    .selectFrom("plans")
    .innerJoin("persons", "persons.id", "plans.person_id")
    .innerJoin("plan_team", "plan_team.plan_id", "plans.id")
    .innerJoin("users as member", "member.id", "plan_team.user_id")
    .innerJoin("organisations as member_org", "member_org.id", "member.organisation_id")
    .select(["plans.id", "plans.kind", "persons.name as person_name", "member_org.name as organisation_name"])
    .where(planAccessFilter(user, today))
    .where("plans.status", "!=", "closed")
    .whereRef("member.organisation_id", "!=", "plans.lead_organisation_id")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("consents")
            .innerJoin("consent_organisations", "consent_organisations.consent_id", "consents.id")
            .select("consents.id")
            .whereRef("consents.plan_id", "=", "plans.id")
            .whereRef("consent_organisations.organisation_id", "=", "member.organisation_id")
            .where((c) => activeConsent(c, today)),
        ),
      ),
    )
    .distinct()
    .orderBy("persons.name")
    .limit(50)
    .execute();

  const byPlan = new Map<string, { id: string; kind: string; person_name: string; organisations: string[] }>();
  for (const row of uncovered) {
    const entry = byPlan.get(row.id) ?? { id: row.id, kind: row.kind, person_name: row.person_name, organisations: [] };
    entry.organisations.push(row.organisation_name);
    byPlan.set(row.id, entry);
  }
  return {
    overdueActions,
    followUps: followUps.map((f) => ({ ...f, overdue: f.next_follow_up! < today })),
    uncoveredPlans: [...byPlan.values()],
  };
}
