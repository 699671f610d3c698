import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { makeUser, TEST_PASSWORD } from "../../../test/factories";
import { loadCurrentUser } from "~/features/auth/auth.server";
import { createSession, validateSessionToken } from "~/features/auth/session.server";
import { changeOwnPassword } from "./users.server";

describe("changing one's own password", () => {
  it("needs the current password, and ends every other session of the user", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const mine = await createSession(db, user.id);
    const other = await createSession(db, user.id);
    const session = (await validateSessionToken(db, mine.token))!;
    const current = (await loadCurrentUser(db, user.id, session.sessionId))!;

    expect(await changeOwnPassword(db, current, "fel lösenord", "ett helt nytt lösenord")).toMatchObject({
      ok: false,
      error: "wrong_password",
    });
    expect(await validateSessionToken(db, other.token)).not.toBeNull();

    expect((await changeOwnPassword(db, current, TEST_PASSWORD, "ett helt nytt lösenord")).ok).toBe(true);
    expect(await validateSessionToken(db, other.token)).toBeNull();
    expect(await validateSessionToken(db, mine.token)).not.toBeNull();
    const stored = await db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.password_hash).not.toContain("ett helt nytt");
  });
});
