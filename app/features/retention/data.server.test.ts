import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { newId } from "#db/portable";
import { makeUser } from "../../../test/factories";
import { dueData, purgeData } from "./data.server";

const NOW = new Date("2026-06-01T12:00:00.000Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

describe("data not tied to a plan", () => {
  it("goes after its own period: login attempts 90 days, ended sessions 30, outbox 90, read notifications a year", async () => {
    const db = getDb();
    const user = await makeUser();
    const attempt = (created_at: string) =>
      db
        .insertInto("login_attempts")
        .values({ email: "x@example.se", ip: "10.0.0.1", succeeded: 0, device: null, created_at });
    await attempt(daysAgo(91)).execute();
    await attempt(daysAgo(89)).execute();
    const session = (expires: string, absolute: string) =>
      db
        .insertInto("sessions")
        .values({
          id: newId(),
          user_id: user.id,
          created_at: daysAgo(400),
          expires_at: expires,
          absolute_expires_at: absolute,
        })
        .execute();
    await session(daysAgo(31), daysAgo(31));
    await session(daysAgo(29), daysAgo(29));
    const mail = (created_at: string) =>
      db
        .insertInto("outbox")
        .values({
          id: newId(),
          to_address: "y@example.se",
          subject: "Möte",
          text_body: "Text",
          ics: null,
          ics_method: null,
          delivery: "outbox",
          created_at,
        })
        .execute();
    await mail(daysAgo(91));
    await mail(daysAgo(89));
    const notification = (read_at: string | null, created_at = daysAgo(800)) =>
      db
        .insertInto("notifications")
        .values({
          id: newId(),
          user_id: user.id,
          kind: "meeting.summons",
          link: "/start",
          created_at,
          read_at,
        })
        .execute();
    await notification(daysAgo(366));
    await notification(daysAgo(364));
    await notification(null);

    const expected = { login_attempts: 1, ended_sessions: 1, outbox: 1, read_notifications: 1 };
    expect(await dueData(db, NOW)).toEqual(expected);
    expect(await db.transaction().execute((trx) => purgeData(trx, NOW))).toEqual(expected);
    expect(await dueData(db, NOW)).toEqual({ login_attempts: 0, ended_sessions: 0, outbox: 0, read_notifications: 0 });
    expect(await db.selectFrom("notifications").select("id").where("user_id", "=", user.id).execute()).toHaveLength(2);
  });

  it("follows the periods the installation set", async () => {
    const db = getDb();
    const attempt = (created_at: string) =>
      db
        .insertInto("login_attempts")
        .values({ email: "z@example.se", ip: "10.0.0.2", succeeded: 1, device: null, created_at })
        .execute();
    await db.deleteFrom("login_attempts").execute();
    await attempt(daysAgo(11));
    await attempt(daysAgo(9));
    expect((await dueData(db, NOW)).login_attempts).toBe(0);
    await db.updateTable("retention_periods").set({ days: 10 }).where("name", "=", "login_attempts").execute();
    expect((await dueData(db, NOW)).login_attempts).toBe(1);
  });
});
