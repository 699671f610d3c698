import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";

describe("environment", () => {
  it("has defaults for a newcomer's machine", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe("file:./data/samsyn.sqlite");
    expect(env.APP_URL).toBe("http://localhost:3000");
  });

  it("derives APP_URL from PORT and trims a trailing slash", () => {
    expect(parseEnv({ PORT: "4100" }).APP_URL).toBe("http://localhost:4100");
    expect(parseEnv({ APP_URL: "https://samsyn.example.se/" }).APP_URL).toBe("https://samsyn.example.se");
  });

  it("lists every problem in one readable message", () => {
    let error: unknown;
    try {
      parseEnv({
        PORT: "tre",
        DATABASE_URL: "mysql://x",
        APP_URL: "inte en url",
        SMTP_URL: "http://mail",
        NODE_ENV: "staging",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    for (const name of ["PORT", "DATABASE_URL", "APP_URL", "SMTP_URL", "NODE_ENV"]) expect(message).toContain(name);
    expect((error as EnvError).problems).toHaveLength(5);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ PORT: "", SMTP_URL: "" }).PORT).toBe(3000);
  });

  it("requires a long enough SESSION_SECRET in production, and only there", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET: is required in production/);
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "kort" })).toThrow(
      /SESSION_SECRET: must be at least 32/,
    );
    const secret = "a".repeat(64);
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret, AUDIT_KEY: "k".repeat(32) }).SESSION_SECRET).toBe(
      secret,
    );
    expect(parseEnv({ NODE_ENV: "development" }).SESSION_SECRET).toBeUndefined();
  });
});
