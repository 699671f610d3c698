import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { makePartnership, makeUser, signedInRequest, TEST_PASSWORD } from "../../../test/factories";
import { attemptLogin, requirePermission, requireUser, safeRedirectPath } from "./auth.server";

async function catchResponse(promise: Promise<unknown> | (() => unknown)): Promise<Response> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("expected a thrown Response");
}

describe("sign-in", () => {
  it("accepts the right password and opens a session", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const result = await attemptLogin(db, { email: user.email.toUpperCase(), password: TEST_PASSWORD, ip: "10.0.0.1" });
    expect(result.ok).toBe(true);
  });

  it("gives the same answer for a wrong password and an unknown e-mail", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const wrong = await attemptLogin(db, { email: user.email, password: "wrong password!", ip: "10.0.0.2" });
    const unknown = await attemptLogin(db, { email: "nobody@example.se", password: TEST_PASSWORD, ip: "10.0.0.2" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a disabled user even with the right password", async () => {
    const db = getDb();
    const user = await makeUser(db);
    await db.updateTable("users").set({ disabled_at: new Date().toISOString() }).where("id", "=", user.id).execute();
    expect(await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.3" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("locks the account after 10 failures, even for the right password, and audits it without the password", async () => {
    const db = getDb();
    const user = await makeUser(db);
    for (let i = 0; i < 10; i++) {
      await attemptLogin(db, { email: user.email, password: `wrong-${i}-secret`, ip: `10.1.0.${i}` });
    }
    const locked = await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: "10.1.1.1" });
    expect(locked).toEqual({ ok: false, reason: "throttled" });
    // 16 minutes later the lock is over.
    const later = new Date(Date.now() + 16 * 60 * 1000);
    expect((await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: "10.1.1.1" }, later)).ok).toBe(
      true,
    );

    const events = await db.selectFrom("audit_events").selectAll().where("user_id", "=", user.id).execute();
    expect(events.filter((e) => e.action === "login.failed")).toHaveLength(10);
    expect(events.filter((e) => e.action === "login.throttled")).toHaveLength(1);
    const everything = JSON.stringify(await db.selectFrom("audit_events").selectAll().execute());
    expect(everything).not.toContain("wrong-");
    expect(everything).not.toContain(TEST_PASSWORD);
  });

  it("limits failures per address across accounts", async () => {
    const db = getDb();
    for (let i = 0; i < 50; i++) {
      await attemptLogin(db, { email: `guess${i}@example.se`, password: "x", ip: "203.0.113.9" });
    }
    const user = await makeUser(db);
    expect(await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: "203.0.113.9" })).toEqual({
      ok: false,
      reason: "ip_throttled",
    });
    expect((await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: "203.0.113.10" })).ok).toBe(true);
  });
});

describe("requireUser", () => {
  it("sends a signed-out visitor to sign-in with the way back", async () => {
    const response = await catchResponse(requireUser(new Request("http://localhost:3999/admin/users?page=2")));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/admin/users?page=2")}`);
  });

  it("returns the user with their organisation and grants", async () => {
    const partnership = await makePartnership();
    const user = await makeUser(getDb(), { roles: [{ role: "coordinator", partnershipId: partnership.id }] });
    const current = await requireUser(await signedInRequest(user.id, "/start"));
    expect(current.id).toBe(user.id);
    expect(current.grants).toEqual([{ role: "coordinator", partnershipId: partnership.id }]);
  });

  it("signs out a disabled user on their next request", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const request = await signedInRequest(user.id, "/start");
    await db.updateTable("users").set({ disabled_at: new Date().toISOString() }).where("id", "=", user.id).execute();
    const response = await catchResponse(requireUser(request));
    expect(response.headers.get("Location")).toMatch(/^\/login\?/);
    expect(response.headers.get("Set-Cookie")).toMatch(/samsyn_session=;.*Max-Age=0/);
  });

  it("sends a user with a one-time password to change it first", async () => {
    const db = getDb();
    const user = await makeUser(db);
    await db.updateTable("users").set({ must_change_password: 1 }).where("id", "=", user.id).execute();
    const response = await catchResponse(requireUser(await signedInRequest(user.id, "/start")));
    expect(response.headers.get("Location")).toBe("/account/password");
  });
});

describe("requirePermission", () => {
  it("answers 404, not 403, when the role policy does not give the permission", async () => {
    const [a, b] = [await makePartnership(), await makePartnership()];
    const user = await makeUser(getDb(), { roles: [{ role: "coordinator", partnershipId: a.id }] });
    expect((await requirePermission(await signedInRequest(user.id), "summaries:prepare", a.id)).id).toBe(user.id);
    expect(
      (await catchResponse(async () => requirePermission(await signedInRequest(user.id), "summaries:prepare", b.id)))
        .status,
    ).toBe(404);
    expect(
      (await catchResponse(async () => requirePermission(await signedInRequest(user.id), "admin:manage"))).status,
    ).toBe(404);
  });
});

describe("safeRedirectPath", () => {
  it("follows only this app's own paths", () => {
    expect(safeRedirectPath("/plans?x=1")).toBe("/plans?x=1");
    expect(safeRedirectPath("//evil.example")).toBe("/");
    expect(safeRedirectPath("/\\evil.example")).toBe("/");
    expect(safeRedirectPath("https://evil.example")).toBe("/");
    // Browsers drop tabs and newlines, turning these into "//evil.example".
    expect(safeRedirectPath("/\t/evil.example/phish")).toBe("/");
    expect(safeRedirectPath("/\n/evil.example")).toBe("/");
    expect(safeRedirectPath("/%09/evil.example")).toBe("/%09/evil.example");
    expect(safeRedirectPath(undefined, "/start")).toBe("/start");
  });
});
