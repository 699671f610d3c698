import type { Kysely } from "kysely";
import { ENUM_CHECKS, setEnumChecks, type EnumChecks } from "./0013_enum_checks";

// Frozen in time: never import app code here. Routine deviations go to the managers of the
// organisation whose routine was not followed (docs/decisions/0020-routine-deviations-and-indicators.md).
// Cases already reported stay with the coordinator who has them: every existing row gets the
// handler "coordinator"; only cases reported from now on are handled by managers.

/** The lists this migration widens or adds, on top of 0013's. */
export const WIDENED = {
  role_grants: { role: [...ENUM_CHECKS.role_grants.role, "manager"] },
  deviations: { handler: ["coordinator", "manager"] },
} satisfies EnumChecks;

export async function up(db: Kysely<any>): Promise<void> {
  // No foreign key on the new column: SQLite cannot drop a column that one names, and the
  // organisation is always one of the partnership's, checked by the command that writes it.
  await db.schema
    .alterTable("deviations")
    .addColumn("handler", "text", (c) => c.notNull().defaultTo("coordinator"))
    .execute();
  await db.schema.alterTable("deviations").addColumn("routine_organisation_id", "text").execute();
  await db
    .updateTable("deviations")
    .set((eb) => ({ routine_organisation_id: eb.ref("reporter_organisation_id") }))
    .where("kind", "=", "routine")
    .execute();
  // The managers' inbox: their organisation's routine cases.
  await db.schema
    .createIndex("deviations_routine_organisation_idx")
    .on("deviations")
    .columns(["routine_organisation_id", "handler"])
    .execute();
  await setEnumChecks(db, WIDENED);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Going back forgets the manager role; the cases managers handled return to the coordinator.
  await db.deleteFrom("role_grants").where("role", "=", "manager").execute();
  await setEnumChecks(db, { role_grants: ENUM_CHECKS.role_grants, deviations: { handler: null } });
  await db.schema.dropIndex("deviations_routine_organisation_idx").execute();
  await db.schema.alterTable("deviations").dropColumn("routine_organisation_id").execute();
  await db.schema.alterTable("deviations").dropColumn("handler").execute();
}
