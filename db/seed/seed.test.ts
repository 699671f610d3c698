import { describe, expect, it } from "vitest";
import { createDb } from "../client.server";
import { migrateToLatest } from "../migrate";
import { DEMO_USERS } from "./demo-cast";
import { seedDemo } from "./seed";

describe("the demo seed", () => {
  it("fills an empty database once and never touches one that has data", async () => {
    const db = createDb("file::memory:");
    await migrateToLatest(db);
    expect(await seedDemo(db)).toBe("seeded");
    const users = await db.selectFrom("users").select("email").execute();
    expect(users.map((u) => u.email)).toEqual(expect.arrayContaining(DEMO_USERS.map((u) => u.email)));
    const counts = async () =>
      Promise.all(
        (["users", "plans", "deviations", "summary_snapshots", "audit_events"] as const).map(async (t) =>
          Number(
            (
              await db
                .selectFrom(t)
                .select((eb) => eb.fn.countAll<number>().as("n"))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    const before = await counts();
    expect(await seedDemo(db)).toBe("skipped");
    expect(await counts()).toEqual(before);
    await db.destroy();
  }, 60_000);
});
