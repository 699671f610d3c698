// Bad input never answers 5xx (issue 11, item 8). Generated from app/routes.ts: every route
// with an action gets every kind of bad request, signed in as a demo user who can reach it,
// through the same HTTP edges as server.js (test/http-server.ts). Field values come from the
// forms the page itself renders, mutated by fast-check. A new route or form is covered the
// moment it exists; a new route parameter needs one line in PARAMS below.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { DEMO_USERS } from "#db/seed/demo-cast";
import { seedDemo } from "#db/seed/seed";
import { sessionCookieHeader } from "~/features/auth/auth.server";
import { createSession } from "~/features/auth/session.server";
import { makeOrganisation, makeUser } from "./factories";
import { formsOn, type PageForm } from "./forms-on-page";
import { loadRoutes, startTestServer, type TestServer } from "./http-server";

const routes = (await loadRoutes()).filter((r) => r.pattern !== "/healthz");
const withAction = routes.filter((r) => typeof r.module.action === "function");

/** Fast-check samples per form and intent; FUZZ_RUNS=50 for a deeper local run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SEED = Number(process.env.FUZZ_SEED ?? 20260311);
const HUGE = "99999999999999999999999999";
const UNKNOWN_ID = "finns-inte-0000000000";
const ONE_MB = 1024 * 1024;

let server: TestServer;
/** Candidate values per route parameter, tried in order until a demo user reaches the page. */
const PARAMS: Record<string, string[]> = {};
/** Ids and names that exist somewhere (other organisations' records, names already in use). */
let existing: string[] = [];
const users: { email: string; id: string }[] = [];

beforeAll(async () => {
  const db = getDb();
  await seedDemo(db);
  // Admin forms act on records made for this test, so a fuzzed "disable" never locks out a demo user.
  const spareOrganisation = await makeOrganisation(db);
  const spareUser = await makeUser(db, { organisationId: spareOrganisation.id });
  const ids = async (table: "plans" | "meetings" | "deviations" | "summary_snapshots" | "partnerships") =>
    (await db.selectFrom(table).select("id").execute()).map((r) => r.id);
  const snapshot = await db.selectFrom("summary_snapshots").select(["partnership_id", "period_key"]).executeTakeFirst();
  Object.assign(PARAMS, {
    planId: await ids("plans"),
    meetingId: await ids("meetings"),
    deviationId: await ids("deviations"),
    snapshotId: await ids("summary_snapshots"),
    partnershipId: await ids("partnerships"),
    organisationId: [spareOrganisation.id],
    userId: [spareUser.id],
    period: [snapshot?.period_key ?? "VT2026"],
    table: ["deviationsByCategory"],
  });
  for (const u of DEMO_USERS) {
    const row = await db.selectFrom("users").select("id").where("email", "=", u.email).executeTakeFirstOrThrow();
    users.push({ email: u.email, id: row.id });
  }
  const names = [
    ...(await db.selectFrom("organisations").select("name as v").execute()),
    ...(await db.selectFrom("partnerships").select("name as v").execute()),
    ...(await db.selectFrom("users").select("email as v").execute()),
  ].map((r) => r.v);
  existing = [...Object.values(PARAMS).flat(), ...names, ...users.map((u) => u.id)];
  server = await startTestServer();
}, 120_000);

afterAll(() => server?.close());

async function cookieFor(userId: string | null): Promise<string> {
  if (!userId) return "";
  // A fresh session per request: a fuzzed logout or password change must not end the next request's.
  const { token } = await createSession(getDb(), userId);
  return (await sessionCookieHeader(token)).split(";")[0];
}

interface Sent {
  status: number;
  body: string;
  contentType: string;
}

async function send(
  path: string,
  userId: string | null,
  init: { method?: string; body?: BodyInit; contentType?: string | null } = {},
): Promise<Sent> {
  const headers: Record<string, string> = { Cookie: await cookieFor(userId) };
  if (init.contentType) headers["Content-Type"] = init.contentType;
  const response = await fetch(server.url + path, {
    method: init.method ?? "GET",
    body: init.body,
    headers,
    redirect: "manual",
  });
  return { status: response.status, body: await response.text(), contentType: response.headers.get("content-type") ?? "" };
}

function fill(pattern: string, values: Record<string, string>): string {
  if (pattern.endsWith("*")) return pattern.replace(/\*$/, "finns-inte/alls");
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`No value for :${name} in ${pattern}: add it to PARAMS in bad-input.test.ts`);
    return encodeURIComponent(values[name]);
  });
}

function* paramChoices(pattern: string): Generator<Record<string, string>> {
  const names = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]);
  for (const name of names) if (!PARAMS[name]?.length) throw new Error(`No value for :${name} in ${pattern}: add it to PARAMS`);
  const choose = function* (i: number, acc: Record<string, string>): Generator<Record<string, string>> {
    if (i === names.length) return yield acc;
    for (const v of PARAMS[names[i]]) yield* choose(i + 1, { ...acc, [names[i]]: v });
  };
  yield* choose(0, {});
}

interface Reach {
  path: string;
  params: Record<string, string>;
  userId: string | null;
  who: string;
  html: string;
}

/** The first (parameters, user) for which the page answers 200; else a signed-in user the page does not refuse. */
async function reach(pattern: string, index: boolean): Promise<Reach> {
  const candidates = [{ email: "anonymous", id: null as string | null }, ...users];
  let fallback: Reach | undefined;
  let tries = 0;
  for (const params of paramChoices(pattern)) {
    const path = fill(pattern, params) + (index ? "?index" : "");
    for (const u of candidates) {
      const got = await send(path, u.id);
      if (got.status === 200) return { path, params, userId: u.id, who: u.email, html: got.body };
      if (!fallback && u.id && got.status < 400) fallback = { path, params, userId: u.id, who: u.email, html: "" };
    }
    if (++tries >= 3) break;
  }
  return fallback ?? { path: fill(pattern, {}), params: {}, userId: users[0].id, who: users[0].email, html: "" };
}

const withQuery = (path: string, query: string) => path + (path.includes("?") ? "&" : "?") + query;
const form = (entries: [string, string][]) => new URLSearchParams(entries).toString();
const URLENCODED = "application/x-www-form-urlencoded";

const WEIRD = [
  "",
  " ",
  "0",
  "-1",
  "1e309",
  HUGE,
  "NaN",
  "null",
  "true",
  "on",
  "2026-02-30",
  "0000-00-00",
  "9999-12-31",
  "VT0000",
  "T1-0000",
  "a\u0000b",
  "%00",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "x".repeat(5000),
  "Åsa Öberg – ”citat”",
  "\u202e",
  UNKNOWN_ID,
];

function submissions(pageForm: PageForm, intent: string): [string, string][][] {
  const value = (defaults: string[], options: string[]) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...(defaults.length || options.length ? [...defaults, ...options] : [""])) },
      { weight: 3, arbitrary: fc.constantFrom(...WEIRD) },
      { weight: 2, arbitrary: fc.constantFrom(...existing) },
      { weight: 2, arbitrary: fc.string({ maxLength: 30, unit: "binary" }) },
    );
  const record = fc.tuple(
    ...pageForm.fields.map((f) =>
      fc.option(fc.array(value(f.defaults, f.options), { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 5 }),
    ),
  );
  return fc.sample(record, { numRuns: RUNS, seed: SEED }).map((values) => {
    const entries: [string, string][] = intent ? [["intent", intent]] : [];
    pageForm.fields.forEach((f, i) => values[i]?.forEach((v) => entries.push([f.name, v])));
    return entries;
  });
}

function defaults(pageForm: PageForm | undefined, intent: string): [string, string][] {
  const entries: [string, string][] = intent ? [["intent", intent]] : [];
  for (const f of pageForm?.fields ?? []) for (const v of f.defaults) entries.push([f.name, v]);
  return entries;
}

describe("bad input never answers 5xx", () => {
  it.each(withAction.map((r) => [r.pattern, r] as const))(
    "POST %s",
    async (_, route) => {
      const at = await reach(route.pattern, !!route.index);
      const forms = formsOn(at.html, at.path);
      const first = forms[0];
      const firstIntent = first?.intents[0] ?? "";
      const valid = defaults(first, firstIntent);
      const problems: string[] = [];
      const check = async (kind: string, path: string, init: Parameters<typeof send>[2], expected?: number) => {
        const got = await send(path, at.userId, { method: "POST", ...init });
        const wrong = got.status >= 500 || (expected !== undefined && got.status !== expected);
        if (wrong) problems.push(`${kind}: POST ${path} as ${at.who} → ${got.status} ${got.body.slice(0, 120)}`);
        return got;
      };

      // Bodies the app never accepts: refused at the edge with a clear page.
      await check("no content type", at.path, { body: form(valid), contentType: null }, 415);
      await check("JSON", at.path, { body: JSON.stringify(Object.fromEntries(valid)), contentType: "application/json" }, 415);
      await check("text/plain", at.path, { body: form(valid), contentType: "text/plain" }, 415);
      await check("XML", at.path, { body: "<a/>", contentType: "application/xml" }, 415);
      await check("broken multipart", at.path, { body: "--x\r\ngarbage", contentType: "multipart/form-data; boundary=zz" }, 400);
      await check("multipart without boundary", at.path, { body: "--x\r\n", contentType: "multipart/form-data" }, 400);
      await check("oversized", at.path, { body: form([...valid, ["pad", "x".repeat(ONE_MB)]]), contentType: URLENCODED }, 413);

      // Bodies the app accepts, with nonsense in them: the route answers 4xx (or succeeds).
      const multipart = new FormData();
      for (const [k, v] of valid) multipart.append(k, v);
      await check("valid multipart", at.path, { body: multipart });
      await check("unknown intent", at.path, { body: form([["intent", "finns-inte"], ...valid.slice(1)]), contentType: URLENCODED });
      await check("no fields", at.path, { body: "", contentType: URLENCODED });
      await check("garbage encoding", at.path, { body: "%%%&&==%ff%fe\u0000=\u0000", contentType: URLENCODED });
      await check("huge page", withQuery(at.path, `page=${HUGE}`), {
        body: form([...valid, ["page", HUGE]]),
        contentType: URLENCODED,
      });
      if (Object.keys(at.params).length) {
        const unknown = Object.fromEntries(Object.keys(at.params).map((k) => [k, k === "period" ? "VT0000" : UNKNOWN_ID]));
        await check("unknown ids", fill(route.pattern, unknown) + (route.index ? "?index" : ""), {
          body: form(valid),
          contentType: URLENCODED,
        });
      }
      if ("period" in at.params) {
        for (const period of ["VT0000", "T1-0000", "HT99999", "2026-13-45--2026-99-99", "0000-01-01--9999-12-31"]) {
          await check("impossible period", fill(route.pattern, { ...at.params, period }), {
            body: form(valid),
            contentType: URLENCODED,
          });
        }
      }
      // Every form and intent the page offers, with fuzzed values.
      for (const pageForm of forms) {
        for (const intent of pageForm.intents) {
          for (const entries of submissions(pageForm, intent)) {
            await check(`fuzzed ${intent || "form"}`, pageForm.action, { body: form(entries), contentType: URLENCODED });
          }
        }
      }
      expect(problems, `reached as ${at.who}; ${forms.length} forms`).toEqual([]);
    },
    180_000,
  );

  it("GET: huge page numbers, garbage queries and unknown ids on every page", async () => {
    const problems: string[] = [];
    for (const route of routes) {
      if (typeof route.module.loader !== "function") continue;
      const at = await reach(route.pattern, false);
      const paths = [withQuery(at.path, `page=${HUGE}&q=${encodeURIComponent("%\u0000_\\")}`), withQuery(at.path, "page=-5")];
      if (Object.keys(at.params).length) {
        paths.push(fill(route.pattern, Object.fromEntries(Object.keys(at.params).map((k) => [k, UNKNOWN_ID]))));
      }
      if ("period" in at.params) {
        for (const period of ["VT0000", "T1-0000", "2026-13-45--2026-99-99"]) paths.push(fill(route.pattern, { ...at.params, period }));
      }
      for (const path of paths) {
        const got = await send(path, at.userId);
        if (got.status >= 500) problems.push(`GET ${path} as ${at.who} → ${got.status}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
