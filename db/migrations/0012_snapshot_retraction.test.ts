// An installation upgraded to 0012 keeps every retraction it has recorded, under the new names.
import { describe, expect, it } from "vitest";
import { createDb } from "../client.server";
import { migrateToLatest } from "../migrate";
import { newId } from "../portable";
import { makePartnership, makeUser } from "../../test/factories";
import * as m0012 from "./0012_snapshot_retraction";

describe("migration 0012", () => {
  it("renames a snapshot's withdrawal columns to retraction columns, keeping their values", async () => {
    const db = createDb("file::memory:");
    await migrateToLatest(db);
    // Back to the columns as 0007 made them, whichever migrations run after 0012.
    await m0012.down(db);

    const partnership = await makePartnership(db);
    const coordinator = await makeUser(db);
    const snapshot = (id: string, retraction: { at: string; reason: string } | null) => ({
      id,
      partnership_id: partnership.id,
      period_key: "HT2026",
      period_label: "HT 2026",
      meeting_name: "Styrgruppen",
      meeting_date: "2027-02-01",
      figures: "{}",
      created_by: coordinator.id,
      created_at: "2027-01-20T08:00:00.000Z",
      released_at: "2027-01-21T08:00:00.000Z",
      released_by: coordinator.id,
      withdrawn_at: retraction?.at ?? null,
      withdrawn_by: retraction ? coordinator.id : null,
      withdrawal_reason: retraction?.reason ?? null,
    });
    const [retracted, kept] = [newId(), newId()];
    await db
      .insertInto("summary_snapshots" as never)
      .values([
        snapshot(retracted, { at: "2027-01-22T09:30:00.000Z", reason: "Fel period" }),
        snapshot(kept, null),
      ] as never)
      .execute();

    await m0012.up(db);
    const rows = await db
      .selectFrom("summary_snapshots")
      .select(["id", "released_at", "retracted_at", "retracted_by", "retraction_reason"])
      .orderBy("id")
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r]))).toEqual({
      [retracted]: {
        id: retracted,
        released_at: "2027-01-21T08:00:00.000Z",
        retracted_at: "2027-01-22T09:30:00.000Z",
        retracted_by: coordinator.id,
        retraction_reason: "Fel period",
      },
      [kept]: {
        id: kept,
        released_at: "2027-01-21T08:00:00.000Z",
        retracted_at: null,
        retracted_by: null,
        retraction_reason: null,
      },
    });
    // The reference to the user who retracted still holds.
    await expect(
      db.updateTable("summary_snapshots").set({ retracted_by: "no-such-user" }).where("id", "=", retracted).execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
    await db.destroy();
  });
});
