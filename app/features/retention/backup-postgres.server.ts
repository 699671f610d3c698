// PostgreSQL backup and restore with the engine's own tools: pg_dump in custom format, checked
// by listing it with pg_restore, and pg_restore into an empty database. Kept apart from the
// SQLite path so the engine can evolve on its own; the audit chain is verified after a restore
// by `npm run audit:verify` against the restored database.
import { spawnSync } from "node:child_process";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { backupName, keepNewest } from "./backup.server";

const DUMP_SUFFIX = ".dump";

function run(command: string, args: string[]): { ok: boolean; stderr: string } {
  const result = spawnSync(command, args, { encoding: "utf8" });
  // stderr may quote the connection string: callers print only the command's name and exit code.
  return { ok: result.status === 0, stderr: result.stderr ?? "" };
}

export function backupPostgres(
  url: string,
  dir: string,
  keep: number,
  now = new Date(),
): { ok: boolean; file?: string; reason?: string } {
  mkdirSync(dir, { recursive: true });
  const final = join(dir, backupName(now).replace(/\.sqlite$/, DUMP_SUFFIX));
  const partial = `${final}.partial`;
  if (!run("pg_dump", ["-Fc", "-f", partial, url]).ok) {
    rmSync(partial, { force: true });
    return { ok: false, reason: "pg_dump failed" };
  }
  if (!run("pg_restore", ["--list", partial]).ok) {
    rmSync(partial, { force: true });
    return { ok: false, reason: "the dump does not read back (pg_restore --list)" };
  }
  renameSync(partial, final);
  keepNewest(dir, keep);
  return { ok: true, file: final };
}

export function restorePostgres(file: string, url: string): { ok: boolean; reason?: string } {
  if (!run("pg_restore", ["--list", file]).ok) return { ok: false, reason: "damaged" };
  // --exit-on-error into an empty database: a non-empty one fails on the first existing table.
  if (!run("pg_restore", ["--exit-on-error", "--no-owner", "-d", url, file]).ok)
    return { ok: false, reason: "pg_restore failed" };
  return { ok: true };
}
