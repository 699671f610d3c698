// The client address behind reverse proxies (issue 11, item 4): taken from the right-most hop
// that is not a trusted proxy, so a client cannot choose its own address by sending
// X-Forwarded-For, and rotating that header does not escape the cap per address.
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { EnvError, parseEnv } from "~/lib/env.server";
import { makeUser, TEST_PASSWORD } from "../../../test/factories";
import { attemptLogin } from "./sign-in.server";
import { ADDRESS_MAX_FAILURES } from "./throttle.server";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** An Express app set up the way server.js sets itself up, answering with what it believes. */
async function appBehindProxy(trustProxy: string) {
  const app = express();
  app.set("trust proxy", parseEnv({ TRUST_PROXY: trustProxy }).TRUST_PROXY);
  app.use(express.urlencoded({ extended: false }));
  app.post("/login", async (req, res) => {
    const result = await attemptLogin(getDb(), {
      email: String(req.body.email),
      password: String(req.body.password),
      ip: req.ip ?? "unknown",
    });
    res.json({ ip: req.ip, outcome: result.ok ? "ok" : result.error });
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const { port } = server.address() as AddressInfo;
  return async (forwardedFor: string, fields: Record<string, string>) => {
    const response = await fetch(`http://127.0.0.1:${port}/login`, {
      method: "POST",
      headers: { "X-Forwarded-For": forwardedFor, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
    return (await response.json()) as { ip: string; outcome: string };
  };
}

describe("TRUST_PROXY", () => {
  it("is a hop count or a list of proxy addresses and networks", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "10.0.0.5, 10.1.0.0/16 ,loopback,::1,fd00::/8" }).TRUST_PROXY).toEqual([
      "10.0.0.5",
      "10.1.0.0/16",
      "loopback",
      "::1",
      "fd00::/8",
    ]);
  });

  it("refuses values that would believe any client, and addresses that are not addresses", () => {
    for (const value of ["true", "*", "yes", "-1", "1.5", "10.0.0.0/33", "300.1.1.1", "proxy.example", "10.0.0.1,,"]) {
      expect(() => parseEnv({ TRUST_PROXY: value }), value).toThrow(EnvError);
    }
  });

  it("is what server.js gives Express, and the client address in the load context is Express's answer", () => {
    const server = readFileSync("server.js", "utf8");
    expect(server).toContain('app.set("trust proxy", env.TRUST_PROXY)');
    expect(server).toMatch(/clientIp: req\.ip\b/);
  });
});

describe("the client address behind one proxy (TRUST_PROXY=1)", () => {
  it("is the address the proxy saw, not what the client wrote in X-Forwarded-For", async () => {
    const send = await appBehindProxy("1");
    // The proxy appends the address it saw to whatever the client sent.
    const seen = await send("6.6.6.6, 203.0.113.77", { email: "x@example.se", password: "x" });
    expect(seen.ip).toBe("203.0.113.77");
  });

  it("rotating X-Forwarded-For does not escape the cap per address", async () => {
    const send = await appBehindProxy("1");
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) {
      const spoofed = `10.${i % 250}.${(i * 7) % 250}.${(i * 13) % 250}`;
      const answer = await send(`${spoofed}, 203.0.113.78`, { email: `gissning${i}@example.se`, password: "x" });
      expect(answer.outcome).toBe("invalid");
    }
    const user = await makeUser(getDb());
    const blocked = await send("10.200.200.200, 203.0.113.78", { email: user.email, password: TEST_PASSWORD });
    expect(blocked).toEqual({ ip: "203.0.113.78", outcome: "ip_throttled" });
  });
});

describe("the client address behind listed proxies", () => {
  it("skips every trusted proxy from the right and stops at the first untrusted hop", async () => {
    const send = await appBehindProxy("127.0.0.1, 10.0.0.0/8");
    const seen = await send("6.6.6.6, 203.0.113.79, 10.1.2.3", { email: "x@example.se", password: "x" });
    expect(seen.ip).toBe("203.0.113.79");
  });
});
