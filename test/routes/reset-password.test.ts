// Password resets by link (issue 11, item 6; docs/decisions/0013-password-reset-by-link.md): an
// admin never learns a secret that opens another user's account.
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "#db/client.server";
import { sendPasswordReset } from "~/features/users/admin-users.server";
import { attemptLogin } from "~/features/auth/sign-in.server";
import { choosePasswordWithLink, findPasswordLink } from "~/features/auth/password-links.server";
import { createSession, validateSessionToken } from "~/features/auth/session.server";
import { makeUser, signedInRequest, TEST_PASSWORD } from "../factories";
import { loader as outboxLoader } from "../../app/routes/admin.outbox";
import { action as userAction } from "../../app/routes/admin.users.$userId";
import { action as resetAction, loader as resetLoader } from "../../app/routes/reset-password";

const ORIGIN = "http://localhost:3999";
const NEW_PASSWORD = "en helt egen lösenfras";
const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "", clientIp: "192.0.2.50" } }) as never;

const form = (fields: Record<string, string>, cookie?: string) => ({
  method: "POST",
  body: new URLSearchParams(fields),
  headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
});

async function settle(promise: Promise<unknown>): Promise<{ status: number; headers: Headers; body: unknown }> {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, headers: value.headers, body: await value.text() };
    const reply = value as { init?: { status?: number; headers?: HeadersInit }; data?: unknown };
    return { status: reply.init?.status ?? 200, headers: new Headers(reply.init?.headers), body: reply.data ?? value };
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, headers: thrown.headers, body: await thrown.text() };
    throw thrown;
  }
}

async function mailsTo(address: string) {
  return getDb().selectFrom("outbox").selectAll().where("to_address", "=", address).orderBy("created_at").execute();
}

const tokenIn = (text: string | null | undefined) => /\/reset-password\?token=([a-z2-7]+)/.exec(text ?? "")?.[1];

async function adminResets(targetId: string) {
  const admin = await makeUser(getDb(), { roles: [{ role: "admin" }] });
  const response = await settle(
    userAction(
      args(await signedInRequest(admin.id, `/admin/users/${targetId}`, form({ intent: "reset-password" })), {
        userId: targetId,
      }),
    ),
  );
  return { admin, response };
}

/** Opens the e-mailed link as a browser would: the token moves into a cookie scoped to the page. */
async function openLink(token: string): Promise<string> {
  const landing = await settle(resetLoader(args(new Request(`${ORIGIN}/reset-password?token=${token}`))));
  expect(landing.status).toBe(303);
  expect(landing.headers.get("Location")).toBe("/reset-password");
  const setCookie = landing.headers.get("Set-Cookie")!;
  expect(setCookie).toMatch(/^samsyn_password_link=/);
  expect(setCookie).toContain("HttpOnly");
  expect(setCookie).toContain("Path=/;");
  return setCookie.split(";")[0];
}

const page = (cookie: string) =>
  settle(resetLoader(args(new Request(`${ORIGIN}/reset-password`, { headers: { Cookie: cookie } }))));

const choose = (cookie: string, password = NEW_PASSWORD, confirm = password) =>
  settle(
    resetAction(
      args(new Request(`${ORIGIN}/reset-password`, form({ newPassword: password, confirmPassword: confirm }, cookie))),
    ),
  );

afterEach(() => vi.restoreAllMocks());

describe("an admin resets a password", () => {
  it("sends the user a link; the admin sees no secret, and nothing changes until the user acts", async () => {
    const db = getDb();
    const target = await makeUser(db);
    const { admin, response } = await adminResets(target.id);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/admin/users/${target.id}`);

    const [mail] = await mailsTo(target.email);
    expect(mail.subject).toBe("Välj nytt lösenord i Samsyn");
    expect(mail.text_body).toContain("inom 60 minuter");
    const token = tokenIn(mail.text_body)!;
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(JSON.stringify(response)).not.toContain(token);

    // The admin's outbox lists the message but not its body.
    const outbox = await settle(outboxLoader(args(await signedInRequest(admin.id, "/admin/outbox"))));
    const listed = JSON.stringify(outbox.body);
    expect(listed).toContain("Välj nytt lösenord i Samsyn");
    expect(listed).not.toContain(token);
    expect(listed).not.toContain("reset-password");

    // Only a hash of the token is stored, and the old password still works.
    expect(JSON.stringify(await db.selectFrom("password_links").selectAll().execute())).not.toContain(token);
    expect((await attemptLogin(db, { email: target.email, password: TEST_PASSWORD, ip: "192.0.2.51" })).ok).toBe(true);
  });

  it("the user chooses the password on the link's page; their sessions end and the link is spent", async () => {
    const db = getDb();
    const target = await makeUser(db);
    const before = await createSession(db, target.id);
    await adminResets(target.id);
    const token = tokenIn((await mailsTo(target.email))[0].text_body)!;

    const cookie = await openLink(token);
    const shown = await page(cookie);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ link: { purpose: "reset", email: target.email } });

    // Mismatched passwords are explained; the link still works.
    const mismatch = await choose(cookie, NEW_PASSWORD, "något annat helt");
    expect(mismatch.status).toBe(400);
    expect(JSON.stringify(mismatch.body)).toContain("Lösenorden stämmer inte överens.");
    expect(JSON.stringify(mismatch.body)).not.toContain(NEW_PASSWORD);

    const saved = await choose(cookie);
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toBe("/login");
    expect(saved.headers.get("Set-Cookie")).toMatch(/samsyn_password_link=;.*Max-Age=0/);

    expect(await validateSessionToken(db, before.token)).toBeNull();
    expect(await attemptLogin(db, { email: target.email, password: TEST_PASSWORD, ip: "192.0.2.52" })).toMatchObject({
      ok: false,
      error: "invalid",
    });
    expect((await attemptLogin(db, { email: target.email, password: NEW_PASSWORD, ip: "192.0.2.52" })).ok).toBe(true);

    // Used once, the link gives a clear page (410), also when opened afresh from the e-mail.
    const again = await page(await openLink(token));
    expect(again.status).toBe(410);
    expect(again.body).toEqual({ link: null });
    const reuse = await choose(cookie, "ännu ett nytt lösenord");
    expect(reuse.status).toBe(303);
    expect(reuse.headers.get("Location")).toBe("/reset-password");
    expect((await attemptLogin(db, { email: target.email, password: NEW_PASSWORD, ip: "192.0.2.53" })).ok).toBe(true);
  });

  it("the link works for 60 minutes, and a newer link replaces an older one", async () => {
    const db = getDb();
    const target = await makeUser(db);
    const system = { userId: null, organisationId: null };
    const start = new Date();
    await sendPasswordReset(db, system, target.id);
    const first = tokenIn((await mailsTo(target.email))[0].text_body)!;
    expect(await findPasswordLink(db, first, new Date(start.getTime() + 59 * 60_000))).not.toBeNull();
    expect(await findPasswordLink(db, first, new Date(start.getTime() + 61 * 60_000))).toBeNull();
    expect(await choosePasswordWithLink(db, first, NEW_PASSWORD, new Date(start.getTime() + 61 * 60_000))).toEqual({
      ok: false,
      error: "invalid_link",
    });

    await sendPasswordReset(db, system, target.id);
    const second = tokenIn((await mailsTo(target.email))[1].text_body)!;
    expect(await findPasswordLink(db, first)).toBeNull();
    expect(await findPasswordLink(db, second)).not.toBeNull();
  });

  it("keeps the token out of every log line and the audit trail", async () => {
    const db = getDb();
    const lines: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation(
        (...parts: unknown[]) => void lines.push(parts.map(String).join(" ")),
      );
    }
    const target = await makeUser(db);
    await adminResets(target.id);
    const token = tokenIn((await mailsTo(target.email))[0].text_body)!;
    const cookie = await openLink(token);
    await page(cookie);
    await choose(cookie, "kort");
    await choose(cookie);
    await page(await openLink(token));
    expect(lines.join("\n")).not.toContain(token);
    expect(JSON.stringify(await db.selectFrom("audit_events").selectAll().execute())).not.toContain(token);
  });
});

describe("an admin changes a user's e-mail address", () => {
  it("tells the old address, ends the user's sessions and any open password link", async () => {
    const db = getDb();
    const target = await makeUser(db);
    const session = await createSession(db, target.id);
    const { admin } = await adminResets(target.id);
    const token = tokenIn((await mailsTo(target.email))[0].text_body)!;
    const newAddress = `ny.${target.email}`;

    const response = await settle(
      userAction(
        args(
          await signedInRequest(
            admin.id,
            `/admin/users/${target.id}`,
            form({ intent: "update", name: "Samma Namn", email: newAddress, organisationId: target.organisationId }),
          ),
          { userId: target.id },
        ),
      ),
    );
    expect(response.status).toBe(303);

    const notice = (await mailsTo(target.email)).find((m) => m.subject === "Din e-postadress i Samsyn har ändrats");
    expect(notice?.text_body).toContain("du har loggats ut");
    expect(notice?.text_body).not.toContain(newAddress);
    expect(notice?.hide_body).toBe(0);
    expect(await validateSessionToken(db, session.token)).toBeNull();
    expect(await findPasswordLink(db, token)).toBeNull();
    // The user signs in with the new address and the same password.
    expect((await attemptLogin(db, { email: newAddress, password: TEST_PASSWORD, ip: "192.0.2.54" })).ok).toBe(true);

    // Saving without changing the address sends nothing and keeps sessions.
    const again = await createSession(db, target.id);
    await userAction(
      args(
        await signedInRequest(
          admin.id,
          `/admin/users/${target.id}`,
          form({ intent: "update", name: "Nytt Namn", email: newAddress, organisationId: target.organisationId }),
        ),
        { userId: target.id },
      ),
    );
    expect(await validateSessionToken(db, again.token)).not.toBeNull();
    expect(await mailsTo(newAddress)).toEqual([]);
  });
});
