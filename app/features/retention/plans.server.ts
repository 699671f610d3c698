// Which closed plans are due for purging (the dry run), and the purge of one plan in one
// transaction. Everything a plan's team recorded goes; what holds no personal data stays:
// frozen summaries, deviations (they lose the link only) and the audit log's events (random ids).
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { CONSENT_ENTRY_TIMES } from "~/features/consent/consent.server";
import { SYSTEM_ACTOR, type Actor } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { todayInStockholm } from "~/lib/time";
import { dueDates, governingRule, researchExempt, type RetentionRule } from "./rules";
import { organisationRules, type OrganisationRule } from "./settings.server";

export interface PlanVerdict {
  planId: string;
  leadOrganisationId: string;
  /** The Stockholm date of the plan's last entry. */
  lastEntry: string;
  dueFrom: string;
  goneBy: string;
  state: "due" | "not_yet" | "research_exception";
}

/**
 * How the purge handles every column that refers to a plan or a person. A test compares this with
 * the schema, so a new table with a plan_id or person_id column fails until it is handled here.
 */
export const PLAN_REFERENCES = {
  "plans.id": "deleted",
  "plans.person_id": "deleted",
  "plan_person_details.plan_id": "deleted",
  "plan_person_details.person_id": "deleted",
  "plan_team.plan_id": "deleted",
  "plan_actions.plan_id": "deleted",
  "plan_follow_ups.plan_id": "deleted",
  "plan_notes.plan_id": "deleted",
  "plan_history.plan_id": "deleted",
  "consents.plan_id": "deleted",
  "consents.person_id": "deleted",
  "meetings.plan_id": "deleted",
  "notifications.plan_id": "deleted",
  "deviations.plan_id": "link_cleared",
  "persons.protected_plan_id": "link_cleared",
  "audit_events.plan_id": "kept_random_ids",
  "audit_events.person_id": "kept_random_ids",
} as const;

/** The newest entry of each closed plan, as an ISO time: the latest of everything its team wrote. */
async function closedPlans(db: DB) {
  return db
    .selectFrom("plans")
    .innerJoin("persons", "persons.id", "plans.person_id")
    .select(() => {
      const newest = (table: string, column: string) =>
        sql<string | null>`(select max(${sql.ref(`${table}.${column}`)}) from ${sql.table(table)} where ${sql.ref(
          `${table}.plan_id`,
        )} = plans.id)`;
      return [
        "plans.id" as const,
        "plans.lead_organisation_id" as const,
        "plans.updated_at" as const,
        "plans.closed_at" as const,
        "persons.identity_number" as const,
        newest("plan_history", "occurred_at").as("history_at"),
        newest("plan_notes", "created_at").as("note_at"),
        newest("plan_actions", "updated_at").as("action_at"),
        newest("plan_follow_ups", "created_at").as("follow_up_at"),
        newest("meetings", "updated_at").as("meeting_at"),
        newest("consents", CONSENT_ENTRY_TIMES.recorded).as("consent_at"),
        newest("consents", CONSENT_ENTRY_TIMES.withdrawn).as("withdrawal_at"),
      ];
    })
    .where("plans.status", "=", "closed")
    .orderBy("plans.id")
    .execute();
}

async function teamOrganisations(db: DB, planIds: string[]): Promise<Map<string, Set<string>>> {
  const byPlan = new Map<string, Set<string>>();
  for (let i = 0; i < planIds.length; i += 500) {
    const rows = await db
      .selectFrom("plan_team")
      .innerJoin("users", "users.id", "plan_team.user_id")
      .select(["plan_team.plan_id", "users.organisation_id"])
      .where("plan_team.plan_id", "in", planIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const set = byPlan.get(r.plan_id) ?? new Set<string>();
      set.add(r.organisation_id);
      byPlan.set(r.plan_id, set);
    }
  }
  return byPlan;
}

/** Every closed plan with its verdict on `today` (a Stockholm date). */
export async function planVerdicts(
  db: DB,
  today = todayInStockholm(),
  rules?: Map<string, OrganisationRule>,
): Promise<PlanVerdict[]> {
  const allRules = rules ?? (await organisationRules(db));
  const plans = await closedPlans(db);
  const teams = await teamOrganisations(
    db,
    plans.map((p) => p.id),
  );
  return plans.map((p) => {
    const times = [
      p.updated_at,
      p.closed_at,
      p.history_at,
      p.note_at,
      p.action_at,
      p.follow_up_at,
      p.meeting_at,
      p.consent_at,
      p.withdrawal_at,
    ].filter((t): t is string => typeof t === "string" && t.length > 0);
    const newest = times.reduce((a, b) => (a > b ? a : b));
    const lastEntry = todayInStockholm(new Date(newest));
    const organisations = new Set([p.lead_organisation_id, ...(teams.get(p.id) ?? [])]);
    const rule = governingRule(
      [...organisations].map((id) => allRules.get(id)?.rule).filter((r): r is RetentionRule => r !== undefined),
    );
    const { dueFrom, goneBy } = dueDates(lastEntry, rule.planYears);
    const state: PlanVerdict["state"] =
      dueFrom > today
        ? "not_yet"
        : rule.researchException && researchExempt(p.identity_number)
          ? "research_exception"
          : "due";
    return { planId: p.id, leadOrganisationId: p.lead_organisation_id, lastEntry, dueFrom, goneBy, state };
  });
}

/**
 * Deletes one due plan and everything recorded in it, in the caller's transaction; the person
 * goes too when no other plan keeps them. Returns false when the plan is gone already.
 */
export async function purgePlan(trx: DB, planId: string, actor: Actor = SYSTEM_ACTOR): Promise<boolean> {
  const plan = await trx
    .selectFrom("plans")
    .select(["id", "person_id", "lead_organisation_id"])
    .where("id", "=", planId)
    .executeTakeFirst();
  if (!plan) return false;
  const meetingIds = trx.selectFrom("meetings").select("id").where("plan_id", "=", planId);
  const consentIds = trx.selectFrom("consents").select("id").where("plan_id", "=", planId);

  await trx.deleteFrom("notifications").where("plan_id", "=", planId).execute();
  // Mail about the plan's meetings carries the meeting's link (a random id), never the person.
  for (const meeting of await meetingIds.execute()) {
    await trx.deleteFrom("outbox").where("text_body", "like", `%/meetings/${meeting.id}%`).execute();
  }
  await trx.updateTable("deviations").set({ plan_id: null }).where("plan_id", "=", planId).execute();
  await trx.updateTable("persons").set({ protected_plan_id: null }).where("protected_plan_id", "=", planId).execute();
  await trx.deleteFrom("meeting_decisions").where("meeting_id", "in", meetingIds).execute();
  await trx.deleteFrom("meeting_invitees").where("meeting_id", "in", meetingIds).execute();
  await trx.deleteFrom("meetings").where("plan_id", "=", planId).execute();
  await trx.deleteFrom("consent_organisations").where("consent_id", "in", consentIds).execute();
  await trx.deleteFrom("consents").where("plan_id", "=", planId).execute();
  for (const table of ["plan_actions", "plan_follow_ups", "plan_notes", "plan_history", "plan_team"] as const) {
    await trx.deleteFrom(table).where("plan_id", "=", planId).execute();
  }
  await trx.deleteFrom("plan_person_details").where("plan_id", "=", planId).execute();
  await trx.deleteFrom("plans").where("id", "=", planId).execute();

  const keptBy = await trx.selectFrom("plans").select("id").where("person_id", "=", plan.person_id).limit(1).execute();
  const personRemoved = keptBy.length === 0;
  if (personRemoved) await trx.deleteFrom("persons").where("id", "=", plan.person_id).execute();

  await audit(trx, {
    actor,
    action: "retention.purged",
    recordType: "plan",
    recordId: planId,
    planId,
    personId: plan.person_id,
    details: { leadOrganisationId: plan.lead_organisation_id, personRemoved },
  });
  return true;
}
