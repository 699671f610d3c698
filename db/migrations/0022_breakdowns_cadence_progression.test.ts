import { Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type DB } from "../client.server";
import { migrateToLatest } from "../migrate";
import { migrations } from "./index";

const NAME = "0022_breakdowns_cadence_progression";
const migrator = (db: DB) =>
  new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
const previous = () => {
  const names = Object.keys(migrations).sort();
  return names[names.indexOf(NAME) - 1];
};

let db: DB | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe(`migration ${NAME}`, () => {
  it("gives existing partnerships the default plan settings, and down takes the columns away again", async () => {
    db = createDb("file::memory:");
    await migrateToLatest(db);
    expect((await migrator(db).migrateTo(previous())).error).toBeUndefined();
    const at = "2026-01-01T00:00:00.000Z";
    await db
      .insertInto("partnerships")
      .values({ id: "p1", name: "Förbundet", created_at: at, updated_at: at } as never)
      .execute();

    expect((await migrator(db).migrateTo(NAME)).error).toBeUndefined();
    const row = await db
      .selectFrom("partnerships")
      .select(["max_follow_up_months", "action_types", "progression_steps"])
      .where("id", "=", "p1")
      .executeTakeFirstOrThrow();
    expect(row.max_follow_up_months).toBe(3);
    expect(JSON.parse(row.action_types)).toEqual([
      "Kartläggning",
      "Motivation",
      "Arbetsträning",
      "Studier",
      "Matchning mot arbete",
      "Hälsa",
      "Annat",
    ]);
    expect(JSON.parse(row.progression_steps)).toHaveLength(5);

    expect((await migrator(db).migrateTo(previous())).error).toBeUndefined();
    const columns = await sql<{ name: string }>`select name from pragma_table_info('partnerships')`.execute(db);
    expect(columns.rows.map((c) => c.name)).not.toContain("action_types");
  });
});
