import type { Kysely } from "kysely";

// Frozen in time: never import app code here.
//
// The coordinator's inbox lists a partnership's newest cases first. With only the partnership
// indexed, the database read and sorted every case of the partnership (100 000 at bench volume)
// to show 25; by partnership and creation time it reads the 25 it shows (issue 13,
// docs/decisions/0016-page-speed.md).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("deviations_partnership_created_idx")
    .on("deviations")
    .columns(["partnership_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("deviations_partnership_created_idx").execute();
}
