import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { makeUser, TEST_PASSWORD } from "../factories";
import { action } from "../../app/routes/login";

type Reply = {
  init: { status: number };
  data: { intent: string; result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
};

function post(fields: Record<string, string>, cookie = "", clientIp = "192.0.2.1") {
  return {
    request: new Request("http://localhost:3999/login", {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    }),
    params: {},
    context: { cspNonce: "", clientIp },
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
    expect(reply.data.result.error[""]).toEqual(["Fel e-postadress eller lösenord."]);
    expect(reply.data.result.initialValue.email).toBe(user.email);
    expect(reply.data.result.initialValue.password).toBeUndefined();
  });

  it("answers 429 in Swedish when the account is locked", async () => {
    const user = await makeUser(getDb());
    for (let i = 0; i < 10; i++) await action(post({ email: user.email, password: "fel" }));
    const reply = (await action(post({ email: user.email, password: TEST_PASSWORD }))) as unknown as Reply;
    expect(reply.init.status).toBe(429);
    expect(reply.data.result.error[""][0]).toMatch(/För många misslyckade inloggningsförsök/);
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

  it("gives the browser a device cookie that lets the account holder in while the account is under attack", async () => {
    const user = await makeUser(getDb());
    const first = (await action(post({ email: user.email, password: TEST_PASSWORD }))) as Response;
    const device = first.headers.getSetCookie().find((c) => c.startsWith("samsyn_device="))!;
    expect(device).toContain("HttpOnly");
    expect(device).toContain("Path=/");
    expect(device).toContain("SameSite=Lax");
    const deviceCookie = device.split(";")[0];

    // Someone guesses from many addresses until the account must wait.
    for (let i = 0; i < 8; i++) {
      await action(post({ email: user.email, password: `gissning ${i}` }, "", `203.0.113.${i}`));
    }
    const stranger = (await action(
      post({ email: user.email, password: TEST_PASSWORD }, "", "192.0.2.99"),
    )) as unknown as Reply;
    expect(stranger.init.status).toBe(429);
    expect(stranger.data.result.error[""][0]).toMatch(
      /^För många misslyckade inloggningsförsök\. Vänta \d+ sekund(er)? och försök igen/,
    );

    const owner = (await action(post({ email: user.email, password: TEST_PASSWORD }, deviceCookie))) as Response;
    expect(owner.status).toBe(303);
    expect(owner.headers.get("Location")).toBe("/start");
  });
});
