import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/lib/env.server";
import { AuditKeyError, loadAuditKey } from "./key.server";

const dir = mkdtempSync(join(tmpdir(), "samsyn-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { DATABASE_URL: `file:${join(dir, "db.sqlite")}`, SESSION_SECRET: "s".repeat(40) };

describe("the audit key", () => {
  it("is required in production, with a message that says what to set", () => {
    expect(() => parseEnv({ ...base, NODE_ENV: "production" })).toThrow(EnvError);
    try {
      parseEnv({ ...base, NODE_ENV: "production" });
    } catch (error) {
      expect((error as EnvError).message).toMatch(/AUDIT_KEY: required in production/);
      expect((error as EnvError).message).toMatch(/AUDIT_KEY_FILE/);
    }
    expect(() => parseEnv({ ...base, NODE_ENV: "production", AUDIT_KEY: "too-short" })).toThrow(/AUDIT_KEY/);
    expect(parseEnv({ ...base, NODE_ENV: "production", AUDIT_KEY: "k".repeat(32) }).AUDIT_KEY).toBe("k".repeat(32));
    expect(parseEnv({ ...base, NODE_ENV: "production", AUDIT_KEY_FILE: "/run/secrets/audit" }).AUDIT_KEY_FILE).toBe(
      "/run/secrets/audit",
    );
  });

  it("comes from AUDIT_KEY as it is written", () => {
    const env = parseEnv({ ...base, AUDIT_KEY: "a".repeat(40) });
    expect(loadAuditKey(env).toString("utf8")).toBe("a".repeat(40));
  });

  it("is generated once in the data directory outside production, readable only by its owner", () => {
    const env = parseEnv(base);
    const key = loadAuditKey(env);
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(loadAuditKey(env).equals(key)).toBe(true);
    expect(readFileSync(join(dir, "audit.key"), "utf8").trim()).toBe(key.toString("utf8"));
    expect(statSync(join(dir, "audit.key")).mode & 0o077).toBe(0);
  });

  it("is never invented in production: a missing or short key file stops start-up", () => {
    const missing = join(dir, "nowhere.key");
    const env = parseEnv({ ...base, NODE_ENV: "production", AUDIT_KEY_FILE: missing });
    expect(() => loadAuditKey(env)).toThrow(AuditKeyError);
    expect(() => loadAuditKey(env)).toThrow(/does not exist/);
    const short = join(dir, "short.key");
    writeFileSync(short, "abc\n");
    expect(() => loadAuditKey({ ...env, AUDIT_KEY_FILE: short })).toThrow(/at least 32/);
  });
});
