// npm run restore -- <file> [--to <url>]
// Restores a backup into an empty database (DATABASE_URL, or --to): refuses a damaged copy, one
// from a newer schema and a target that holds data; migrates an older copy; verifies it; and
// records a restore marker in the audit log and the checkpoint file, so events written after the
// backup are reported as lost by the restore, not as tampering.
// Exit code 0: restored; 1: refused or failed.
import { isPostgresUrl } from "../db/client.server";
import { checkpointFilePath } from "../app/features/audit/config.server";
import { auditKey } from "../app/features/audit/key.server";
import { restorePostgres } from "../app/features/retention/backup-postgres.server";
import { restoreSqlite } from "../app/features/retention/backup.server";
import { getEnv } from "../app/lib/env.server";

const REASONS: Record<string, string> = {
  unreadable: "the file cannot be read",
  damaged: "the file is damaged (integrity check failed)",
  newer_schema: "the copy comes from a newer version of Samsyn: upgrade first",
  audit_chain: "the audit log in the copy does not verify",
  not_empty: "the target database is not empty: restore only into an empty database",
};

async function main(argv: string[]): Promise<number> {
  const toAt = argv.indexOf("--to");
  const file = argv.find((a, i) => !a.startsWith("--") && i !== toAt + 1);
  if (!file || (toAt >= 0 && !argv[toAt + 1])) {
    console.error("Usage: npm run restore -- <file> [--to <url>]");
    return 1;
  }
  const env = getEnv();
  const target = toAt >= 0 ? argv[toAt + 1] : env.DATABASE_URL;
  if (isPostgresUrl(target)) {
    const result = restorePostgres(file, target);
    console.log(result.ok ? "Restored. Run `npm run audit:verify` against it." : `Restore refused: ${result.reason}`);
    return result.ok ? 0 : 1;
  }
  const result = await restoreSqlite(file, target, { key: auditKey(), checkpointFile: checkpointFilePath(env) });
  if (!result.ok) {
    console.error(
      `Restore refused: ${REASONS[result.reason] ?? result.reason}${result.detail ? ` (${result.detail})` : ""}`,
    );
    return 1;
  }
  console.log(`Restored and verified; the audit log resumes after event ${result.restoredSeq}, with a restore marker.`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
