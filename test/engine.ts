// The few statements tests need that differ between SQLite and PostgreSQL.
import { sql } from "kysely";
import { isPostgres, type DB } from "#db/client.server";

/** What an attacker with the database owner's rights does first: drop a guard trigger. */
export async function dropTrigger(db: DB, trigger: string, table: string): Promise<void> {
  if (isPostgres(db)) await sql`DROP TRIGGER ${sql.id(trigger)} ON ${sql.table(table)}`.execute(db);
  else await sql`DROP TRIGGER ${sql.id(trigger)}`.execute(db);
}
