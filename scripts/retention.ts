// npm run retention -- --dry-run   – list what the retention purge would delete, per organisation
// npm run retention -- --purge     – delete it: each due plan in its own transaction, data not tied
//                                    to a plan past its period, and old audit segments up to a
//                                    covering checkpoint
// Prints counts and plan numbers only: never a name or an identity number.
// Exit code 0: done; 1: could not run; 2: the audit log did not verify, so no segment was removed.
import { closeDb, getDb } from "../db/client.server";
import { pendingMigrations } from "../db/migrate";
import { readCheckpoints } from "../app/features/audit/checkpoints.server";
import { checkpointFilePath } from "../app/features/audit/config.server";
import { auditKey } from "../app/features/audit/key.server";
import { auditPrunePoint, pruneAuditSegments } from "../app/features/retention/audit-segments.server";
import { retentionDryRun, runRetentionPurge, type RetentionReport } from "../app/features/retention/retention.server";
import { getEnv } from "../app/lib/env.server";

function printReport(report: RetentionReport) {
  console.log(`Retention on ${report.today}:`);
  for (const org of report.organisations) {
    if (org.due.length === 0 && org.researchKept === 0) continue;
    console.log(
      `  ${org.name} (${org.kind}, ${org.rule.planYears} years${org.rule.researchException ? ", research exception" : ""}):` +
        ` ${org.due.length} plans due, ${org.researchKept} kept under the research exception`,
    );
    for (const plan of org.due)
      console.log(`    plan ${plan.planId} – last entry ${plan.lastEntry}, gone by ${plan.goneBy}`);
  }
  console.log(`  ${report.totalDue} plans due in all.`);
  for (const [name, count] of Object.entries(report.data)) console.log(`  ${name}: ${count} rows past their period`);
}

async function main(argv: string[]): Promise<number> {
  const dryRun = argv.includes("--dry-run");
  const purge = argv.includes("--purge");
  if (dryRun === purge) {
    console.error("Usage: npm run retention -- --dry-run | --purge");
    return 1;
  }
  const db = getDb();
  const pending = await pendingMigrations(db);
  if (pending.length > 0) {
    console.error(`The database is not migrated (${pending.join(", ")}): run \`npm run db:migrate\` first.`);
    return 1;
  }
  const { checkpoints } = await readCheckpoints(checkpointFilePath(getEnv()));
  printReport(await retentionDryRun(db));
  if (dryRun) {
    const point = await auditPrunePoint(db, checkpoints);
    console.log(
      point ? `  audit log: ${point.events} events up to seq ${point.seq} can go` : "  audit log: nothing to remove",
    );
    return 0;
  }
  const result = await runRetentionPurge(db);
  console.log(`Purged ${result.plansPurged.length} plans.`);
  for (const [name, count] of Object.entries(result.data)) console.log(`  ${name}: ${count} rows deleted`);
  const audit = await pruneAuditSegments(db, { key: auditKey(), checkpoints });
  if ("refused" in audit) {
    console.error("The audit log does not verify (run `npm run audit:verify`): no audit segment was removed.");
    return 2;
  }
  console.log(
    audit.pruned
      ? `  audit log: ${audit.pruned.events} events up to seq ${audit.pruned.seq} removed`
      : "  audit log: nothing to remove",
  );
  return 0;
}

main(process.argv.slice(2))
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await closeDb().catch(() => undefined);
    process.exit(1);
  });
