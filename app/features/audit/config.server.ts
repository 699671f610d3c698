// Where the audit log keeps what lives outside the database: the MAC key (dev, demo and test
// generate one) and the checkpoint file. Paths default into the data directory, the directory
// of the SQLite file, so a throwaway test database gets its own key and checkpoints.
import { dirname, join, resolve } from "node:path";
import { isPostgresUrl, sqlitePath } from "#db/client.server";
import type { Env } from "~/lib/env.server";

export function dataDirectory(env: Pick<Env, "DATABASE_URL">): string {
  const url = env.DATABASE_URL;
  if (isPostgresUrl(url)) return resolve("data");
  const path = sqlitePath(url);
  return path === ":memory:" ? resolve("data") : dirname(path);
}

export function keyFilePath(env: Pick<Env, "DATABASE_URL" | "AUDIT_KEY_FILE">): string {
  return env.AUDIT_KEY_FILE ? resolve(env.AUDIT_KEY_FILE) : join(dataDirectory(env), "audit.key");
}

export function checkpointFilePath(env: Pick<Env, "DATABASE_URL" | "AUDIT_CHECKPOINT_FILE">): string {
  return env.AUDIT_CHECKPOINT_FILE
    ? resolve(env.AUDIT_CHECKPOINT_FILE)
    : join(dataDirectory(env), "audit-checkpoints.jsonl");
}
