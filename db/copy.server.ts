// Copying a whole installation from one database to another, on either engine: SQLite to
// PostgreSQL when an installation outgrows one server, and back (docs/decisions/0024-copy-between-engines.md).
// Rule: the target is migrated and must hold nothing but what the migrations themselves insert;
// the copy is one transaction on the target, read from one snapshot of the source, table by
// table in foreign-key order, and is checked by counting every table on both sides. What it logs
// is table names and counts, never a row.
import { sql, type Kysely } from "kysely";
import { createDb, isPostgres, type DB } from "./client.server";
import { migrateToLatest, pendingMigrations } from "./migrate";
import { dependencyOrder, describeTables, type TableInfo } from "./tables.server";

export type CopyResult =
  | { ok: true; tables: { name: string; rows: number }[] }
  | { ok: false; reason: "source_not_migrated"; pending: string[] }
  | { ok: false; reason: "target_not_empty"; tables: string[] }
  | { ok: false; reason: "schema_differs"; tables: string[] }
  | { ok: false; reason: "counts_differ"; tables: { name: string; source: number; target: number }[] };

export interface CopyOptions {
  /** Rows read and inserted at a time (fewer for wide tables, to stay under bound-parameter limits). */
  batchRows?: number;
  log?: (line: string) => void;
}

// PostgreSQL binds at most 65 535 parameters per statement, SQLite 32 766.
const MAX_PARAMETERS = 30_000;

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** Tables named at run time, from the catalogue. */
const untyped = (db: DB) => db as unknown as AnyDb;

export async function copyDatabase(source: DB, target: DB, options: CopyOptions = {}): Promise<CopyResult> {
  const { batchRows = 1000, log = () => {} } = options;
  const pending = await pendingMigrations(source);
  if (pending.length > 0) return { ok: false, reason: "source_not_migrated", pending };

  const seeded = await rowsOfFreshDatabase();
  const occupied: string[] = [];
  for (const [name, rows] of await rowCounts(target, await describeTables(target))) {
    if (rows > (seeded.get(name) ?? 0)) occupied.push(name);
  }
  if (occupied.length > 0) return { ok: false, reason: "target_not_empty", tables: occupied };

  await migrateToLatest(target);
  const { order: tables, deferred } = dependencyOrder(await describeTables(source));
  const differs = schemaDifferences(tables, await describeTables(target));
  if (differs.length > 0) return { ok: false, reason: "schema_differs", tables: differs };

  // One snapshot of the source (on SQLite the write lock, on PostgreSQL repeatable read as well as
  // the app's write lock), so the copy and its counts describe one moment even if the app runs.
  const sourceCounts = await source
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (from) => {
      await target.transaction().execute(async (to) => {
        for (const table of tables) {
          if ((seeded.get(table.name) ?? 0) > 0) await clearMigrationRows(untyped(to), table.name);
          const later = deferred.filter((d) => d.table === table.name).flatMap((d) => d.columns);
          const rows = await copyTable(untyped(from), untyped(to), table, batchRows, later);
          log(`${table.name}: ${rows} rows`);
        }
        for (const d of deferred) {
          const table = tables.find((t) => t.name === d.table)!;
          await fillDeferred(untyped(from), untyped(to), table, d.columns, batchRows);
        }
        if (isPostgres(untyped(to))) await resetSequences(untyped(to));
      });
      return rowCounts(untyped(from), tables);
    });

  const targetCounts = await rowCounts(target, tables);
  const wrong = tables
    .map((t) => ({ name: t.name, source: sourceCounts.get(t.name) ?? 0, target: targetCounts.get(t.name) ?? 0 }))
    .filter((c) => c.source !== c.target);
  if (wrong.length > 0) return { ok: false, reason: "counts_differ", tables: wrong };
  return { ok: true, tables: tables.map((t) => ({ name: t.name, rows: sourceCounts.get(t.name) ?? 0 })) };
}

let fresh: Promise<Map<string, number>> | undefined;

/**
 * What the migrations themselves insert (the audit chain's boundary, the checkpoint lease, the
 * default retention periods), counted in a throwaway database so no list has to be kept: a target
 * holding only these rows counts as empty, and they are replaced by the source's.
 */
export function rowsOfFreshDatabase(): Promise<Map<string, number>> {
  fresh ??= (async () => {
    const db = createDb("file::memory:");
    try {
      await migrateToLatest(db);
      const counts = await rowCounts(db, await describeTables(db));
      return new Map([...counts].filter(([, rows]) => rows > 0));
    } finally {
      await db.destroy();
    }
  })();
  return fresh;
}

export async function rowCounts<T>(db: Kysely<T>, tables: TableInfo[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const t of tables) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(t.name)}`.execute(db);
    counts.set(t.name, Number(rows[0].n));
  }
  return counts;
}

function schemaDifferences(source: TableInfo[], target: TableInfo[]): string[] {
  const signature = (t: TableInfo) => [...t.columns].sort().join(",");
  const other = new Map(target.map((t) => [t.name, signature(t)]));
  const names = new Set([...source.map((t) => t.name), ...target.map((t) => t.name)]);
  return [...names].filter((name) => {
    const mine = source.find((t) => t.name === name);
    return !mine || other.get(name) !== signature(mine);
  });
}

/**
 * A table's rows in primary-key order, `size` at a time, each batch read from where the last one
 * ended (a keyset, so a large table costs the same per batch throughout).
 */
async function* inKeyOrder(from: AnyDb, table: TableInfo, columns: string[], size: number, onlyWith: string[] = []) {
  const key = table.primaryKey;
  let last: Record<string, unknown> | undefined;
  for (let read = 0; ;) {
    let query = from.selectFrom(table.name).select(columns).limit(size);
    for (const column of key.length > 0 ? key : table.columns) query = query.orderBy(column);
    if (onlyWith.length > 0) query = query.where((eb) => eb.or(onlyWith.map((c) => eb(c, "is not", null))));
    if (key.length === 0) query = query.offset(read);
    else if (last) {
      const after = last;
      query = query.where(
        sql<boolean>`(${sql.join(key.map((c) => sql.id(c)))}) > (${sql.join(key.map((c) => after[c]))})`,
      );
    }
    const rows = await query.execute();
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    read += rows.length;
    last = rows.at(-1);
  }
}

const batchSize = (table: TableInfo, batchRows: number) =>
  Math.max(1, Math.min(batchRows, Math.floor(MAX_PARAMETERS / table.columns.length)));

/**
 * Each batch is inserted as one statement. The audit log's guards refuse updates and deletes, not
 * inserts, and the prune table's only asks for rising numbers, which key order gives. Columns of a
 * deferred key are inserted as NULL.
 */
async function copyTable(from: AnyDb, to: AnyDb, table: TableInfo, batchRows: number, later: string[]) {
  let copied = 0;
  for await (const rows of inKeyOrder(from, table, table.columns, batchSize(table, batchRows))) {
    const values =
      later.length === 0 ? rows : rows.map((r) => ({ ...r, ...Object.fromEntries(later.map((c) => [c, null])) }));
    await to.insertInto(table.name).values(values).execute();
    copied += rows.length;
  }
  return copied;
}

/** Sets a deferred key's columns on the rows where the source has them, once their parents exist. */
async function fillDeferred(from: AnyDb, to: AnyDb, table: TableInfo, columns: string[], batchRows: number) {
  if (table.primaryKey.length === 0)
    throw new Error(`${table.name} has no primary key to set ${columns.join(", ")} by`);
  const read = [...table.primaryKey, ...columns];
  for await (const rows of inKeyOrder(from, table, read, batchSize(table, batchRows), columns)) {
    for (const row of rows) {
      let update = to.updateTable(table.name).set(Object.fromEntries(columns.map((c) => [c, row[c]])));
      for (const c of table.primaryKey) update = update.where(c, "=", row[c]);
      await update.execute();
    }
  }
}

/**
 * Removes the rows a migration inserted so the source's take their place. Some of them are
 * guarded like the audit log (the chain's boundary may never change), so the guards are lifted
 * for the delete only, inside the copy's transaction: no other connection sees them missing.
 */
async function clearMigrationRows(db: AnyDb, table: string): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table ${sql.table(table)} disable trigger user`.execute(db);
    await sql`delete from ${sql.table(table)}`.execute(db);
    await sql`alter table ${sql.table(table)} enable trigger user`.execute(db);
    return;
  }
  const { rows: triggers } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
    where type = 'trigger' and tbl_name = ${table}`.execute(db);
  for (const t of triggers) await sql`drop trigger ${sql.id(t.name)}`.execute(db);
  await sql`delete from ${sql.table(table)}`.execute(db);
  for (const t of triggers) await sql.raw(t.sql).execute(db);
}

/**
 * Identity and serial columns hand out numbers from a sequence that explicit inserts do not move:
 * set each past the highest copied value. (SQLite's AUTOINCREMENT follows inserted keys itself.)
 */
async function resetSequences(db: AnyDb): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`select table_name, column_name
    from information_schema.columns where table_schema = current_schema()
    and (is_identity = 'YES' or column_default like 'nextval(%')`.execute(db);
  for (const { table_name: table, column_name: column } of rows) {
    await sql`select setval(pg_get_serial_sequence(quote_ident(${table}), ${column}),
      coalesce(max(${sql.id(column)}), 0) + 1, false) from ${sql.table(table)}`.execute(db);
  }
}
