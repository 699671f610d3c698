/**
 * The only place that knows how values are stored so the same queries run on
 * SQLite and PostgreSQL (CONVENTIONS.md "Portable SQL").
 */
import { randomBytes } from "node:crypto";
import { PostgresAdapter, sql, type Kysely } from "kysely";

export function toBool(value: boolean): number {
  return value ? 1 : 0;
}

export function fromBool(value: number | boolean | null | undefined): boolean {
  return value === true || value === 1;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson<T>(value: string | null | undefined, fallback: T): T {
  if (value == null) return fallback;
  return JSON.parse(value) as T;
}

export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Random, URL-safe, 20 characters (~103 bits). Never derived from personal data. */
export function newId(): string {
  const bytes = randomBytes(20);
  let id = "";
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}

/** True when a write failed on a UNIQUE or primary-key constraint, on SQLite or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

/** The advisory lock every PostgreSQL write transaction takes when it begins (db/client.server.ts). */
export const WRITE_LOCK_KEY = 7_305_271_001;

/**
 * Holds the database's write lock until the transaction ends. On SQLite, BEGIN IMMEDIATE already
 * took it; on PostgreSQL every transaction begun through db/client.server.ts took this advisory
 * lock, and taking it again is free. Callers that must never run concurrently with another writer,
 * on any app instance (the audit chain's head), say so by calling this.
 */
export async function holdWriteLock<T>(db: Kysely<T>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`select pg_advisory_xact_lock(${sql.lit(WRITE_LOCK_KEY)})`.execute(db);
}

function isPostgres<T>(db: Kysely<T>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
