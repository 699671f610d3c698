import { describe, expect, it } from "vitest";
import { createDb, getDb } from "#db/client.server";
import { makeUser } from "../../../test/factories";
import {
  ABSOLUTE_LIFETIME_MS,
  createSession,
  IDLE_TIMEOUT_MS,
  invalidateUserSessions,
  sessionIdFromToken,
  validateSessionToken,
} from "./session.server";

const minutes = (n: number) => n * 60 * 1000;

describe("sessions", () => {
  it("store only the SHA-256 of the token", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const { token } = await createSession(db, user.id);
    const rows = await db.selectFrom("sessions").selectAll().where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(sessionIdFromToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("expire after 60 idle minutes", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const start = new Date("2026-11-23T08:00:00Z");
    const { token } = await createSession(db, user.id, start);
    expect(await validateSessionToken(db, token, new Date(start.getTime() + IDLE_TIMEOUT_MS - 1000))).not.toBeNull();
    // Activity at 59 minutes pushed the expiry forward: 100 minutes in is fine.
    expect(await validateSessionToken(db, token, new Date(start.getTime() + minutes(100)))).not.toBeNull();
    expect(await validateSessionToken(db, token, new Date(start.getTime() + minutes(161)))).toBeNull();
    // An expired session is gone for good.
    expect(await validateSessionToken(db, token, new Date(start.getTime() + minutes(101)))).toBeNull();
  });

  it("end after 12 hours however active the user is", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const start = new Date("2026-11-23T06:00:00Z");
    const { token } = await createSession(db, user.id, start);
    for (let t = minutes(30); t < ABSOLUTE_LIFETIME_MS; t += minutes(30)) {
      expect(await validateSessionToken(db, token, new Date(start.getTime() + t))).not.toBeNull();
    }
    expect(await validateSessionToken(db, token, new Date(start.getTime() + ABSOLUTE_LIFETIME_MS))).toBeNull();
  });

  it("stop working when the user is disabled or signed out everywhere", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const a = await createSession(db, user.id);
    const b = await createSession(db, user.id);
    await db.updateTable("users").set({ disabled_at: new Date().toISOString() }).where("id", "=", user.id).execute();
    expect(await validateSessionToken(db, a.token)).toBeNull();
    await db.updateTable("users").set({ disabled_at: null }).where("id", "=", user.id).execute();
    expect(await validateSessionToken(db, b.token)).not.toBeNull();
    await invalidateUserSessions(db, user.id);
    expect(await validateSessionToken(db, b.token)).toBeNull();
  });

  it("survive a server restart: they live in the database, not in memory", async () => {
    const user = await makeUser(getDb());
    const { token } = await createSession(getDb(), user.id);
    const restarted = createDb(process.env.DATABASE_URL!);
    expect(await validateSessionToken(restarted, token)).toMatchObject({ userId: user.id });
    await restarted.destroy();
  });

  it("reject unknown tokens", async () => {
    expect(await validateSessionToken(getDb(), "not-a-token")).toBeNull();
  });
});
