import SQLite from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CompiledQuery, Kysely, SqliteDialect, sql } from "kysely";
import type { Database } from "./schema";

export type DB = Kysely<Database>;

export const DEFAULT_DATABASE_URL = "file:./data/samsyn.sqlite";

/** Resolves `file:` URLs (and bare paths) to a filesystem path. */
export function sqlitePath(url: string): string {
  const path = url.startsWith("file:") ? url.slice("file:".length) : url;
  return path === ":memory:" ? path : resolve(path);
}

export function isPostgresUrl(url: string): boolean {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}

export function createDb(url: string): DB {
  if (isPostgresUrl(url)) {
    throw new Error("DATABASE_URL: PostgreSQL is not yet supported; use a file: URL for SQLite.");
  }
  const path = sqlitePath(url);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  database.pragma("synchronous = FULL");
  // 64 MiB of page cache instead of SQLite's 2 MiB default: the period summary reads the
  // indexes of a whole partnership, which would otherwise be re-read from the OS on every query.
  database.pragma("cache_size = -65536");
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database }) });
}

/**
 * Write transactions take the write lock when they begin ("BEGIN IMMEDIATE"). A plain BEGIN
 * reads first and fails with SQLITE_BUSY_SNAPSHOT if another process (a script, a second server)
 * committed in between; an immediate one waits for busy_timeout instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  createDriver() {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    };
    return driver;
  }
}

/** True when the database answers a trivial query. */
export async function pingDb(db: DB): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

let instance: DB | undefined;

/** The app's shared database, opened on first use from DATABASE_URL. */
export function getDb(): DB {
  instance ??= createDb(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  return instance;
}

export async function closeDb(): Promise<void> {
  const current = instance;
  instance = undefined;
  await current?.destroy();
}
