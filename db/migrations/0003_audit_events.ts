import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen in time: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audit_events")
    .addColumn("seq", "integer", (c) => (isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement()))
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
  if (isPostgres(db)) {
    await refuseChangesOnPostgres(db, "audit_events", "audit_events is append-only");
    return;
  }
  await sql`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema.dropTable("audit_events").execute();
    await sql`DROP FUNCTION IF EXISTS audit_events_refuse_change()`.execute(db);
    return;
  }
  await sql`DROP TRIGGER IF EXISTS audit_events_no_delete`.execute(db);
  await sql`DROP TRIGGER IF EXISTS audit_events_no_update`.execute(db);
  await db.schema.dropTable("audit_events").execute();
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * PostgreSQL triggers call a function: one PL/pgSQL function raising the error, fired before any
 * UPDATE or DELETE of a row and before TRUNCATE (which skips row triggers). The SQLite triggers
 * above raise the same message.
 */
export async function refuseChangesOnPostgres(db: Kysely<any>, table: string, message: string): Promise<void> {
  const fn = sql.id(`${table}_refuse_change`);
  await sql`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS ${sql.lit(
    `BEGIN RAISE EXCEPTION '${message}'; END;`,
  )}`.execute(db);
  await sql`CREATE TRIGGER ${sql.id(`${table}_no_update`)} BEFORE UPDATE ON ${sql.table(table)}
    FOR EACH ROW EXECUTE FUNCTION ${fn}()`.execute(db);
  await sql`CREATE TRIGGER ${sql.id(`${table}_no_delete`)} BEFORE DELETE ON ${sql.table(table)}
    FOR EACH ROW EXECUTE FUNCTION ${fn}()`.execute(db);
  await sql`CREATE TRIGGER ${sql.id(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${sql.table(table)}
    FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`.execute(db);
}
