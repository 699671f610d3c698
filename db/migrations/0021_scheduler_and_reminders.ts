import { sql, type Kysely } from "kysely";

// Scheduled jobs with a lease in the database, reminders sent once per person and item,
// each user's choice of which notifications also come by e-mail, and notifications that
// name what they are about (docs/decisions/0021-scheduler-and-reminders.md).
// Frozen in time: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per job. An instance runs a job only after claiming it with one conditional
  // UPDATE (due, and no live lease), so several instances on one database run it once.
  await db.schema
    .createTable("scheduled_jobs")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("next_run_at", "text", (c) => c.notNull())
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", "text")
    .addColumn("last_run_at", "text")
    .addColumn("last_error", "text")
    .addColumn("failures", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`failures >= 0`),
    )
    .execute();

  // The unique key is what makes a reminder go once, even if a job is run twice.
  await db.schema
    .createTable("reminders_sent")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("occasion", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("reminders_sent_pk", ["user_id", "kind", "item_id", "occasion"])
    .execute();
  await db.schema.createIndex("reminders_sent_item_idx").on("reminders_sent").column("item_id").execute();

  // A row per notification kind the user also wants by e-mail; "digest" for the daily digest.
  await db.schema
    .createTable("notification_mail_choices")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_mail_choices_pk", ["user_id", "kind"])
    .execute();

  // What a notification is about, de-identified: a case number, a plan kind, a meeting date,
  // and the date that matters (an answer-by date, a follow-up date).
  await db.schema
    .alterTable("notifications")
    .addColumn("subject_type", "text", (c) => c.check(sql`subject_type in ('deviation', 'plan', 'meeting')`))
    .execute();
  await db.schema.alterTable("notifications").addColumn("subject_ref", "text").execute();
  await db.schema.alterTable("notifications").addColumn("due_on", "text").execute();
  // Set once the notification has gone out by e-mail (or was found not to be wanted by e-mail).
  await db.schema.alterTable("notifications").addColumn("mailed_at", "text").execute();
  await db.schema
    .createIndex("notifications_unmailed_idx")
    .on("notifications")
    .columns(["mailed_at", "created_at"])
    .execute();
  await db.schema.alterTable("users").addColumn("last_digest_at", "text").execute();
  // The steering member's start page shows what is new since the previous visit.
  await db.schema.alterTable("users").addColumn("start_seen_at", "text").execute();
  await db.schema.alterTable("users").addColumn("start_previous_seen_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("start_previous_seen_at").execute();
  await db.schema.alterTable("users").dropColumn("start_seen_at").execute();
  await db.schema.alterTable("users").dropColumn("last_digest_at").execute();
  await db.schema.dropIndex("notifications_unmailed_idx").execute();
  await db.schema.alterTable("notifications").dropColumn("mailed_at").execute();
  await db.schema.alterTable("notifications").dropColumn("due_on").execute();
  await db.schema.alterTable("notifications").dropColumn("subject_ref").execute();
  await db.schema.alterTable("notifications").dropColumn("subject_type").execute();
  await db.schema.dropTable("notification_mail_choices").execute();
  await db.schema.dropTable("reminders_sent").execute();
  await db.schema.dropTable("scheduled_jobs").execute();
}
