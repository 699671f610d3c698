// Bad input never answers 5xx (issue 11, item 8). Generated from app/routes.ts: every route
// with an action gets every kind of bad request, signed in as a demo user who can reach it,
// through the same HTTP edges as server.js (test/http-server.ts). Field values come from the
// forms the page itself renders, mutated by fast-check. A new route or form is covered the
// moment it exists; a new route parameter needs one line in test/demo-site.ts.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fill, openDemoSite, reach, send, type DemoSite } from "./demo-site";
import { formsOn, type PageField, type PageForm } from "./forms-on-page";
import { loadRoutes } from "./http-server";

const routes = await loadRoutes();
const withAction = routes.filter((r) => typeof r.module.action === "function");

/** Fast-check samples per form and intent; FUZZ_RUNS=50 for a deeper local run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = Number(process.env.FUZZ_SEED ?? 20260311);
const HUGE = "99999999999999999999999999";
const UNKNOWN_ID = "finns-inte-0000000000";
const ONE_MB = 1024 * 1024;

let site: DemoSite;
beforeAll(async () => {
  site = await openDemoSite();
}, 120_000);
afterAll(() => site?.server.close());

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
  const value = (f: PageField) => {
    const own = [...f.defaults, ...f.options];
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...(own.length ? own : [""])) },
      { weight: 2, arbitrary: fc.constantFrom(...WEIRD) },
      { weight: 2, arbitrary: fc.constantFrom(...site.existing) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30, unit: "binary" }) },
    );
  };
  const record = fc.tuple(
    ...pageForm.fields.map((f) =>
      fc.option(fc.array(value(f), { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 6 }),
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

/**
 * The page's own values with one field changed at a time: a chosen id that does not exist, the
 * same choice twice, or a name that is already in use (in another letter case too).
 */
function targeted(pageForm: PageForm, intent: string): { kind: string; entries: [string, string][] }[] {
  const names = site.existing.filter((v) => /\s|@/.test(v));
  const out: { kind: string; entries: [string, string][] }[] = [];
  pageForm.fields.forEach((f, i) => {
    const replaced = (values: string[]) => {
      const entries: [string, string][] = intent ? [["intent", intent]] : [];
      for (const g of pageForm.fields) for (const v of g === f ? values : g.defaults) entries.push([g.name, v]);
      return entries;
    };
    if (f.options.length) {
      out.push({ kind: `unknown ${f.name}`, entries: replaced([UNKNOWN_ID]) });
      const chosen = f.defaults[0] ?? f.options.find(Boolean) ?? "";
      out.push({ kind: `${f.name} twice`, entries: replaced([chosen, chosen]) });
    } else {
      const [name] = fc.sample(fc.constantFrom(...names), { numRuns: 1, seed: SEED + i });
      out.push({ kind: `${f.name} in use`, entries: replaced([name]) });
    }
  });
  return out;
}

describe("bad input never answers 5xx", () => {
  it.each(withAction.map((r) => [r.pattern, r] as const))(
    "POST %s",
    async (_, route) => {
      const at = await reach(site, route.pattern, { index: !!route.index });
      const forms = formsOn(at.html, at.path);
      const first = forms[0];
      const firstIntent = first?.intents[0] ?? "";
      const valid = defaults(first, firstIntent);
      const problems: string[] = [];
      const check = async (kind: string, path: string, init: Parameters<typeof send>[3], expected?: number) => {
        const got = await send(site, path, at.userId, { method: "POST", ...init });
        const wrong = got.status >= 500 || (expected !== undefined && got.status !== expected);
        if (wrong) problems.push(`${kind}: POST ${path} as ${at.who} → ${got.status} ${got.body.slice(0, 120)}`);
        return got;
      };

      // Bodies the app never accepts: refused at the edge with a clear page.
      await check("no content type", at.path, { body: form(valid), contentType: null }, 415);
      await check(
        "JSON",
        at.path,
        { body: JSON.stringify(Object.fromEntries(valid)), contentType: "application/json" },
        415,
      );
      await check("text/plain", at.path, { body: form(valid), contentType: "text/plain" }, 415);
      await check("XML", at.path, { body: "<a/>", contentType: "application/xml" }, 415);
      await check(
        "broken multipart",
        at.path,
        { body: "--x\r\ngarbage", contentType: "multipart/form-data; boundary=zz" },
        400,
      );
      await check("multipart without boundary", at.path, { body: "--x\r\n", contentType: "multipart/form-data" }, 400);
      await check(
        "oversized",
        at.path,
        { body: form([...valid, ["pad", "x".repeat(ONE_MB)]]), contentType: URLENCODED },
        413,
      );

      // Bodies the app accepts, with nonsense in them: the route answers 4xx (or succeeds).
      const multipart = new FormData();
      for (const [k, v] of valid) multipart.append(k, v);
      await check("valid multipart", at.path, { body: multipart });
      await check("unknown intent", at.path, {
        body: form([["intent", "finns-inte"], ...valid.slice(1)]),
        contentType: URLENCODED,
      });
      await check("no fields", at.path, { body: "", contentType: URLENCODED });
      await check("garbage encoding", at.path, { body: "%%%&&==%ff%fe\u0000=\u0000", contentType: URLENCODED });
      await check("huge page", withQuery(at.path, `page=${HUGE}`), {
        body: form([...valid, ["page", HUGE]]),
        contentType: URLENCODED,
      });
      if (Object.keys(at.params).length) {
        const unknown = Object.fromEntries(
          Object.keys(at.params).map((k) => [k, k === "period" ? "VT0000" : UNKNOWN_ID]),
        );
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
          for (const { kind, entries } of targeted(pageForm, intent)) {
            await check(`${intent || "form"}: ${kind}`, pageForm.action, {
              body: form(entries),
              contentType: URLENCODED,
            });
          }
          for (const entries of submissions(pageForm, intent)) {
            await check(`fuzzed ${intent || "form"}`, pageForm.action, {
              body: form(entries),
              contentType: URLENCODED,
            });
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
      const at = await reach(site, route.pattern);
      const paths = [
        withQuery(at.path, `page=${HUGE}&q=${encodeURIComponent("%\u0000_\\")}`),
        withQuery(at.path, "page=-5"),
      ];
      if (Object.keys(at.params).length) {
        paths.push(fill(route.pattern, Object.fromEntries(Object.keys(at.params).map((k) => [k, UNKNOWN_ID]))));
      }
      if ("period" in at.params) {
        for (const period of ["VT0000", "T1-0000", "2026-13-45--2026-99-99"])
          paths.push(fill(route.pattern, { ...at.params, period }));
      }
      for (const path of paths) {
        const got = await send(site, path, at.userId);
        if (got.status >= 500) problems.push(`GET ${path} as ${at.who} → ${got.status}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
