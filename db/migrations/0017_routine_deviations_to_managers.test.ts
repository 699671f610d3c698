import { Migrator } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type DB } from "../client.server";
import { migrateToLatest } from "../migrate";
import { seedDemo } from "../seed/seed";
import { migrations } from "./index";

const NAME = "0017_routine_deviations_to_managers";
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
  it("leaves every case reported before it with the coordinator, routine cases naming the reporter's organisation", async () => {
    db = createDb("file::memory:");
    await migrateToLatest(db);
    await seedDemo(db);
    expect((await migrator(db).migrateTo(previous())).error).toBeUndefined();
    expect((await migrator(db).migrateTo(NAME)).error).toBeUndefined();
    const cases = await db
      .selectFrom("deviations")
      .select(["kind", "handler", "routine_organisation_id", "reporter_organisation_id"])
      .execute();
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(c.handler).toBe("coordinator");
      expect(c.routine_organisation_id).toBe(c.kind === "routine" ? c.reporter_organisation_id : null);
    }
    // Going down forgot the managers; the role is allowed again after.
    const managers = await db.selectFrom("role_grants").select("id").where("role", "=", "manager").execute();
    expect(managers).toEqual([]);
  });
});
