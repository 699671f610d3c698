import { PostgresAdapter, sql, type Kysely } from "kysely";
import { refuseChangesOnPostgres } from "./0003_audit_events";

// Frozen in time: never import app code here.
//
// The keyed audit chain (docs/decisions/0012-audit-chain.md). The MAC key is not available here
// (migrations run where the key may not be), so the existing events are not re-signed: the
// migration records where the old unkeyed chain ends, and verification checks events up to that
// boundary by the old rule and every later event by its MAC, the first one chained to the boundary.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable("audit_events").addColumn("mac", "text").execute();

  await db.schema
    .createTable("audit_chain")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("legacy_until_seq", "integer", (c) => c.notNull())
    .addColumn("legacy_until_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  const last = await db
    .selectFrom("audit_events")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  await db
    .insertInto("audit_chain")
    .values({
      id: "main",
      legacy_until_seq: last ? Number(last.seq) : 0,
      legacy_until_hash: last ? last.hash : "0".repeat(64),
      created_at: new Date().toISOString(),
    })
    .execute();
  // Moving the boundary would let keyed events pass as old ones: it is as fixed as the log.
  if (postgres) {
    await refuseChangesOnPostgres(db, "audit_chain", "audit_chain is fixed");
  } else {
    await sql`CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
      BEGIN SELECT RAISE(ABORT, 'audit_chain is fixed'); END`.execute(db);
    await sql`CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
      BEGIN SELECT RAISE(ABORT, 'audit_chain is fixed'); END`.execute(db);
  }

  // Taken and renewed with a conditional UPDATE, never inserted at run time, so two instances
  // cannot both create it.
  await db.schema
    .createTable("audit_leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text")
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db
    .insertInto("audit_leases")
    .values({ name: "checkpoint", holder: null, expires_at: "1970-01-01T00:00:00.000Z" })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_leases").execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema.dropTable("audit_chain").execute();
    await sql`DROP FUNCTION IF EXISTS audit_chain_refuse_change()`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS audit_chain_no_delete`.execute(db);
    await sql`DROP TRIGGER IF EXISTS audit_chain_no_update`.execute(db);
    await db.schema.dropTable("audit_chain").execute();
  }
  await db.schema.alterTable("audit_events").dropColumn("mac").execute();
}
