import type { Kysely } from "kysely";

// Frozen in time: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("persons")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("identity_number", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("protected_identity", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("address", "text")
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("plans")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull().references("persons.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("lead_organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("lead_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("goal", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("needs", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("next_follow_up", "text")
    .addColumn("outcome", "text")
    .addColumn("closed_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("plans_person_idx").on("plans").column("person_id").execute();
  await db.schema.createIndex("plans_lead_org_idx").on("plans").columns(["lead_organisation_id", "status"]).execute();

  await db.schema
    .createTable("plan_team")
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("plan_team_pk", ["plan_id", "user_id"])
    .execute();
  await db.schema.createIndex("plan_team_user_idx").on("plan_team").columns(["user_id", "plan_id"]).execute();

  await db.schema
    .createTable("plan_actions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("responsible_organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("responsible_user_id", "text", (c) => c.references("users.id"))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("start_date", "text")
    .addColumn("due_date", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("plan_actions_plan_idx").on("plan_actions").column("plan_id").execute();

  await db.schema
    .createTable("plan_follow_ups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("due_on", "text")
    .addColumn("reviewed", "text", (c) => c.notNull())
    .addColumn("next_date", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("plan_follow_ups_plan_idx").on("plan_follow_ups").column("plan_id").execute();

  await db.schema
    .createTable("plan_notes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("plan_notes_plan_idx").on("plan_notes").column("plan_id").execute();

  await db.schema
    .createTable("plan_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("change", "text", (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema.createIndex("plan_history_plan_idx").on("plan_history").columns(["plan_id", "occurred_at"]).execute();

  await db.schema
    .createTable("consents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("person_id", "text", (c) => c.notNull().references("persons.id"))
    .addColumn("grantor", "text", (c) => c.notNull())
    .addColumn("child_view", "text")
    .addColumn("categories", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("given_on", "text", (c) => c.notNull())
    .addColumn("form", "text", (c) => c.notNull())
    .addColumn("documented_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_until", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .addColumn("withdrawn_by", "text", (c) => c.references("users.id"))
    .addColumn("withdrawal_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("consents_plan_idx").on("consents").column("plan_id").execute();

  await db.schema
    .createTable("consent_organisations")
    .addColumn("consent_id", "text", (c) => c.notNull().references("consents.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addPrimaryKeyConstraint("consent_organisations_pk", ["consent_id", "organisation_id"])
    .execute();
  await db.schema
    .createIndex("consent_organisations_org_idx")
    .on("consent_organisations")
    .columns(["organisation_id", "consent_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "consent_organisations",
    "consents",
    "plan_history",
    "plan_notes",
    "plan_follow_ups",
    "plan_actions",
    "plan_team",
    "plans",
    "persons",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
