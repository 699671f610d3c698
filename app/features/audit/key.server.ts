// The audit log's MAC key. It must live outside the database: whoever can write the database
// must not be able to compute a valid MAC. Production names it (AUDIT_KEY or AUDIT_KEY_FILE,
// checked by the environment schema); development, the demo and tests generate one in the data
// directory on first use.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { getEnv, type Env } from "~/lib/env.server";
import { keyFilePath } from "./config.server";

const MIN_KEY_LENGTH = 32;

export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditKeyError";
  }
}

function readKeyFile(path: string): string | null {
  try {
    return readFileSync(path, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new AuditKeyError(`AUDIT_KEY_FILE: cannot read ${path} (${(error as Error).message})`);
  }
}

/** Creates the key file if it does not exist yet (another process may win the race; its key is kept). */
export function ensureKeyFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString("hex")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

/** Resolves the key for this environment; throws an AuditKeyError with a readable message. */
export function loadAuditKey(env: Pick<Env, "NODE_ENV" | "DATABASE_URL" | "AUDIT_KEY" | "AUDIT_KEY_FILE">): Buffer {
  if (env.AUDIT_KEY) return Buffer.from(env.AUDIT_KEY, "utf8");
  const path = keyFilePath(env);
  let text = readKeyFile(path);
  if (text === null) {
    // A key that appears by itself in production would make every earlier event unverifiable.
    if (env.NODE_ENV === "production") {
      throw new AuditKeyError(`AUDIT_KEY_FILE: ${path} does not exist. Create it with \`openssl rand -hex 32\`.`);
    }
    ensureKeyFile(path);
    text = readKeyFile(path) ?? "";
  }
  if (text.length < MIN_KEY_LENGTH) {
    throw new AuditKeyError(`AUDIT_KEY_FILE: ${path} must hold at least ${MIN_KEY_LENGTH} characters.`);
  }
  return Buffer.from(text, "utf8");
}

let cached: Buffer | undefined;

/** The key of this process, read once. */
export function auditKey(): Buffer {
  cached ??= loadAuditKey(getEnv());
  return cached;
}
