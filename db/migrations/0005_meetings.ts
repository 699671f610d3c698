import type { Kysely } from "kysely";

// Plan meetings (issue 5): meetings, their invitees and decisions, in-app notifications
// and the outbox for e-mail when no SMTP server is configured.
// Frozen in time: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("organiser_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull())
    .addColumn("place", "text")
    .addColumn("video_link", "text")
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("agenda", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("summons_sent_at", "text", (c) => c.notNull())
    .addColumn("held_at", "text")
    .addColumn("minutes", "text")
    .addColumn("recorded_by", "text", (c) => c.references("users.id"))
    .addColumn("recorded_at", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("cancelled_by", "text", (c) => c.references("users.id"))
    .addColumn("cancel_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("meetings_plan_idx").on("meetings").columns(["plan_id", "starts_at"]).execute();
  await db.schema.createIndex("meetings_starts_idx").on("meetings").columns(["starts_at", "status"]).execute();

  await db.schema
    .createTable("meeting_invitees")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("party", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.references("users.id"))
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id"))
    .addColumn("organisation_kind", "text")
    .addColumn("relative_name", "text")
    .addColumn("relative_contact", "text")
    .addColumn("response", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("response_reason", "text")
    .addColumn("responded_at", "text")
    .addColumn("replaced_by", "text")
    .addColumn("attended", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("meeting_invitees_meeting_idx").on("meeting_invitees").column("meeting_id").execute();
  await db.schema
    .createIndex("meeting_invitees_user_idx")
    .on("meeting_invitees")
    .columns(["user_id", "response"])
    .execute();

  await db.schema
    .createTable("meeting_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("action_id", "text", (c) => c.references("plan_actions.id").onDelete("set null"))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("meeting_decisions_meeting_idx").on("meeting_decisions").column("meeting_id").execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("plan_id", "text", (c) => c.references("plans.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema
    .createIndex("notifications_user_idx")
    .on("notifications")
    .columns(["user_id", "read_at", "created_at"])
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("ics", "text")
    .addColumn("ics_method", "text")
    .addColumn("delivery", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("outbox_created_idx").on("outbox").column("created_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["outbox", "notifications", "meeting_decisions", "meeting_invitees", "meetings"]) {
    await db.schema.dropTable(table).execute();
  }
}
