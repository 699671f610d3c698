// Backup and restore of the SQLite database (docs/decisions/0018-retention-backup-extract.md).
// The copy is made with SQLite's online backup API while the app serves, verified (integrity,
// migration level, audit chain) before it gets its final name, and the newest N are kept. A
// restore refuses a damaged copy or one from a newer schema, goes only into an empty database,
// and leaves a restore marker in the audit log and in the checkpoint file, so the events written
// after the backup are reported as lost by the restore rather than as tampering.
// PostgreSQL (pg_dump -Fc / pg_restore) lives in ./backup-postgres.server.ts.
import SQLite from "better-sqlite3";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { createDb, sqlitePath, type DB } from "#db/client.server";
import { migrateToLatest } from "#db/migrate";
import { migrations } from "#db/migrations/index";
import { nowIso } from "#db/portable";
import { SYSTEM_ACTOR } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { appendRestoreMarker, readCheckpoints } from "~/features/audit/checkpoints.server";
import { verifyAuditChain } from "~/features/audit/verify.server";

export const BACKUP_PREFIX = "samsyn-";
export const BACKUP_SUFFIX = ".sqlite";

export type CopyCheck =
  | { ok: true; migrations: number; lastSeq: number }
  | { ok: false; reason: "unreadable" | "damaged" | "newer_schema" | "older_schema" | "audit_chain"; detail?: string };

/** A file name that sorts by time: samsyn-20261203T140501Z.sqlite. */
export function backupName(now: Date): string {
  return `${BACKUP_PREFIX}${now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "")}${BACKUP_SUFFIX}`;
}

function integrity(path: string): "ok" | "unreadable" | "damaged" {
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(path, { readonly: true, fileMustExist: true });
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.length === 1 && rows[0].integrity_check === "ok" ? "ok" : "damaged";
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    return code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT" ? "damaged" : "unreadable";
  } finally {
    db?.close();
  }
}

/** Migrations the copy ran that this code does not know (a newer schema), and ones it lacks. */
async function migrationLevel(db: DB): Promise<{ unknown: string[]; missing: string[]; count: number }> {
  const known = Object.keys(migrations);
  let ran: string[] = [];
  try {
    ran = (
      await db
        .selectFrom("kysely_migration" as never)
        .select("name" as never)
        .execute()
    ).map((r) => (r as { name: string }).name);
  } catch {
    ran = [];
  }
  return {
    unknown: ran.filter((n) => !known.includes(n)),
    missing: known.filter((n) => !ran.includes(n)),
    count: ran.length,
  };
}

/**
 * Checks a copy: SQLite's integrity check, the migration level (`exact` for a fresh backup; a
 * restore accepts an older copy and migrates it), and the audit chain against the checkpoints up
 * to the copy's last event.
 */
export async function checkCopy(
  path: string,
  { key, checkpointFile, exact }: { key: Buffer; checkpointFile: string; exact: boolean },
): Promise<CopyCheck> {
  const state = integrity(path);
  if (state !== "ok") return { ok: false, reason: state };
  const db = createDb(`file:${path}`);
  try {
    const level = await migrationLevel(db);
    if (level.unknown.length > 0) return { ok: false, reason: "newer_schema", detail: level.unknown.join(", ") };
    if (exact && level.missing.length > 0)
      return { ok: false, reason: "older_schema", detail: level.missing.join(", ") };
    if (level.missing.length > 0) return { ok: true, migrations: level.count, lastSeq: 0 };
    const head = await db.selectFrom("audit_events").select("seq").orderBy("seq", "desc").limit(1).executeTakeFirst();
    const lastSeq = Number(head?.seq ?? 0);
    const { checkpoints } = await readCheckpoints(checkpointFile);
    const report = await verifyAuditChain(db, { key, checkpoints: checkpoints.filter((c) => c.seq <= lastSeq) });
    if (!report.ok) return { ok: false, reason: "audit_chain", detail: report.findings.map((f) => f.kind).join(", ") };
    return { ok: true, migrations: level.count, lastSeq };
  } finally {
    await db.destroy();
  }
}

/** Keeps the newest `keep` backups in the directory; returns the names removed. */
export function keepNewest(dir: string, keep: number): string[] {
  const names = readdirSync(dir)
    .filter((n) => n.startsWith(BACKUP_PREFIX) && n.endsWith(BACKUP_SUFFIX))
    .sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) rmSync(join(dir, name));
  return old;
}

export type BackupOutcome =
  { ok: true; file: string; lastSeq: number; removed: string[] } | { ok: false; reason: string };

/** Writes a verified, timestamped copy of the SQLite database at `databaseUrl` into `dir`. */
export async function backupSqlite(
  databaseUrl: string,
  dir: string,
  { key, checkpointFile, keep, now = new Date() }: { key: Buffer; checkpointFile: string; keep: number; now?: Date },
): Promise<BackupOutcome> {
  mkdirSync(dir, { recursive: true });
  const final = join(dir, backupName(now));
  const partial = `${final}.partial`;
  const source = new SQLite(sqlitePath(databaseUrl), { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    // All remaining pages in one step: a write by another connection between steps restarts the
    // copy, so under steady load small steps might never finish.
    await source.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } finally {
    source.close();
  }
  const check = await checkCopy(partial, { key, checkpointFile, exact: true });
  if (!check.ok) {
    rmSync(partial, { force: true });
    return { ok: false, reason: check.detail ? `${check.reason} (${check.detail})` : check.reason };
  }
  renameSync(partial, final);
  return { ok: true, file: final, lastSeq: check.lastSeq, removed: keepNewest(dir, keep) };
}

export type RestoreOutcome =
  | { ok: true; restoredSeq: number }
  | {
      ok: false;
      reason: "unreadable" | "damaged" | "newer_schema" | "audit_chain" | "not_empty" | "older_schema";
      detail?: string;
    };

function isEmptyDatabase(path: string): boolean {
  if (!existsSync(path) || statSync(path).size === 0) return true;
  const db = new SQLite(path, { readonly: true });
  try {
    const row = db
      .prepare("select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .get() as {
      n: number;
    };
    return row.n === 0;
  } finally {
    db.close();
  }
}

/**
 * Restores a backup into an empty SQLite database, migrates it if it is older, verifies it and
 * records the restore marker (an audit event, and a line in the checkpoint file).
 */
export async function restoreSqlite(
  file: string,
  targetUrl: string,
  { key, checkpointFile, now = new Date() }: { key: Buffer; checkpointFile: string; now?: Date },
): Promise<RestoreOutcome> {
  const check = await checkCopy(file, { key, checkpointFile, exact: false });
  if (!check.ok) return check.reason === "older_schema" ? { ok: false, reason: "damaged" } : check;
  const target = sqlitePath(targetUrl);
  if (!isEmptyDatabase(target)) return { ok: false, reason: "not_empty" };
  mkdirSync(join(target, ".."), { recursive: true });
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  const db = createDb(`file:${target}`);
  try {
    await migrateToLatest(db);
    const verified = await checkCopy(target, { key, checkpointFile, exact: true });
    if (!verified.ok) return { ok: false, reason: verified.reason === "older_schema" ? "damaged" : verified.reason };
    const restoredSeq = verified.lastSeq;
    await audit(
      db,
      {
        actor: SYSTEM_ACTOR,
        action: "backup.restored",
        recordType: "database",
        details: { restoredSeq, restoredAt: nowIso(now) },
      },
      now,
    );
    const head = await db
      .selectFrom("audit_events")
      .select(["seq", "mac"])
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    await appendRestoreMarker(checkpointFile, {
      seq: Number(head.seq),
      mac: head.mac ?? "",
      at: nowIso(now),
      restoredSeq,
    });
    return { ok: true, restoredSeq };
  } finally {
    await db.destroy();
  }
}
