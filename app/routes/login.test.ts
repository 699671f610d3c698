import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { makeUser, TEST_PASSWORD } from "../../test/factories";
import { action } from "./login";

type Reply = {
  init: { status: number };
  data: { error: Record<string, string[]>; initialValue: Record<string, string> };
};

function post(fields: Record<string, string>, cookie = "") {
  return {
    request: new Request("http://localhost:3999/login", {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    }),
    params: {},
    context: { cspNonce: "", clientIp: "192.0.2.1" },
  } as never;
}

describe("POST /login", () => {
  it("redirects with an HttpOnly, SameSite=Lax session cookie", async () => {
    const user = await makeUser(getDb());
    const response = (await action(post({ email: user.email, password: TEST_PASSWORD }))) as Response;
    expect([302, 303]).toContain(response.status);
    expect(response.headers.get("Location")).toBe("/start");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^samsyn_session=/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
  });

  it("says only that the e-mail or password is wrong, keeps the e-mail, drops the password", async () => {
    const user = await makeUser(getDb());
    const reply = (await action(post({ email: user.email, password: "fel lösenord" }))) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(reply.data.error[""]).toEqual(["Fel e-postadress eller lösenord."]);
    expect(reply.data.initialValue.email).toBe(user.email);
    expect(reply.data.initialValue.password).toBeUndefined();
  });

  it("answers 429 in Swedish when the account is locked", async () => {
    const user = await makeUser(getDb());
    for (let i = 0; i < 10; i++) await action(post({ email: user.email, password: "fel" }));
    const reply = (await action(post({ email: user.email, password: TEST_PASSWORD }))) as unknown as Reply;
    expect(reply.init.status).toBe(429);
    expect(reply.data.error[""][0]).toMatch(/För många misslyckade inloggningsförsök/);
  });

  it("follows a return path only inside the app", async () => {
    const user = await makeUser(getDb());
    const inside = (await action(
      post({ email: user.email, password: TEST_PASSWORD, redirectTo: "/account" }),
    )) as Response;
    expect(inside.headers.get("Location")).toBe("/account");
    const outside = (await action(
      post({ email: user.email, password: TEST_PASSWORD, redirectTo: "//evil.example/" }),
    )) as Response;
    expect(outside.headers.get("Location")).toBe("/start");
  });
});
