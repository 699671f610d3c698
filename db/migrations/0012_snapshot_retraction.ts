import type { Kysely } from "kysely";

// Frozen in time: never import app code here.
//
// A frozen summary is "retracted", not "withdrawn": withdrawal is consent's word (a person
// withdrawing their consent), and the two must not be mistaken for each other in code or queries.
// Renaming keeps every stored value and the reference to the user who retracted.
const RENAMES = [
  ["withdrawn_at", "retracted_at"],
  ["withdrawn_by", "retracted_by"],
  ["withdrawal_reason", "retraction_reason"],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [from, to] of RENAMES) await db.schema.alterTable("summary_snapshots").renameColumn(from, to).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [from, to] of RENAMES) await db.schema.alterTable("summary_snapshots").renameColumn(to, from).execute();
}
