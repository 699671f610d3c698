import type { Kysely } from "kysely";

// Frozen in time: never import app code here.
//
// The daily pages (convening and the person's letter):
// - a user may have a phone number, so the letter tells the person how to call the convener;
// - an invitee without an account (party "relative" since 0005: the person's relative, a god man,
//   an interpreter, another professional) records which of these they are. Null on the rows
//   before this migration, which were all relatives. Their name and how to reach them stay in
//   relative_name and relative_contact.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("phone", "text").execute();
  await db.schema.alterTable("meeting_invitees").addColumn("external_role", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("meeting_invitees").dropColumn("external_role").execute();
  await db.schema.alterTable("users").dropColumn("phone").execute();
}
