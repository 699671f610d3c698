import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("plans").addColumn("activated_at", "text").execute();
  await sql`UPDATE plans SET activated_at = created_at WHERE status <> 'draft'`.execute(db);

  // A frozen summary: figures already suppressed, so no small counts are ever stored.
  await db.schema
    .createTable("summary_snapshots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id"))
    .addColumn("period_key", "text", (c) => c.notNull())
    .addColumn("period_label", "text", (c) => c.notNull())
    .addColumn("meeting_name", "text", (c) => c.notNull())
    .addColumn("meeting_date", "text", (c) => c.notNull())
    .addColumn("figures", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("released_at", "text")
    .addColumn("released_by", "text", (c) => c.references("users.id"))
    .addColumn("withdrawn_at", "text")
    .addColumn("withdrawn_by", "text", (c) => c.references("users.id"))
    .addColumn("withdrawal_reason", "text")
    .execute();
  await db.schema
    .createIndex("summary_snapshots_partnership_idx")
    .on("summary_snapshots")
    .columns(["partnership_id", "created_at"])
    .execute();

  // The summary's queries: plans by lead organisation over time.
  await db.schema
    .createIndex("plans_lead_created_idx")
    .on("plans")
    .columns(["lead_organisation_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("plans_lead_closed_idx")
    .on("plans")
    .columns(["lead_organisation_id", "closed_at"])
    .execute();
  await db.schema
    .createIndex("plans_lead_activated_idx")
    .on("plans")
    .columns(["lead_organisation_id", "activated_at"])
    .execute();
  await db.schema
    .createIndex("plan_follow_ups_held_idx")
    .on("plan_follow_ups")
    .columns(["held_on", "plan_id", "due_on"])
    .execute();
  await db.schema.createIndex("plans_id_lead_idx").on("plans").columns(["id", "lead_organisation_id"]).execute();
  await db.schema.createIndex("users_id_organisation_idx").on("users").columns(["id", "organisation_id"]).execute();
  await db.schema
    .createIndex("deviations_summary_idx")
    .on("deviations")
    .columns([
      "partnership_id",
      "event_date",
      "category",
      "consequence",
      "kind",
      "escalation_level",
      "status",
      "closing_outcome",
      "created_at",
      "routed_at",
      "closed_at",
      "number",
      "id",
    ])
    .execute();
  // Covering indexes: the summary reads these columns for every case in a period.
  await db.schema
    .createIndex("deviation_events_change_idx")
    .on("deviation_events")
    .columns(["deviation_id", "change", "occurred_at"])
    .execute();
  await db.schema
    .createIndex("deviation_routes_answers_idx")
    .on("deviation_routes")
    .columns(["deviation_id", "answer_by", "answered_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("deviation_routes_answers_idx").execute();
  await db.schema.dropIndex("deviation_events_change_idx").execute();
  await db.schema.dropIndex("deviations_summary_idx").execute();
  await db.schema.dropIndex("users_id_organisation_idx").execute();
  await db.schema.dropIndex("plans_id_lead_idx").execute();
  await db.schema.dropIndex("plan_follow_ups_held_idx").execute();
  await db.schema.dropIndex("plans_lead_activated_idx").execute();
  await db.schema.dropIndex("plans_lead_closed_idx").execute();
  await db.schema.dropIndex("plans_lead_created_idx").execute();
  await db.schema.dropTable("summary_snapshots").execute();
  await db.schema.alterTable("plans").dropColumn("activated_at").execute();
}
