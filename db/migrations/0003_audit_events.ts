import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audit_events")
    .addColumn("seq", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("user_id", "text")
    .addColumn("organisation_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("record_type", "text", (c) => c.notNull())
    .addColumn("record_id", "text")
    .addColumn("person_id", "text")
    .addColumn("plan_id", "text")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("details", "text")
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_events_org_idx")
    .on("audit_events")
    .columns(["organisation_id", "occurred_at"])
    .execute();
  await db.schema.createIndex("audit_events_person_idx").on("audit_events").column("person_id").execute();
  await db.schema.createIndex("audit_events_user_idx").on("audit_events").column("user_id").execute();

  // The log is append-only: the database itself refuses changes.
  await sql`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS audit_events_no_delete`.execute(db);
  await sql`DROP TRIGGER IF EXISTS audit_events_no_update`.execute(db);
  await db.schema.dropTable("audit_events").execute();
}
