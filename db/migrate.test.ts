import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDb, isPostgres } from "./client.server";
import { migrateDown, migrateToLatest, pendingMigrations } from "./migrate";
import { migrations } from "./migrations/index";

async function tableNames(db: ReturnType<typeof createDb>) {
  const rows = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%'`.execute(
    db,
  );
  return rows.rows.map((r) => r.name).sort();
}

describe("migrations", () => {
  it("run up, all the way down and up again", async () => {
    const db = createDb("file::memory:");
    await migrateToLatest(db);
    expect(await pendingMigrations(db)).toEqual([]);
    const tables = await tableNames(db);
    expect(tables).toEqual(
      expect.arrayContaining(["partnerships", "organisations", "users", "role_grants", "sessions", "audit_events"]),
    );

    for (let i = 0; i < Object.keys(migrations).length; i++) await migrateDown(db);
    expect(await tableNames(db)).toEqual([]);
    expect(await pendingMigrations(db)).toEqual(Object.keys(migrations));

    await migrateToLatest(db);
    expect(await tableNames(db)).toEqual(tables);
    await db.destroy();
  });

  it("opens SQLite with WAL and foreign keys on, PostgreSQL with counts read as numbers", async () => {
    const db = createDb(process.env.DATABASE_URL!);
    if (isPostgres(db)) {
      const counted = await sql<{ n: number; total: number }>`select count(*) as n, sum(1.5) as total`.execute(db);
      expect(counted.rows[0]).toEqual({ n: 1, total: 1.5 });
    } else {
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
      expect(journal.rows[0].journal_mode).toBe("wal");
      expect(fk.rows[0].foreign_keys).toBe(1);
    }
    await db.destroy();
  });
});
