import type { Kysely } from "kysely";

// Frozen in time: never import app code here.
//
// The coordinator's inbox counts a partnership's cases per status, and since routine cases went to
// managers it also filters on the handler. With only the partnership indexed, each count read every
// case of the partnership from the table (70 ms at bench volume); with the handler and status in one
// index the counts are read from the index alone (issue 13, docs/decisions/0016-page-speed.md).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("deviations_handler_status_idx")
    .on("deviations")
    .columns(["partnership_id", "handler", "status"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("deviations_handler_status_idx").execute();
}
