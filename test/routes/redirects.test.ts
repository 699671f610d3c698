// Open redirect (issue 11, item 2): after sign-in and after the language switch the app follows a
// return path only when it stays on this site, however the attacker dresses up another address.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { makeUser, TEST_PASSWORD } from "../factories";
import { action as languageAction } from "../../app/routes/language";
import { action as loginAction } from "../../app/routes/login";

const ORIGIN = "http://localhost:3999";

/** Return paths a phishing link may carry. Each must leave the visitor on this site. */
const HOSTILE_REDIRECTS = [
  "//evil.example",
  "///evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "/%2E%2E//evil.example",
  "/.%2e//evil.example",
  "/a/..//evil.example/x",
  "/a/%2e%2e//evil.example/x",
  "/a/b/../../..//evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "/./\\evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/%2f%2fevil.example",
  "/%2F/evil.example",
  "/%5cevil.example",
  "/%5C%5Cevil.example",
  "/%252f%252fevil.example",
  "/%25252f%25252fevil.example",
  "/%09/%2fevil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(document.domain)",
  " javascript:alert(1)",
  "https://evil.example/login",
  "http:evil.example",
  "https:/\\evil.example",
  "//evil.example@localhost:3999/",
  "%2f%2fevil.example",
  "data:text/html,<script>alert(1)</script>",
];

/** How a browser reads a Location header: it drops tabs and newlines and treats \ as / on http(s). */
function asBrowserReadsIt(location: string): string {
  return location.replace(/[\t\n\r]/g, "").replace(/\\/g, "/");
}

function expectSameSite(location: string | null, hostile: string) {
  expect(location, hostile).not.toBeNull();
  const value = location!;
  expect(value.startsWith("/"), `${JSON.stringify(hostile)} → ${value}`).toBe(true);
  expect(
    [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || ch === "\\"),
    `${JSON.stringify(hostile)} → ${value}`,
  ).toBe(false);
  expect(asBrowserReadsIt(value).startsWith("//"), `${JSON.stringify(hostile)} → ${value}`).toBe(false);
  expect(new URL(value, ORIGIN).origin, `${JSON.stringify(hostile)} → ${value}`).toBe(ORIGIN);
  // Whatever decodes the path once more (a proxy, a framework) still finds no other host in it.
  let decoded = value;
  for (let i = 0; i < 3; i++) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      break;
    }
    expect(/^[/\\]{2}/.test(decoded), `${JSON.stringify(hostile)} → ${value} decodes to ${decoded}`).toBe(false);
  }
}

function post(path: string, fields: Record<string, string>) {
  return {
    request: new Request(`${ORIGIN}${path}`, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
    params: {},
    context: { cspNonce: "", clientIp: "192.0.2.80" },
  } as never;
}

describe("return paths after sign-in and the language switch", () => {
  it("has a table of at least 20 hostile forms", () => {
    expect(HOSTILE_REDIRECTS.length).toBeGreaterThanOrEqual(20);
  });

  it("POST /language never sends the visitor to another site", async () => {
    for (const hostile of HOSTILE_REDIRECTS) {
      const response = (await languageAction(post("/language", { lang: "en", redirectTo: hostile }))) as Response;
      expect(response.status, hostile).toBe(303);
      expectSameSite(response.headers.get("Location"), hostile);
    }
  });

  it("POST /login never sends the user to another site after a genuine sign-in", async () => {
    const user = await makeUser(getDb());
    for (const hostile of HOSTILE_REDIRECTS) {
      const response = (await loginAction(
        post("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: hostile }),
      )) as Response;
      expect(response.status, hostile).toBe(303);
      expectSameSite(response.headers.get("Location"), hostile);
    }
  });

  it("still follows the app's own paths, with their query", async () => {
    const user = await makeUser(getDb());
    const login = (await loginAction(
      post("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "/plans?page=2#top" }),
    )) as Response;
    expect(login.headers.get("Location")).toBe("/plans?page=2#top");
    const language = (await languageAction(
      post("/language", { lang: "sv", redirectTo: "/deviations/mine?status=open" }),
    )) as Response;
    expect(language.headers.get("Location")).toBe("/deviations/mine?status=open");
  });
});
