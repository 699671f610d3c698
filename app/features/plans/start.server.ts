// The caseworker's start page: what needs doing, within the plans the access rule lets them see.
// Each plan is named by the name its own team recorded for the person; showing it is audited.
import type { DB } from "#db/client.server";
import type { PlanKind } from "#db/schema";
import { activeConsent, planAccessFilter, type AccessUser } from "~/features/access/access.server";
import { auditNamesShown } from "~/features/persons/persons.server";
import { addDays, todayInStockholm } from "~/lib/time";

export interface CaseworkerStart {
  overdueActions: { id: string; description: string; dueDate: string; planId: string; personName: string }[];
  followUps: { planId: string; kind: PlanKind; nextFollowUp: string; personName: string; overdue: boolean }[];
  uncoveredPlans: { planId: string; kind: PlanKind; personName: string; organisations: string[] }[];
}

export async function caseworkerStart(db: DB, user: AccessUser, today = todayInStockholm()): Promise<CaseworkerStart> {
  const overdueActions = await db
    .selectFrom("plan_actions")
    .innerJoin("plans", "plans.id", "plan_actions.plan_id")
    .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
    .select([
      "plan_actions.id",
      "plan_actions.description",
      "plan_actions.due_date",
      "plans.id as plan_id",
      "plans.person_id",
      "person.name as person_name",
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
    .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
    .select(["plans.id", "plans.kind", "plans.next_follow_up", "plans.person_id", "person.name as person_name"])
    .where(planAccessFilter(user, today))
    .where("plans.status", "=", "active")
    .where("plans.next_follow_up", "<=", addDays(today, 14))
    .orderBy("plans.next_follow_up")
    .limit(50)
    .execute();

  // Team organisations other than the lead that no active consent names.
  const uncovered = await db
    .selectFrom("plans")
    .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
    .innerJoin("plan_team", "plan_team.plan_id", "plans.id")
    .innerJoin("users as member", "member.id", "plan_team.user_id")
    .innerJoin("organisations as member_org", "member_org.id", "member.organisation_id")
    .select([
      "plans.id",
      "plans.kind",
      "plans.person_id",
      "person.name as person_name",
      "member_org.name as organisation_name",
    ])
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
    .orderBy("person.name")
    .limit(50)
    .execute();

  const byPlan = new Map<string, CaseworkerStart["uncoveredPlans"][number]>();
  for (const row of uncovered) {
    const entry = byPlan.get(row.id) ?? {
      planId: row.id,
      kind: row.kind,
      personName: row.person_name,
      organisations: [],
    };
    entry.organisations.push(row.organisation_name);
    byPlan.set(row.id, entry);
  }
  await auditNamesShown(db, user, "plan.list", [
    ...overdueActions.map((a) => ({ planId: a.plan_id, personId: a.person_id })),
    ...followUps.map((f) => ({ planId: f.id, personId: f.person_id })),
    ...uncovered.map((u) => ({ planId: u.id, personId: u.person_id })),
  ]);
  return {
    overdueActions: overdueActions.map((a) => ({
      id: a.id,
      description: a.description,
      dueDate: a.due_date!,
      planId: a.plan_id,
      personName: a.person_name,
    })),
    followUps: followUps.map((f) => ({
      planId: f.id,
      kind: f.kind,
      nextFollowUp: f.next_follow_up!,
      personName: f.person_name,
      overdue: f.next_follow_up! < today,
    })),
    uncoveredPlans: [...byPlan.values()],
  };
}
