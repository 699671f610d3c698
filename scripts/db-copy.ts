// npm run db:copy -- --from <url> --to <url> [--batch 1000]
// Copies a whole installation to another database, e.g. from SQLite to PostgreSQL:
//   npm run db:copy -- --from file:./data/samsyn.sqlite --to postgres://samsyn@db.example/samsyn
// Stop the app first (what it writes after the copy's snapshot is not copied). The target is
// migrated if it has no schema yet and refused if it holds any rows. Afterwards every table is
// counted on both sides and the audit chain is verified on the target with the source's key and
// checkpoint file (AUDIT_KEY / AUDIT_KEY_FILE / AUDIT_CHECKPOINT_FILE, or beside the source's
// SQLite file). Exit code 0: copied and verified; 2: copied, but the audit chain did not verify;
// 1: refused or failed (the target is left as it was, at most migrated).
// Logs table names and counts only.
import { createDb, isPostgresUrl } from "../db/client.server";
import { copyDatabase, type CopyResult } from "../db/copy.server";
import { readCheckpoints } from "../app/features/audit/checkpoints.server";
import { checkpointFilePath, keyFilePath } from "../app/features/audit/config.server";
import { loadAuditKey } from "../app/features/audit/key.server";
import { verifyAuditChain } from "../app/features/audit/verify.server";

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Where a database is, without user name or password. */
function describeUrl(url: string): string {
  if (!isPostgresUrl(url)) return url;
  const parsed = new URL(url);
  return `postgres://${parsed.host}${parsed.pathname}`;
}

const REFUSALS: Record<Exclude<CopyResult, { ok: true }>["reason"], string> = {
  source_not_migrated: "the source has migrations not yet run; run `npm run db:migrate` against it first",
  target_not_empty: "the target already holds data; copy only into an empty database",
  schema_differs: "the tables of the source and the migrated target differ",
  counts_differ: "after the copy the number of rows differs",
};

const validUrl = (url: string | undefined): url is string =>
  !!url && /^(file:|postgres:\/\/|postgresql:\/\/)/.test(url);

async function main(argv: string[]): Promise<number> {
  const from = option(argv, "from");
  const to = option(argv, "to");
  const batchRows = Number(option(argv, "batch") ?? 1000);
  if (!validUrl(from) || !validUrl(to) || !Number.isSafeInteger(batchRows) || batchRows < 1) {
    console.error(
      "Usage: npm run db:copy -- --from <file:… or postgres://…> --to <file:… or postgres://…> [--batch N]",
    );
    return 1;
  }
  if (from === to) {
    console.error("The source and the target are the same database.");
    return 1;
  }
  // The key and checkpoints belong to the installation being moved: read them as the source's app
  // would, but never create a key (a new key would verify nothing).
  const sourceEnv = { ...process.env, DATABASE_URL: from };
  const key = loadAuditKey({
    NODE_ENV: "production",
    DATABASE_URL: from,
    AUDIT_KEY: process.env.AUDIT_KEY,
    AUDIT_KEY_FILE: process.env.AUDIT_KEY_FILE,
  });
  const checkpointFile = checkpointFilePath(sourceEnv);

  console.log(`Copying ${describeUrl(from)} to ${describeUrl(to)}…`);
  const source = createDb(from, { poolSize: 2 });
  const target = createDb(to, { poolSize: 2 });
  try {
    const result = await copyDatabase(source, target, { batchRows, log: (line) => console.log(`  ${line}`) });
    if (!result.ok) {
      console.error(`Refused: ${REFUSALS[result.reason]}.`);
      if ("tables" in result)
        for (const t of result.tables)
          console.error(
            typeof t === "string" ? `  ${t}` : `  ${t.name}: ${t.source} in the source, ${t.target} copied`,
          );
      if (result.reason === "source_not_migrated") console.error(`  pending: ${result.pending.join(", ")}`);
      return 1;
    }
    const total = result.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(`Copied ${total} rows in ${result.tables.length} tables; every table's count matches.`);

    const { checkpoints } = await readCheckpoints(checkpointFile);
    const report = await verifyAuditChain(target, { key, checkpoints });
    console.log(`Audit log on the target: ${report.checked} events checked, last ${report.lastSeq}.`);
    if (!report.ok) {
      const before = await verifyAuditChain(source, { key, checkpoints });
      console.error(
        before.ok
          ? "The audit log does NOT verify on the target although it does on the source."
          : "The audit log does not verify on the target; it did not on the source either (`npm run audit:verify`).",
      );
      for (const f of report.findings) console.error(`  ${f.kind}: events ${f.fromSeq}–${f.toSeq}`);
      return 2;
    }
    console.log("The audit log is intact on the target.");
    console.log(
      `Start the app on the target with the same audit key (${process.env.AUDIT_KEY ? "AUDIT_KEY" : keyFilePath(sourceEnv)}) and checkpoint file (${checkpointFile}).`,
    );
    return 0;
  } finally {
    await Promise.all([source.destroy(), target.destroy()]);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The copy failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
