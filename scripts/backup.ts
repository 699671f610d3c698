// npm run backup -- <dir> [--keep N]
// Writes a verified copy of the database into <dir>, named with the time, while the app serves:
// SQLite's online backup API (checked: integrity, migration level, audit chain), or pg_dump in
// custom format where DATABASE_URL is postgres://. Keeps the newest N copies (--keep, or
// BACKUP_KEEP, default 14). Exit code 0: done; 1: any failure (the partial copy is removed).
import { isPostgresUrl } from "../db/client.server";
import { checkpointFilePath } from "../app/features/audit/config.server";
import { auditKey } from "../app/features/audit/key.server";
import { backupPostgres } from "../app/features/retention/backup-postgres.server";
import { backupSqlite } from "../app/features/retention/backup.server";
import { getEnv } from "../app/lib/env.server";

function keepFrom(argv: string[]): number {
  const i = argv.indexOf("--keep");
  const value = Number(i >= 0 ? argv[i + 1] : (process.env.BACKUP_KEEP ?? 14));
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error("--keep (or BACKUP_KEEP) must be a whole number of at least 1.");
  return value;
}

async function main(argv: string[]): Promise<number> {
  const dir = argv.find((a, i) => !a.startsWith("--") && argv[i - 1] !== "--keep");
  if (!dir) {
    console.error("Usage: npm run backup -- <dir> [--keep N]");
    return 1;
  }
  const keep = keepFrom(argv);
  const env = getEnv();
  if (isPostgresUrl(env.DATABASE_URL)) {
    const result = backupPostgres(env.DATABASE_URL, dir, keep);
    console.log(result.ok ? `Backup written: ${result.file}` : `Backup failed: ${result.reason}`);
    return result.ok ? 0 : 1;
  }
  const result = await backupSqlite(env.DATABASE_URL, dir, {
    key: auditKey(),
    checkpointFile: checkpointFilePath(env),
    keep,
  });
  if (!result.ok) {
    console.error(`Backup failed: ${result.reason}`);
    return 1;
  }
  console.log(`Backup written and verified: ${result.file} (audit log up to event ${result.lastSeq}).`);
  for (const name of result.removed) console.log(`  removed the older copy ${name}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
