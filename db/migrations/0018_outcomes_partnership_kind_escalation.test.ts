import { Migrator } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type DB } from "../client.server";
import { migrateToLatest } from "../migrate";
import { seedDemo } from "../seed/seed";
import { migrations } from "./index";

const NAME = "0018_outcomes_partnership_kind_escalation";
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
  it("turns old subsidised work into subsidised regular work, noted in each plan's history", async () => {
    db = createDb("file::memory:");
    await migrateToLatest(db);
    await seedDemo(db);
    expect((await migrator(db).migrateTo(previous())).error).toBeUndefined();
    // Before the split: some closed plans carry the old code.
    const closed = await db.selectFrom("plans").select("id").where("status", "=", "closed").limit(3).execute();
    expect(closed).toHaveLength(3);
    const ids = closed.map((p) => p.id);
    await db
      .updateTable("plans")
      .set({ outcome: "subsidised_work" as never })
      .where("id", "in", ids)
      .execute();

    const old = await db
      .selectFrom("plans")
      .select("id")
      .where("outcome", "=", "subsidised_work" as never)
      .execute();

    expect((await migrator(db).migrateTo(NAME)).error).toBeUndefined();
    const after = await db.selectFrom("plans").select(["id", "outcome"]).where("id", "in", ids).execute();
    expect(after.map((p) => p.outcome)).toEqual(ids.map(() => "subsidised_regular_work"));
    const notes = await db
      .selectFrom("plan_history")
      .select(["plan_id", "change", "before", "after"])
      .where("change", "=", "plan.outcome_split")
      .execute();
    expect(notes.map((n) => n.plan_id).sort()).toEqual(old.map((p) => p.id).sort());
    expect(notes.map((n) => n.plan_id)).toEqual(expect.arrayContaining(ids));
    for (const note of notes) {
      expect(JSON.parse(note.before!)).toEqual({ outcome: "subsidised_work" });
      expect(JSON.parse(note.after!)).toEqual({ outcome: "subsidised_regular_work" });
    }
    const remaining = await db
      .selectFrom("plans")
      .select("id")
      .where("outcome", "=", "subsidised_work" as never)
      .execute();
    expect(remaining).toEqual([]);
    // Every partnership is a samordningsförbund until the admin says otherwise.
    const kinds = await db.selectFrom("partnerships").select("kind").distinct().execute();
    expect(kinds).toEqual([{ kind: "samordningsforbund" }]);
  });
});
