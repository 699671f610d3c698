import {
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type DatabaseConnection,
  type Driver,
} from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type DB } from "../client.server";
import * as schema from "../schema";
import { seedDemo } from "../seed/seed";
import { migrateToLatest } from "../migrate";
import { ENUM_CHECKS, setEnumChecks, type EnumChecks } from "./0013_enum_checks";
import { WIDENED as WIDENED_0017 } from "./0017_routine_deviations_to_managers";
import { WIDENED as WIDENED_0018 } from "./0018_outcomes_partnership_kind_escalation";
import { migrations } from "./index";

const NAME = "0013_enum_checks";
const previous = () => {
  const names = Object.keys(migrations).sort();
  return names[names.indexOf(NAME) - 1];
};
const migrator = (db: DB) =>
  new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });

/** Every row of every table, every index and trigger and every foreign key, as text to compare. */
async function snapshot(db: DB) {
  const objects = await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
    select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' and tbl_name not like 'kysely_%' order by name
  `.execute(db);
  const tables: Record<string, unknown[]> = {};
  const foreignKeys: Record<string, unknown[]> = {};
  for (const t of objects.rows.filter((o) => o.type === "table")) {
    tables[t.name] = (await sql`select * from ${sql.table(t.name)} order by rowid`.execute(db)).rows;
    foreignKeys[t.name] = (await sql`select * from pragma_foreign_key_list(${t.name})`.execute(db)).rows;
  }
  const indexesAndTriggers = objects.rows
    .filter((o) => o.type !== "table")
    .map((o) => [o.type, o.name, o.tbl_name, o.sql]);
  return { tables, foreignKeys, indexesAndTriggers };
}

async function setBadValue(db: DB, table: string, column: string) {
  await sql`update ${sql.table(table)} set ${sql.ref(column)} = 'no_such_value'
            where rowid = (select min(rowid) from ${sql.table(table)})`.execute(db);
}

/**
 * The demo as the app writes it today, then migrated down to `name`: the seed is today's code,
 * so it runs on today's schema and each later migration's `down` takes the rows back.
 */
async function seededAt(db: DB, name: string) {
  await migrateToLatest(db);
  await seedDemo(db);
  const result = await migrator(db).migrateTo(name);
  if (result.error) throw result.error;
}

/** 0013's lists as later migrations widened them, and the columns they added checks to. */
function currentChecks(): EnumChecks {
  const merged: EnumChecks = structuredClone(ENUM_CHECKS);
  for (const widened of [WIDENED_0017, WIDENED_0018] as EnumChecks[]) {
    for (const [table, columns] of Object.entries(widened)) merged[table] = { ...merged[table], ...columns };
  }
  return merged;
}

let db: DB | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe(`migration ${NAME}`, () => {
  it("keeps every row, index, trigger and foreign key, and then refuses values outside each list", async () => {
    db = createDb("file::memory:");
    await seededAt(db, previous());
    const before = await snapshot(db);
    expect(before.tables.deviations.length).toBeGreaterThan(0);

    const up = await migrator(db).migrateTo(NAME);
    expect(up.error).toBeUndefined();
    expect(await snapshot(db)).toEqual(before);
    expect((await sql`pragma integrity_check`.execute(db)).rows).toEqual([{ integrity_check: "ok" }]);
    expect((await sql`pragma foreign_keys`.execute(db)).rows).toEqual([{ foreign_keys: 1 }]);

    for (const [table, columns] of Object.entries(ENUM_CHECKS)) {
      const [{ n }] = (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows;
      expect(n, `the demo has ${table} rows to try`).toBeGreaterThan(0);
      for (const column of Object.keys(columns)) {
        await expect(setBadValue(db, table, column), `${table}.${column}`).rejects.toThrow(
          `CHECK constraint failed: ${table}_${column}_check`,
        );
      }
    }
    // Null stays allowed where the column allows it (an open plan has no outcome).
    await sql`update plans set outcome = null where status <> 'closed'`.execute(db);

    const beforeDown = await snapshot(db);
    const down = await migrator(db).migrateTo(previous());
    expect(down.error).toBeUndefined();
    expect(await snapshot(db)).toEqual(beforeDown);
    await setBadValue(db, "organisations", "kind");
  });

  it("refuses to run over rows that already hold a value outside a list, naming no value", async () => {
    db = createDb("file::memory:");
    await seededAt(db, previous());
    await setBadValue(db, "deviations", "category");
    const rowsBefore = (await snapshot(db)).tables;
    const result = await migrator(db).migrateTo(NAME);
    expect(String(result.error)).toMatch(/deviations\.category: 1 rows hold a value outside/);
    expect(String(result.error)).not.toContain("no_such_value");
    expect((await snapshot(db)).tables).toEqual(rowsBefore);
  });

  it("can widen a list later under the same constraint name", async () => {
    db = createDb("file::memory:");
    await seededAt(db, NAME);
    await setEnumChecks(db, { plans: { outcome: [...ENUM_CHECKS.plans.outcome, "new_outcome"] } });
    await sql`update plans set outcome = 'new_outcome'`.execute(db);
    await expect(setBadValue(db, "plans", "outcome")).rejects.toThrow("CHECK constraint failed: plans_outcome_check");
    const ddl = await sql<{ sql: string }>`select sql from sqlite_master where name = 'plans'`.execute(db);
    expect(ddl.rows[0].sql.match(/plans_outcome_check/g)).toHaveLength(1);
  });

  it("issues plain ALTER TABLE … ADD CONSTRAINT … CHECK statements on PostgreSQL", async () => {
    const issued: string[] = [];
    const connection: DatabaseConnection = {
      async executeQuery(query) {
        issued.push(query.sql);
        return { rows: query.sql.startsWith("select") ? ([{ n: 0 }] as never[]) : [] };
      },
      // eslint-disable-next-line require-yield
      async *streamQuery() {
        throw new Error("not used");
      },
    };
    const driver: Driver = {
      init: async () => {},
      acquireConnection: async () => connection,
      beginTransaction: async () => {},
      commitTransaction: async () => {},
      rollbackTransaction: async () => {},
      releaseConnection: async () => {},
      destroy: async () => {},
    };
    const pg = new Kysely<unknown>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => driver,
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    await setEnumChecks(pg, { deviations: { kind: ["between_parties", "routine"] } });
    expect(issued.slice(1)).toEqual([
      'alter table "deviations" drop constraint if exists "deviations_kind_check"',
      `alter table "deviations" add constraint "deviations_kind_check" check ("kind" in ('between_parties', 'routine'))`,
    ]);
  });

  it("lists, with the later migrations' widenings, exactly the values of the const lists in db/schema.ts", () => {
    expect(currentChecks()).toEqual({
      organisations: { kind: schema.ORGANISATION_KINDS },
      partnerships: { kind: schema.PARTNERSHIP_KINDS },
      role_grants: { role: schema.ROLES },
      plans: { kind: schema.PLAN_KINDS, status: schema.PLAN_STATUSES, outcome: schema.PLAN_OUTCOMES },
      plan_actions: { status: schema.ACTION_STATUSES },
      consents: { grantor: schema.CONSENT_GRANTORS, form: schema.CONSENT_FORMS },
      deviations: {
        kind: schema.DEVIATION_KINDS,
        handler: schema.DEVIATION_HANDLERS,
        category: schema.DEVIATION_CATEGORIES,
        consequence: schema.DEVIATION_CONSEQUENCES,
        status: schema.DEVIATION_STATUSES,
        closing_outcome: schema.CLOSING_OUTCOMES,
        escalation_level: schema.ESCALATION_LEVELS,
      },
      meetings: { status: schema.MEETING_STATUSES },
      meeting_invitees: {
        party: schema.INVITEE_PARTIES,
        kind: schema.INVITATION_KINDS,
        response: schema.RESPONSES,
        organisation_kind: schema.ORGANISATION_KINDS,
      },
    });
  });
});
