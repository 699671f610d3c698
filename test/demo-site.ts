// The demo site, served in-process (test/http-server.ts) over a database seeded with the demo
// cast, and a way to reach any route of app/routes.ts as a user who may see it. Used by the
// tests that crawl or fuzz every route, so new routes are covered the moment they exist.
import { getDb } from "#db/client.server";
import { DEMO_USERS } from "#db/seed/demo-cast";
import { seedDemo } from "#db/seed/seed";
import { sessionCookieHeader } from "~/features/auth/auth.server";
import { createSession } from "~/features/auth/session.server";
import { makeOrganisation, makeUser } from "./factories";
import { startTestServer, type TestServer } from "./http-server";

export interface DemoSite {
  server: TestServer;
  /** Demo users in the cast's order (admin first). */
  users: { email: string; id: string }[];
  /** Candidate values per route parameter, tried in order until a user reaches the page. */
  params: Record<string, string[]>;
  /** Ids and names that exist (other organisations' records, names in use, in other letter case too). */
  existing: string[];
}

export async function openDemoSite(): Promise<DemoSite> {
  const db = getDb();
  await seedDemo(db);
  // Admin forms act on records made for the test, so a fuzzed "disable" never locks out a demo user.
  const spareOrganisation = await makeOrganisation(db);
  const spareUser = await makeUser(db, { organisationId: spareOrganisation.id });
  const ids = async (
    table: "plans" | "meetings" | "deviations" | "summary_snapshots" | "partnerships" | "improvements",
  ) => (await db.selectFrom(table).select("id").execute()).map((r) => r.id);
  const snapshot = await db.selectFrom("summary_snapshots").select("period_key").executeTakeFirst();
  const params: Record<string, string[]> = {
    planId: await ids("plans"),
    meetingId: await ids("meetings"),
    deviationId: await ids("deviations"),
    improvementId: await ids("improvements"),
    snapshotId: await ids("summary_snapshots"),
    partnershipId: await ids("partnerships"),
    organisationId: [spareOrganisation.id],
    userId: [spareUser.id],
    period: [snapshot?.period_key ?? "VT2026"],
    table: ["deviationsByCategory"],
  };
  const users: DemoSite["users"] = [];
  for (const u of DEMO_USERS) {
    const row = await db.selectFrom("users").select("id").where("email", "=", u.email).executeTakeFirstOrThrow();
    users.push({ email: u.email, id: row.id });
  }
  const names = [
    ...(await db.selectFrom("organisations").select("name as v").execute()),
    ...(await db.selectFrom("partnerships").select("name as v").execute()),
    ...(await db.selectFrom("users").select("email as v").execute()),
  ].map((r) => r.v);
  const variants = names.flatMap((n) => [n, n.toUpperCase(), n.toLowerCase(), ` ${n} `]);
  const existing = [...Object.values(params).flat(), ...variants, ...users.map((u) => u.id)];
  return { server: await startTestServer(), users, params, existing };
}

async function cookieFor(userId: string | null): Promise<string> {
  if (!userId) return "";
  // A fresh session per request: a fuzzed logout or password change must not end the next request's.
  const { token } = await createSession(getDb(), userId);
  return (await sessionCookieHeader(token)).split(";")[0];
}

export interface Sent {
  status: number;
  body: string;
  headers: Headers;
}

export async function send(
  site: DemoSite,
  path: string,
  userId: string | null,
  init: { method?: string; body?: BodyInit; contentType?: string | null; headers?: Record<string, string> } = {},
): Promise<Sent> {
  const headers: Record<string, string> = { ...init.headers };
  const session = await cookieFor(userId);
  headers.Cookie = [init.headers?.Cookie, session].filter(Boolean).join("; ");
  if (init.contentType) headers["Content-Type"] = init.contentType;
  const response = await fetch(site.server.url + path, {
    method: init.method ?? "GET",
    body: init.body,
    headers,
    redirect: "manual",
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** The URL for a route pattern; `*` becomes a path nothing else claims. */
export function fill(pattern: string, values: Record<string, string>): string {
  if (pattern.endsWith("*")) return pattern.replace(/\*$/, "finns-inte/alls");
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    if (!(name in values))
      throw new Error(`No value for :${name} in ${pattern}: add it to params in test/demo-site.ts`);
    return encodeURIComponent(values[name]);
  });
}

function* paramChoices(site: DemoSite, pattern: string): Generator<Record<string, string>> {
  const names = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]);
  for (const name of names) {
    if (!site.params[name]?.length) throw new Error(`No value for :${name} in ${pattern}: add it to test/demo-site.ts`);
  }
  const choose = function* (i: number, acc: Record<string, string>): Generator<Record<string, string>> {
    if (i === names.length) return yield acc;
    for (const v of site.params[names[i]]) yield* choose(i + 1, { ...acc, [names[i]]: v });
  };
  yield* choose(0, {});
}

export interface Reach {
  path: string;
  params: Record<string, string>;
  userId: string | null;
  who: string;
  /** The page's HTML when it answered 200, else empty. */
  html: string;
}

/**
 * The first parameters and user (anonymous first, then the demo cast) for which the page answers
 * 200; else a signed-in user the page does not refuse (e.g. a route whose GET redirects).
 * `users` narrows the candidates.
 */
export async function reach(
  site: DemoSite,
  pattern: string,
  { index = false, users = [{ email: "anonymous", id: null as string | null }, ...site.users] } = {},
): Promise<Reach> {
  let fallback: Reach | undefined;
  let tries = 0;
  for (const params of paramChoices(site, pattern)) {
    const path = fill(pattern, params) + (index ? "?index" : "");
    for (const u of users) {
      const got = await send(site, path, u.id);
      if (got.status === 200) return { path, params, userId: u.id, who: u.email, html: got.body };
      if (!fallback && u.id && got.status < 400) fallback = { path, params, userId: u.id, who: u.email, html: "" };
    }
    if (++tries >= 3) break;
  }
  const params = paramChoices(site, pattern).next().value ?? {};
  const path = fill(pattern, params) + (index ? "?index" : "");
  return fallback ?? { path, params, userId: site.users[0].id, who: site.users[0].email, html: "" };
}
