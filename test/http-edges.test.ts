// What the HTTP edge (server/edges.js, server/request-body.js, server/remix-handler.js) shows a
// browser or an attacker: caching and security headers on every response, and refusals of bodies
// the app cannot take before any route runs (issue 11, items 8 and 10). Driven through HTTP.
import { request as httpRequest } from "node:http";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { localeCookie } from "~/lib/i18n.server";
import { openDemoSite, reach, send, type DemoSite } from "./demo-site";
import { formsOn } from "./forms-on-page";
import { loadRoutes, startTestServer } from "./http-server";

let site: DemoSite;
beforeAll(async () => {
  site = await openDemoSite();
}, 120_000);
afterAll(() => site?.server.close());

const anna = () => site.users.find((u) => u.email.startsWith("anna."))!.id;
const URLENCODED = "application/x-www-form-urlencoded";

describe("caching", () => {
  it("every dynamic response, generated from app/routes.ts, says Cache-Control: no-store", async () => {
    const wrong: string[] = [];
    for (const route of await loadRoutes()) {
      if (typeof route.module.loader !== "function") continue;
      const at = await reach(site, route.pattern, { index: !!route.index });
      const got = await send(site, at.path, at.userId);
      if (got.headers.get("cache-control") !== "no-store") {
        wrong.push(
          `${at.path} (${got.status}, ${got.headers.get("content-type")}): ${got.headers.get("cache-control")}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it("exports, calendar files, data requests, redirects, 404s and refusals are not stored either", async () => {
    const csv = await reach(site, "/deviations/export.csv");
    const ics = await reach(site, "/meetings/:meetingId/calendar.ics");
    const answers = [
      await send(site, csv.path, csv.userId),
      await send(site, ics.path, ics.userId),
      await send(site, "/plans.data", anna()),
      await send(site, "/start", null),
      await send(site, "/finns-inte", anna()),
      await send(site, "/login", null, { method: "POST", body: "{}", contentType: "application/json" }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 302, 404, 415]);
    expect(answers[0].headers.get("content-type")).toContain("text/csv");
    expect(answers[1].headers.get("content-type")).toContain("text/calendar");
    for (const a of answers) expect(a.headers.get("cache-control")).toBe("no-store");
  });

  it("static files keep their caching", async () => {
    const dir = mkdtempSync(join(tmpdir(), "samsyn-client-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "assets", "entry-abc123.js"), "export {};");
    writeFileSync(join(dir, "favicon.svg"), "<svg/>");
    const server = await startTestServer({ clientBuildDir: dir });
    try {
      const asset = await fetch(`${server.url}/assets/entry-abc123.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const icon = await fetch(`${server.url}/favicon.svg`);
      expect(icon.headers.get("cache-control")).toBe("public, max-age=3600");
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("security headers", () => {
  it("turn off camera, microphone, geolocation, payment, USB and the like on every page", async () => {
    const got = await send(site, "/login", null);
    const policy = got.headers.get("permissions-policy") ?? "";
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb", "serial", "bluetooth", "hid"]) {
      expect(policy).toContain(`${feature}=()`);
    }
    const refused = await send(site, "/login", null, { method: "POST", body: "x", contentType: "text/plain" });
    expect(refused.headers.get("permissions-policy")).toBe(policy);
  });

  it("send HSTS only when APP_URL is https, whatever NODE_ENV says", async () => {
    const cases = [
      { appUrl: "http://localhost:3999", isProduction: true, hsts: false },
      { appUrl: "https://samsyn.kommun.example", isProduction: true, hsts: true },
      { appUrl: "https://samsyn.kommun.example", isProduction: false, hsts: true },
    ];
    for (const c of cases) {
      const server = await startTestServer(c);
      try {
        const got = await fetch(`${server.url}/login`);
        const hsts = got.headers.get("strict-transport-security");
        if (c.hsts) expect(hsts, JSON.stringify(c)).toBe("max-age=63072000; includeSubDomains");
        else expect(hsts, JSON.stringify(c)).toBeNull();
      } finally {
        await server.close();
      }
    }
  });
});

describe("request bodies", () => {
  it("refuses a body that is not a form with 415 and a clear page in the user's language", async () => {
    const json = await send(site, "/login", null, {
      method: "POST",
      body: '{"email":"x"}',
      contentType: "application/json",
    });
    expect(json.status).toBe(415);
    expect(json.headers.get("content-type")).toContain("text/html");
    expect(json.body).toContain('<html lang="sv">');
    expect(json.body).toContain("Formatet stöds inte");
    expect(json.body).toContain("Till startsidan");

    const none = await send(site, "/login", null, { method: "POST", body: "email=x" });
    expect(none.status).toBe(415);

    const english = await send(site, "/login", null, {
      method: "POST",
      body: "email=x",
      contentType: "text/plain",
      headers: { Cookie: (await localeCookie.serialize("en")).split(";")[0] },
    });
    expect(english.status).toBe(415);
    expect(english.body).toContain("This format is not supported");
  });

  it("answers a broken form body with 400 and a clear page", async () => {
    const got = await send(site, "/login", null, {
      method: "POST",
      body: "--zz\r\nContent-Disposition: form-da",
      contentType: "multipart/form-data; boundary=zz",
    });
    expect(got.status).toBe(400);
    expect(got.body).toContain("Formuläret kunde inte läsas");
  });

  it("refuses a body over 1 MB with 413 before it has been sent in full", async () => {
    // 50 MB announced, 64 KB sent: the answer comes from the announced length.
    const declared = await postPartly({ "Content-Length": String(50 * 1024 * 1024) }, 64 * 1024);
    expect(declared.status).toBe(413);
    expect(declared.body).toContain("För mycket text på en gång");

    // Nothing announced: the edge counts while reading and answers once the count passes 1 MB.
    const chunked = await postPartly({ "Transfer-Encoding": "chunked" }, 1024 * 1024 + 64 * 1024);
    expect(chunked.status).toBe(413);
  });

  it("takes NUL out of every text it accepts: form fields, multipart fields and query strings", async () => {
    const admin = site.users.find((u) => u.email.startsWith("admin@"))!.id;
    const newPartnership = formsOn(
      (await send(site, "/admin/partnerships/new", admin)).body,
      "/admin/partnerships/new",
    )[0];
    const fields = (name: string) => [
      ...newPartnership.fields.map((f): [string, string] => [f.name, f.name === "name" ? name : (f.defaults[0] ?? "")]),
    ];
    const urlencoded = await send(site, "/admin/partnerships/new", admin, {
      method: "POST",
      body: new URLSearchParams(fields("Förbund\u0000 Nul\u0000ett")).toString(),
      contentType: URLENCODED,
    });
    const multipart = new FormData();
    for (const [k, v] of fields("Förbund\u0000 Nultvå")) multipart.append(k, v);
    const fromMultipart = await send(site, "/admin/partnerships/new", admin, { method: "POST", body: multipart });
    expect([urlencoded.status, fromMultipart.status]).toEqual([303, 303]);
    const stored = await getDb()
      .selectFrom("partnerships")
      .select("name")
      .where("name", "like", "Förbund%Nul%")
      .execute();
    expect(stored.map((p) => p.name).sort()).toEqual(["Förbund Nulett", "Förbund Nultvå"]);

    // A search for "Ann\0a" finds Anna: the NUL never reached the query.
    const query = await send(site, "/admin/users?q=Ann%00a", admin);
    expect(query.status).toBe(200);
    expect(query.body).toContain("Anna Handläggare");
  });

  it("lets only GET, HEAD and POST reach the app; OPTIONS runs no action", async () => {
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const got = await send(site, "/logout", anna(), { method, body: "", contentType: URLENCODED });
      expect(got.status, method).toBe(405);
      expect(got.headers.get("allow")).toBe("GET, HEAD, POST");
    }
    const cookie = (await send(site, "/start", anna())).status;
    expect(cookie).toBe(200);
    const options = await send(site, "/logout", anna(), { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a cross-site post with 403 and a page saying why", async () => {
    const got = await send(site, "/logout", anna(), {
      method: "POST",
      body: "",
      contentType: URLENCODED,
      headers: { Origin: "https://evil.example" },
    });
    expect(got.status).toBe(403);
    expect(got.body).toContain("Begäran kom inte från Samsyn");
  });
});

describe("errors that escape Remix", () => {
  it("answer 500 with a short page and no stack trace, logged without the query string", async () => {
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    const server = await startTestServer({
      getLoadContext: () => {
        throw new Error("the load context failed");
      },
    });
    try {
      const got = await fetch(`${server.url}/login?email=anna%40example.se`);
      const body = await got.text();
      expect(got.status).toBe(500);
      expect(got.headers.get("cache-control")).toBe("no-store");
      expect(body).toContain("Något gick fel");
      expect(body).not.toContain("the load context failed");
      expect(body).not.toMatch(/at .*\.(js|ts):\d+/);
      expect(String(logged.flat())).toContain("GET /login");
      expect(String(logged.flat())).not.toContain("anna");
    } finally {
      console.error = original;
      await server.close();
    }
  });
});

/**
 * Posts to /login, writes `bytes` of the body and then waits, never finishing it: an edge that
 * needed the whole body before answering would never answer.
 */
function postPartly(headers: Record<string, string>, bytes: number): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(site.server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname, port, path: "/login", method: "POST", headers: { "Content-Type": URLENCODED, ...headers } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on("error", reject);
    req.write(Buffer.alloc(bytes, "a"));
    setTimeout(() => reject(new Error("no answer before the body was complete")), 10_000).unref();
  });
}
