import { sql, type Kysely } from "kysely";

// The improvement register: what the steering group decided to improve, who owns it, by when,
// which deviation categories it targets, and whether it was done or dropped
// (docs/decisions/0025-improvement-register.md).
// Frozen in time: never import app code here. The category list is copied from db/schema.ts.
const CATEGORIES = [
  "rules_and_law",
  "responsibility",
  "capacity",
  "information_transfer",
  "availability",
  "waiting_time",
  "it_systems",
  "other",
];

const quoted = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("improvements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("partnership_id", "text", (c) => c.notNull().references("partnerships.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("owner_organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("owner_contact_id", "text", (c) => c.references("users.id"))
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("source_kind", "text", (c) =>
      c.notNull().check(sql`source_kind in ('closed_case', 'escalated_case', 'own')`),
    )
    .addColumn("source_deviation_id", "text", (c) => c.references("deviations.id"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("open")
        .check(sql`status in ('open', 'done', 'dropped')`),
    )
    .addColumn("status_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("done_at", "text")
    .addColumn("dropped_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // The coordinator's list and the summary start from the partnership; owners from their organisation or themselves.
  await db.schema
    .createIndex("improvements_partnership_idx")
    .on("improvements")
    .columns(["partnership_id", "status", "due_date"])
    .execute();
  await db.schema
    .createIndex("improvements_owner_org_idx")
    .on("improvements")
    .column("owner_organisation_id")
    .execute();
  await db.schema.createIndex("improvements_owner_contact_idx").on("improvements").column("owner_contact_id").execute();
  await db.schema.createIndex("improvements_source_idx").on("improvements").column("source_deviation_id").execute();

  await db.schema
    .createTable("improvement_categories")
    .addColumn("improvement_id", "text", (c) => c.notNull().references("improvements.id").onDelete("cascade"))
    .addColumn("category", "text", (c) => c.notNull().check(sql`category in (${quoted(CATEGORIES)})`))
    .addPrimaryKeyConstraint("improvement_categories_pk", ["improvement_id", "category"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("improvement_categories").execute();
  await db.schema.dropTable("improvements").execute();
}
