import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { makePartnership, makeUser, signedInRequest } from "../../../test/factories";
import { requirePermission, requireUser, safeRedirectPath } from "./auth.server";

async function catchResponse(promise: Promise<unknown> | (() => unknown)): Promise<Response> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("expected a thrown Response");
}

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
