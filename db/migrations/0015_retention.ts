import { sql, SqliteAdapter, type Kysely } from "kysely";

// Frozen in time: never import app code here.
//
// Retention (docs/decisions/0018-retention-backup-extract.md):
// - retention_settings: one row per organisation that changed its defaults (the defaults by
//   organisation kind live in app/features/retention/rules.ts, since the law behind them changes
//   more often than the schema does).
// - retention_periods: how long data not tied to a plan is kept, seeded with the defaults.
// - audit_prunes: where old audit segments were removed, each at a checkpoint kept outside the
//   database; verification starts from the newest. The log's delete trigger now lets through
//   only events at or below it, and the table itself only grows.
const PERIODS: [string, number][] = [
  ["login_attempts", 90],
  ["ended_sessions", 30],
  ["outbox", 90],
  ["read_notifications", 365],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("retention_settings")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id").onDelete("cascade"))
    .addColumn("plan_years", "integer", (c) => c.notNull())
    .addColumn("research_exception", "integer", (c) => c.notNull())
    .addColumn("audit_years", "integer", (c) => c.notNull())
    .addColumn("extract_staff_names", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("retention_periods")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("days", "integer", (c) => c.notNull())
    .execute();
  await db
    .insertInto("retention_periods")
    .values(PERIODS.map(([name, days]) => ({ name, days })))
    .execute();

  await db.schema
    .createTable("audit_prunes")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("mac", "text", (c) => c.notNull())
    .addColumn("checkpoint_at", "text", (c) => c.notNull())
    .addColumn("pruned_at", "text", (c) => c.notNull())
    .execute();

  await db.schema.createIndex("notifications_plan_idx").on("notifications").column("plan_id").execute();

  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`DROP TRIGGER IF EXISTS audit_events_no_delete`.execute(db);
    await sql`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      WHEN old.seq > (SELECT coalesce(max(seq), 0) FROM audit_prunes)
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_prunes_no_update BEFORE UPDATE ON audit_prunes
      BEGIN SELECT RAISE(ABORT, 'audit_prunes is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_prunes_no_delete BEFORE DELETE ON audit_prunes
      BEGIN SELECT RAISE(ABORT, 'audit_prunes is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_prunes_forward BEFORE INSERT ON audit_prunes
      WHEN new.seq <= (SELECT coalesce(max(seq), 0) FROM audit_prunes)
      BEGIN SELECT RAISE(ABORT, 'audit_prunes only moves forward'); END`.execute(db);
  } else {
    // PostgreSQL: the same rules as one trigger function per table.
    await sql`CREATE OR REPLACE FUNCTION audit_events_delete_guard() RETURNS trigger AS $$
      BEGIN
        IF old.seq > (SELECT coalesce(max(seq), 0) FROM audit_prunes) THEN
          RAISE EXCEPTION 'audit_events is append-only';
        END IF;
        RETURN old;
      END $$ LANGUAGE plpgsql`.execute(db);
    await sql`DROP TRIGGER IF EXISTS audit_events_no_delete ON audit_events`.execute(db);
    await sql`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_delete_guard()`.execute(db);
    await sql`CREATE OR REPLACE FUNCTION audit_prunes_guard() RETURNS trigger AS $$
      BEGIN
        IF TG_OP <> 'INSERT' OR new.seq <= (SELECT coalesce(max(seq), 0) FROM audit_prunes) THEN
          RAISE EXCEPTION 'audit_prunes is append-only and only moves forward';
        END IF;
        RETURN new;
      END $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER audit_prunes_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_prunes
      FOR EACH ROW EXECUTE FUNCTION audit_prunes_guard()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`DROP TRIGGER IF EXISTS audit_events_no_delete`.execute(db);
    await sql`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
    for (const name of ["audit_prunes_no_update", "audit_prunes_no_delete", "audit_prunes_forward"]) {
      await sql`DROP TRIGGER IF EXISTS ${sql.id(name)}`.execute(db);
    }
  } else {
    await sql`CREATE OR REPLACE FUNCTION audit_events_delete_guard() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$ LANGUAGE plpgsql`.execute(db);
    await sql`DROP TRIGGER IF EXISTS audit_prunes_guard ON audit_prunes`.execute(db);
    await sql`DROP FUNCTION IF EXISTS audit_prunes_guard()`.execute(db);
  }
  await db.schema.dropIndex("notifications_plan_idx").execute();
  await db.schema.dropTable("audit_prunes").execute();
  await db.schema.dropTable("retention_periods").execute();
  await db.schema.dropTable("retention_settings").execute();
}
