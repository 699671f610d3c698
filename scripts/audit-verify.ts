// npm run audit:verify                                   – check the audit log against the key and the checkpoint file
// npm run audit:verify -- --checkpoints copy.jsonl [...] – against the copies the operator shipped elsewhere
// Exit code 0: intact; 2: tampering found (each kind named); 1: the check could not run.
import { closeDb, getDb } from "../db/client.server";
import { readCheckpoints, type Checkpoint } from "../app/features/audit/checkpoints.server";
import { checkpointFilePath } from "../app/features/audit/config.server";
import { auditKey } from "../app/features/audit/key.server";
import { verifyAuditChain, type TamperKind } from "../app/features/audit/verify.server";
import { getEnv } from "../app/lib/env.server";

const WORDS: Record<TamperKind, string> = {
  edited_event: "edited event: its content was changed after it was written",
  deleted_middle: "deleted event(s) in the middle: a gap in the numbering",
  deleted_tail: "deleted tail: a checkpoint names events that are now missing or replaced",
  recomputed_chain: "recomputed chain: the links fit but the MAC does not match the key",
  forged_event: "forged appended event: added by someone without the key",
};

function checkpointFiles(argv: string[]): string[] {
  const files = argv.flatMap((arg, i) => (arg === "--checkpoints" && argv[i + 1] ? [argv[i + 1]] : []));
  return files.length > 0 ? files : [checkpointFilePath(getEnv())];
}

async function main(): Promise<number> {
  const env = getEnv();
  const checkpoints: Checkpoint[] = [];
  for (const file of checkpointFiles(process.argv.slice(2))) {
    const read = await readCheckpoints(file);
    checkpoints.push(...read.checkpoints);
    for (const lost of read.lostByRestore) {
      console.log(
        `${file}: events ${lost.fromSeq}–${lost.toSeq} were lost by the restore of ${lost.restoredAt} (not tampering)`,
      );
    }
    console.log(
      `${file}: ${read.checkpoints.length} checkpoints${read.unreadable ? `, ${read.unreadable} unreadable lines` : ""}`,
    );
  }
  const report = await verifyAuditChain(getDb(), { key: auditKey(), checkpoints });
  await closeDb();
  console.log(`${report.checked} events checked (last seq ${report.lastSeq}) in ${env.DATABASE_URL}.`);
  if (checkpoints.length === 0) console.log("No checkpoints: a deleted tail cannot be detected.");
  if (report.ok) {
    console.log("The audit log is intact.");
    return 0;
  }
  console.log("The audit log has been tampered with:");
  for (const f of report.findings) {
    const seqs = f.fromSeq === f.toSeq ? `event ${f.fromSeq}` : `events ${f.fromSeq}–${f.toSeq}`;
    console.log(`  ${f.kind} (${seqs}): ${WORDS[f.kind]}`);
  }
  if (report.truncated) console.log("  … and more.");
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
