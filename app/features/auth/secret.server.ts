// The server's secret for signed cookies. In production it comes from SESSION_SECRET (the
// environment check refuses to start without it); on a developer's machine, in tests and in the
// demo one is generated once and kept beside the database file, so restarts keep it.
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DEFAULT_DATABASE_URL, sqlitePath } from "#db/client.server";
import { getEnv } from "~/lib/env.server";

const SECRET_FILE = "session-secret";

/** Where a generated secret is kept: the SQLite file's directory, or ./data for other databases. */
function secretPath(databaseUrl: string): string {
  const path = databaseUrl.startsWith("file:") ? sqlitePath(databaseUrl) : ":memory:";
  return join(path === ":memory:" ? resolve("data") : dirname(path), SECRET_FILE);
}

/**
 * A generated secret for dev, test and demo: read from the data directory, or created there
 * (readable by the owner only) on first use. Never used in production.
 */
export function localSessionSecret(databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): string {
  const path = secretPath(databaseUrl);
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return readFileSync(path, "utf8").trim();
  }
}

let cached: string | undefined;

function sessionSecret(): string {
  if (cached) return cached;
  const env = getEnv();
  if (env.SESSION_SECRET) cached = env.SESSION_SECRET;
  else if (env.NODE_ENV === "production") throw new Error("SESSION_SECRET is required in production");
  else cached = localSessionSecret(env.DATABASE_URL);
  return cached;
}

/** A key for one purpose, derived from the secret, so one purpose's MACs never verify for another. */
export function keyFor(purpose: string): Buffer {
  return createHmac("sha256", sessionSecret()).update(`samsyn:${purpose}`).digest();
}
