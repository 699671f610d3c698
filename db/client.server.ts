import SQLite from "better-sqlite3";
import { fdatasync, mkdirSync, openSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type QueryResult } from "kysely";
import pg from "pg";
import { WRITE_LOCK_KEY } from "./portable";
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

// PostgreSQL returns 64-bit integers (count(*), sum() of integers) and numerics as strings, since
// they may exceed 2^53; every such value Samsyn reads is a count or a sequence number far below
// that, and SQLite returns numbers, so both engines hand the app the same type.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** Connections per app instance: DATABASE_POOL_SIZE, default 10 (see README, "Pool sizing"). */
export function poolSize(env: NodeJS.ProcessEnv = process.env): number {
  const size = Number(env.DATABASE_POOL_SIZE ?? 10);
  return Number.isInteger(size) && size >= 1 && size <= 1000 ? size : 10;
}

export function createDb(url: string, options: { poolSize?: number } = {}): DB {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? poolSize() });
    // An idle connection the server drops (restart, failover) must not crash the process; the
    // pool discards it and the next query opens a new one.
    pool.on("error", () => {});
    return new Kysely<Database>({ dialect: new LockingPostgresDialect({ pool }) });
  }
  const path = sqlitePath(url);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  // NORMAL: a commit writes the WAL without waiting for the disk, which would stall the event loop
  // (better-sqlite3 is synchronous) for every request behind it. The dialect below then waits for
  // the WAL to reach the disk off the event loop before the commit returns, so what a transaction
  // wrote is as durable as with FULL when the caller goes on (docs/decisions/0016-page-speed.md).
  database.pragma("synchronous = NORMAL");
  // 64 MiB of page cache instead of SQLite's 2 MiB default: the period summary reads the
  // indexes of a whole partnership, which would otherwise be re-read from the OS on every query.
  database.pragma("cache_size = -65536");
  const statements = withStatementCache(database);
  const durable = path === ":memory:" ? undefined : walSync(`${path}-wal`);
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect(statements, database, durable) });
}

/**
 * Kysely prepares every query it runs; SQLite parses and plans the statement each time, which cost
 * more than running most of Samsyn's queries. The same few hundred statements recur, so prepared
 * statements are kept by their SQL text. Safe because the driver runs one statement at a time on
 * its single connection (a streamed query holds the connection until it ends).
 */
type StatementCache = ReturnType<typeof withStatementCache>;

function withStatementCache(database: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      let statement = statements.get(sqlText);
      if (!statement) {
        statement = database.prepare(sqlText);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
        statements.set(sqlText, statement);
      }
      return statement;
    },
  };
}

/** Distinct statements kept; queries built with a varying number of parameters make new ones. */
const STATEMENT_CACHE_SIZE = 1000;

/** Flushes the WAL file to disk on libuv's thread pool, so the event loop goes on meanwhile. */
function walSync(walPath: string): () => Promise<void> {
  let fd: number | undefined;
  return async () => {
    if (fd === undefined) {
      try {
        fd = openSync(walPath, "r");
      } catch {
        return; // no WAL yet: nothing has been written
      }
    }
    await new Promise<void>((resolve, reject) => fdatasync(fd!, (error) => (error ? reject(error) : resolve())));
  };
}

/**
 * Write transactions take the write lock when they begin ("BEGIN IMMEDIATE"). A plain BEGIN
 * reads first and fails with SQLITE_BUSY_SNAPSHOT if another process (a script, a second server)
 * committed in between; an immediate one waits for busy_timeout instead.
 *
 * A statement that leaves a write committed (COMMIT, or a write outside a transaction) returns
 * only once the WAL is on disk (see synchronous = NORMAL above).
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly statements: StatementCache,
    private readonly database: SQLite.Database,
    private readonly durable?: () => Promise<void>,
  ) {
    super({ database: statements });
  }

  createDriver() {
    const driver = super.createDriver();
    const { database, durable, statements } = this;
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    };
    if (!durable) return driver;
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = async () => {
      const connection = await acquire();
      return {
        async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
          const result = await connection.executeQuery<R>(query);
          if (!database.inTransaction && leftWriteCommitted(statements, query.sql)) await durable();
          return result;
        },
        streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => connection.streamQuery<R>(query, chunkSize),
      };
    };
    return driver;
  }
}

/** COMMIT counts as read-only in SQLite's eyes, though it is what makes the writes before it stick. */
function leftWriteCommitted(statements: StatementCache, sqlText: string): boolean {
  return /^\s*(commit|end)\b/i.test(sqlText) || !statements.prepare(sqlText).readonly;
}

/**
 * Every PostgreSQL transaction takes one advisory lock as it begins, held until it ends: the
 * counterpart of SQLite's BEGIN IMMEDIATE. Nearly every transaction in Samsyn writes the audit
 * chain, which allows one writer at a time anyway; taking the lock first rather than at the
 * first audit() means two transactions never hold row locks the other waits for (no deadlocks),
 * and a read-check-write (a plan's version, login throttling) sees what the previous writer
 * committed, on whichever instance it ran. Single statements outside a transaction do not wait.
 * docs/decisions/0017-postgresql.md.
 */
class LockingPostgresDialect extends PostgresDialect {
  createDriver() {
    const driver = super.createDriver();
    const begin = driver.beginTransaction.bind(driver);
    driver.beginTransaction = async (connection, settings) => {
      await begin(connection, settings);
      await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`));
    };
    return driver;
  }
}

/** True when the database is PostgreSQL (the only other engine is SQLite). */
export function isPostgres<T>(db: Kysely<T>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
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
