import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here.
//
// "Det här gör jag själv": an action the person takes on themself, recorded by the team and
// printed in "Min plan" as the person's own part (issue 20). The responsible organisation stays
// the one that recorded it, so every action keeps an organisation that answers for it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("plan_actions")
    .addColumn("by_person", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`by_person in (0, 1)`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("plan_actions").dropColumn("by_person").execute();
}
