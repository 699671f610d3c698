import type { Kysely } from "kysely";

// Breakdowns, follow-up cadence and progression (docs/decisions/0022-breakdowns-cadence-progression.md).
// Frozen in time: never import app code here.
//
// - A partnership sets the longest interval between follow-ups (months), its list of insats types
//   and its progression scale (named steps); the lists are JSON arrays of names.
// - An action records its insats type (a name from the list when it was added).
// - A plan and a follow-up keep the reason given for a next follow-up beyond the interval.
// - A follow-up records the step of the scale the person stands on (1 = the first step).
// - Actions are counted in the summary by when they were added: an index for that range.

const DEFAULT_ACTION_TYPES = [
  "Kartläggning",
  "Motivation",
  "Arbetsträning",
  "Studier",
  "Matchning mot arbete",
  "Hälsa",
  "Annat",
];

const DEFAULT_PROGRESSION_STEPS = [
  "Mycket långt från arbete eller studier",
  "Långt från arbete eller studier",
  "Närmar sig arbete eller studier",
  "Nära arbete eller studier",
  "Redo för arbete eller studier",
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("partnerships")
    .addColumn("max_follow_up_months", "integer", (c) => c.notNull().defaultTo(3))
    .execute();
  await db.schema
    .alterTable("partnerships")
    .addColumn("action_types", "text", (c) => c.notNull().defaultTo(JSON.stringify(DEFAULT_ACTION_TYPES)))
    .execute();
  await db.schema
    .alterTable("partnerships")
    .addColumn("progression_steps", "text", (c) => c.notNull().defaultTo(JSON.stringify(DEFAULT_PROGRESSION_STEPS)))
    .execute();
  await db.schema.alterTable("plan_actions").addColumn("insats_type", "text").execute();
  await db.schema.alterTable("plans").addColumn("follow_up_reason", "text").execute();
  await db.schema.alterTable("plan_follow_ups").addColumn("interval_reason", "text").execute();
  await db.schema.alterTable("plan_follow_ups").addColumn("progression_step", "integer").execute();
  await db.schema
    .createIndex("plan_actions_created_idx")
    .on("plan_actions")
    .columns(["created_at", "plan_id", "responsible_organisation_id", "insats_type"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("plan_actions_created_idx").execute();
  await db.schema.alterTable("plan_follow_ups").dropColumn("progression_step").execute();
  await db.schema.alterTable("plan_follow_ups").dropColumn("interval_reason").execute();
  await db.schema.alterTable("plans").dropColumn("follow_up_reason").execute();
  await db.schema.alterTable("plan_actions").dropColumn("insats_type").execute();
  await db.schema.alterTable("partnerships").dropColumn("progression_steps").execute();
  await db.schema.alterTable("partnerships").dropColumn("action_types").execute();
  await db.schema.alterTable("partnerships").dropColumn("max_follow_up_months").execute();
}
