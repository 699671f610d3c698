// What the database says about its own tables, on SQLite or PostgreSQL: columns, primary key and
// the tables each one references. `npm run db:copy` derives its order from this rather than from a
// list, so a table added by a later migration is copied without anyone remembering to add it.
import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE, sql, type Kysely } from "kysely";
import { isPostgres } from "./client.server";

export interface TableInfo {
  name: string;
  /** In the table's own order. */
  columns: string[];
  /** Empty when the table has none. */
  primaryKey: string[];
  /** Tables this one has foreign keys to (itself included, if it does). */
  references: string[];
  foreignKeys: { parent: string; columns: string[] }[];
  /** Columns that may hold NULL. */
  nullable: string[];
}

/** The migrator's own bookkeeping, which every migrated database has and nothing copies. */
export const MIGRATOR_TABLES: readonly string[] = [DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE];

// Table and column names come from the database's catalogue, never from input, so interpolating
// them as identifiers is safe.
export async function describeTables<T>(db: Kysely<T>): Promise<TableInfo[]> {
  const names = await tableNames(db);
  const tables: TableInfo[] = [];
  for (const name of names) {
    if (MIGRATOR_TABLES.includes(name)) continue;
    tables.push(isPostgres(db) ? await describePostgres(db, name) : await describeSqlite(db, name));
  }
  return tables;
}

async function tableNames<T>(db: Kysely<T>): Promise<string[]> {
  const rows = isPostgres(db)
    ? await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master
        where type = 'table' and name not like 'sqlite\\_%' escape '\\'`.execute(db);
  return rows.rows.map((r) => r.name).sort();
}

async function describeSqlite<T>(db: Kysely<T>, name: string): Promise<TableInfo> {
  const columns = await sql<{ name: string; pk: number; notnull: number }>`select name, pk, "notnull"
    from pragma_table_info(${name}) order by cid`.execute(db);
  const fks = await sql<{ id: number; parent: string; column: string }>`select id, "table" as parent,
    "from" as "column" from pragma_foreign_key_list(${name}) order by id, seq`.execute(db);
  return {
    name,
    columns: columns.rows.map((c) => c.name),
    primaryKey: columns.rows
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name),
    ...foreignKeys(fks.rows),
    // A primary-key column is never NULL in practice, though SQLite's catalogue allows it.
    nullable: columns.rows.filter((c) => !c.notnull && !c.pk).map((c) => c.name),
  };
}

async function describePostgres<T>(db: Kysely<T>, name: string): Promise<TableInfo> {
  const table = sql`(quote_ident(current_schema()) || '.' || quote_ident(${name}))::regclass`;
  const columns = await sql<{ name: string; nullable: string }>`select column_name as name,
    is_nullable as nullable from information_schema.columns
    where table_schema = current_schema() and table_name = ${name} order by ordinal_position`.execute(db);
  const pk = await sql<{ name: string }>`select a.attname as name from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = ${table} and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
  const fks = await sql<{ id: number; parent: string; column: string }>`select c.oid::int8 as id,
    p.relname as parent, a.attname as "column" from pg_constraint c
    join pg_class p on p.oid = c.confrelid
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
    where c.contype = 'f' and c.conrelid = ${table}
    order by c.oid, array_position(c.conkey, a.attnum)`.execute(db);
  return {
    name,
    columns: columns.rows.map((c) => c.name),
    primaryKey: pk.rows.map((r) => r.name),
    ...foreignKeys(fks.rows),
    nullable: columns.rows.filter((c) => c.nullable === "YES").map((c) => c.name),
  };
}

function foreignKeys(rows: { id: number; parent: string; column: string }[]) {
  const byId = new Map<number, { parent: string; columns: string[] }>();
  for (const r of rows) {
    const fk = byId.get(r.id) ?? { parent: r.parent, columns: [] };
    fk.columns.push(r.column);
    byId.set(r.id, fk);
  }
  const list = [...byId.values()];
  return { foreignKeys: list, references: [...new Set(list.map((fk) => fk.parent))].sort() };
}

/** A foreign key left NULL while its table is copied and filled in once every table is. */
export interface DeferredKey {
  table: string;
  columns: string[];
  parent: string;
}

/**
 * Every table after the tables it references (alphabetical among equals, so the order is stable).
 * Where foreign keys form a circle (a person names the plan that protected them; a plan names its
 * person), one key of the circle whose columns may be NULL is deferred: copied as NULL and set
 * after the rest. A circle of NOT NULL keys cannot be copied with immediate foreign keys, and is
 * refused by name rather than failing halfway.
 */
export function dependencyOrder(unordered: TableInfo[]): { order: TableInfo[]; deferred: DeferredKey[] } {
  const tables = [...unordered].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(tables.map((t) => t.name));
  for (const t of tables) {
    const unknown = t.references.filter((r) => !names.has(r));
    if (unknown.length > 0) throw new Error(`${t.name} references tables that do not exist: ${unknown.join(", ")}`);
  }
  const waiting = new Map(tables.map((t) => [t.name, t.foreignKeys.map((fk) => ({ ...fk }))]));
  const done = new Set<string>();
  const order: TableInfo[] = [];
  const deferred: DeferredKey[] = [];
  while (order.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t.name) && waiting.get(t.name)!.every((fk) => done.has(fk.parent)));
    if (ready.length > 0) {
      for (const t of ready) {
        done.add(t.name);
        order.push(t);
      }
      continue;
    }
    const left = tables.filter((t) => !done.has(t.name));
    // Only a key on the circle itself: its parent leads back to its table.
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      from === to ||
      (!seen.has(from) &&
        (seen.add(from), waiting.get(from)!.some((fk) => !done.has(fk.parent) && reaches(fk.parent, to, seen))));
    const breakable = left
      .flatMap((t) => waiting.get(t.name)!.map((fk) => ({ table: t, fk })))
      .find(
        ({ table, fk }) =>
          !done.has(fk.parent) && fk.columns.every((c) => table.nullable.includes(c)) && reaches(fk.parent, table.name),
      );
    if (!breakable) throw new Error(`Foreign keys form a circle among: ${left.map((t) => t.name).join(", ")}`);
    deferred.push({ table: breakable.table.name, columns: breakable.fk.columns, parent: breakable.fk.parent });
    const list = waiting.get(breakable.table.name)!;
    list.splice(list.indexOf(breakable.fk), 1);
  }
  return { order, deferred };
}
