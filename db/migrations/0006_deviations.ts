import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("deviations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("event_date", "text", (c) => c.notNull())
    .addColumn("reporter_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("reporter_organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("reporter_role", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("consequence", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("tried_locally", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("suggested_improvement", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("plan_id", "text", (c) => c.references("plans.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("answer_by", "text")
    .addColumn("routed_at", "text")
    .addColumn("closing_outcome", "text")
    .addColumn("closing_note", "text")
    .addColumn("escalation_level", "text")
    .addColumn("agenda_date", "text")
    .addColumn("published_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("deviations_number_unique", ["partnership_id", "number"])
    .execute();
  await db.schema
    .createIndex("deviations_partnership_idx")
    .on("deviations")
    .columns(["partnership_id", "event_date"])
    .execute();
  await db.schema
    .createIndex("deviations_partnership_status_idx")
    .on("deviations")
    .columns(["partnership_id", "status"])
    .execute();
  await db.schema.createIndex("deviations_reporter_idx").on("deviations").column("reporter_id").execute();

  await db.schema
    .createTable("deviation_parties")
    .addColumn("deviation_id", "text", (c) => c.notNull().references("deviations.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addPrimaryKeyConstraint("deviation_parties_pk", ["deviation_id", "organisation_id"])
    .execute();
  await db.schema
    .createIndex("deviation_parties_org_idx")
    .on("deviation_parties")
    .columns(["organisation_id", "deviation_id"])
    .execute();

  // One row per organisation the coordinator routed the case to; answered_at is set by its first answer.
  await db.schema
    .createTable("deviation_routes")
    .addColumn("deviation_id", "text", (c) => c.notNull().references("deviations.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("routed_at", "text", (c) => c.notNull())
    .addColumn("answer_by", "text", (c) => c.notNull())
    .addColumn("answered_at", "text")
    .addPrimaryKeyConstraint("deviation_routes_pk", ["deviation_id", "organisation_id"])
    .execute();
  await db.schema
    .createIndex("deviation_routes_org_idx")
    .on("deviation_routes")
    .columns(["organisation_id", "deviation_id"])
    .execute();

  await db.schema
    .createTable("deviation_answers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("deviation_id", "text", (c) => c.notNull().references("deviations.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("deviation_answers_deviation_idx")
    .on("deviation_answers")
    .column("deviation_id")
    .execute();

  // Questions from the coordinator to the reporter, and the reporter's replies.
  await db.schema
    .createTable("deviation_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("deviation_id", "text", (c) => c.notNull().references("deviations.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("deviation_messages_deviation_idx")
    .on("deviation_messages")
    .column("deviation_id")
    .execute();

  await db.schema
    .createTable("deviation_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("deviation_id", "text", (c) => c.notNull().references("deviations.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("change", "text", (c) => c.notNull())
    .addColumn("details", "text")
    .execute();
  await db.schema
    .createIndex("deviation_events_deviation_idx")
    .on("deviation_events")
    .columns(["deviation_id", "occurred_at"])
    .execute();

  // The personal-data guard looks full names up case-insensitively.
  await db.schema
    .createIndex("persons_lower_name_idx")
    .on("persons")
    .expression(sql`lower(name)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("persons_lower_name_idx").execute();
  for (const table of [
    "deviation_events",
    "deviation_messages",
    "deviation_answers",
    "deviation_routes",
    "deviation_parties",
    "deviations",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
