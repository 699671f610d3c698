import { sql, SqliteAdapter, type Kysely } from "kysely";

// Frozen in time: never import app code here. The allowed values are copied from the const lists
// in db/schema.ts as they stand at this migration (db/migrations/0013_enum_checks.test.ts keeps
// the two equal). A later migration that adds a value calls setEnumChecks with the wider list;
// the constraint keeps its name, "<table>_<column>_check", on both engines.

export type EnumChecks = Record<string, Record<string, readonly string[] | null>>;

const ORGANISATION_KINDS = [
  "social_services",
  "labour_market_unit",
  "adult_education",
  "employment_service",
  "social_insurance",
  "healthcare",
  "partnership_office",
  "other",
];

export const ENUM_CHECKS = {
  organisations: { kind: ORGANISATION_KINDS },
  role_grants: { role: ["caseworker", "coordinator", "contact", "steering", "auditor", "admin"] },
  plans: {
    kind: ["SIP", "GIP"],
    status: ["draft", "active", "closed"],
    outcome: [
      "work",
      "subsidised_work",
      "studies",
      "other_benefit",
      "other_support",
      "moved",
      "consent_withdrawn",
      "person_ended",
      "deceased",
      "unknown",
    ],
  },
  plan_actions: { status: ["planned", "ongoing", "done", "cancelled"] },
  consents: { grantor: ["self", "guardian"], form: ["written", "oral", "digital"] },
  deviations: {
    kind: ["between_parties", "routine"],
    category: [
      "rules_and_law",
      "responsibility",
      "capacity",
      "information_transfer",
      "availability",
      "waiting_time",
      "it_systems",
      "other",
    ],
    consequence: ["without_income", "delayed_measure", "sent_between_parties", "measure_ended", "health_risk", "other"],
    status: ["submitted", "in_review", "awaiting_response", "answered", "closed"],
    closing_outcome: ["resolved_locally", "improvement_agreed", "escalated", "not_actionable"],
    escalation_level: ["organisation", "partnership_board", "national"],
  },
  meetings: { status: ["scheduled", "held", "cancelled"] },
  meeting_invitees: {
    party: ["staff", "person", "relative"],
    kind: ["summons", "invitation"],
    response: ["pending", "accepted", "declined"],
    organisation_kind: ORGANISATION_KINDS,
  },
} satisfies EnumChecks;

export async function up(db: Kysely<any>): Promise<void> {
  await setEnumChecks(db, ENUM_CHECKS);
}

export async function down(db: Kysely<any>): Promise<void> {
  const none: EnumChecks = {};
  for (const [table, columns] of Object.entries(ENUM_CHECKS)) {
    none[table] = Object.fromEntries(Object.keys(columns).map((column) => [column, null]));
  }
  await setEnumChecks(db, none);
}

export const checkName = (table: string, column: string) => `${table}_${column}_check`;

/**
 * Sets the CHECK constraint `<table>_<column>_check` to "value is one of these (or null)" for each
 * column, replacing one of that name; `null` removes it. Refuses, naming table, column and count
 * (never a value), when existing rows hold a value outside the list.
 */
export async function setEnumChecks(db: Kysely<any>, checks: EnumChecks): Promise<void> {
  for (const [table, columns] of Object.entries(checks)) {
    for (const [column, values] of Object.entries(columns)) {
      if (!values) continue;
      const { n } = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where(column, "not in", values)
        .executeTakeFirstOrThrow();
      if (Number(n) > 0) {
        throw new Error(`${table}.${column}: ${n} rows hold a value outside [${values.join(", ")}]; fix them first.`);
      }
    }
  }
  if (db.getExecutor().adapter instanceof SqliteAdapter) await rebuildSqliteTables(db, checks);
  else await alterTables(db, checks);
}

const checkExpression = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

/** PostgreSQL (and any engine with ALTER TABLE … ADD CONSTRAINT): one statement per change. */
async function alterTables(db: Kysely<any>, checks: EnumChecks): Promise<void> {
  // The migrator already runs each migration in a transaction where DDL is transactional.
  const inTransaction = (work: (trx: Kysely<any>) => Promise<void>) =>
    db.isTransaction ? work(db) : db.transaction().execute(work);
  await inTransaction(async (trx) => {
    for (const [table, columns] of Object.entries(checks)) {
      for (const [column, values] of Object.entries(columns)) {
        await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(checkName(table, column))}`.execute(
          trx,
        );
        if (values) {
          await trx.schema
            .alterTable(table)
            .addCheckConstraint(checkName(table, column), checkExpression(column, values))
            .execute();
        }
      }
    }
  });
}

interface SchemaRow {
  type: string;
  name: string;
  sql: string | null;
}

/**
 * SQLite cannot add a constraint to a table everywhere we run, so each table is rebuilt the way
 * sqlite.org/lang_altertable.html ("other kinds of table schema changes") describes: foreign keys
 * off, one transaction, the same CREATE TABLE with the constraints changed under a new name, every
 * row copied, the old table dropped, the new one renamed, its indexes and triggers re-created from
 * their stored SQL, and a foreign-key check before commit. Columns others added in between are
 * kept, since the statement is read from the database rather than written here.
 */
async function rebuildSqliteTables(db: Kysely<any>, checks: EnumChecks): Promise<void> {
  const before = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      for (const [table, columns] of Object.entries(checks)) {
        const schema = await sql<SchemaRow>`
          select type, name, sql from sqlite_master where tbl_name = ${table} and sql is not null
        `.execute(trx);
        const create = schema.rows.find((r) => r.type === "table");
        if (!create?.sql) throw new Error(`No table ${table} to add checks to.`);
        let ddl = create.sql;
        for (const [column, values] of Object.entries(columns)) {
          ddl = withoutConstraint(ddl, checkName(table, column));
          if (values) {
            const list = values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ");
            ddl = withConstraint(ddl, `constraint "${checkName(table, column)}" check ("${column}" in (${list}))`);
          }
        }
        const rebuilt = `${table}__rebuilt`;
        await sql.raw(renamed(ddl, rebuilt)).execute(trx);
        await sql`insert into ${sql.table(rebuilt)} select * from ${sql.table(table)}`.execute(trx);
        await sql`drop table ${sql.table(table)}`.execute(trx);
        await sql`alter table ${sql.table(rebuilt)} rename to ${sql.table(table)}`.execute(trx);
        for (const r of schema.rows) if (r.type !== "table" && r.sql) await sql.raw(r.sql).execute(trx);
      }
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`Foreign keys broken after the rebuild: ${broken.rows.length}.`);
    });
  } finally {
    if (before.rows[0]?.foreign_keys) await sql`pragma foreign_keys = on`.execute(db);
  }
}

/** The CREATE TABLE statement with a new table name. */
function renamed(ddl: string, name: string): string {
  const match = /^\s*create\s+table\s+("(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[\w$]+)/i.exec(ddl);
  if (!match) throw new Error("Unexpected CREATE TABLE statement.");
  return `CREATE TABLE "${name}"${ddl.slice(match[0].length)}`;
}

/** The CREATE TABLE statement with a table constraint appended before its closing parenthesis. */
function withConstraint(ddl: string, constraint: string): string {
  const end = ddl.lastIndexOf(")");
  return `${ddl.slice(0, end).trimEnd()}, ${constraint})${ddl.slice(end + 1)}`;
}

/** The CREATE TABLE statement without the named constraint (and the comma before it), if present. */
function withoutConstraint(ddl: string, name: string): string {
  const start = new RegExp(`,\\s*constraint\\s+["\`\\[]?${name}["\`\\]]?\\s+check\\s*\\(`, "i").exec(ddl);
  if (!start) return ddl;
  let depth = 1;
  let i = start.index + start[0].length;
  let quoted = false;
  for (; i < ddl.length && depth > 0; i++) {
    const c = ddl[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === "(") depth++;
    else if (!quoted && c === ")") depth--;
  }
  return ddl.slice(0, start.index) + ddl.slice(i);
}
