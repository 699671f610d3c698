// npm run db:migrate            – run every pending migration
// npm run db:migrate -- --down  – undo the latest one
import { closeDb, getDb } from "../db/client.server";
import { migrateDown, migrateToLatest } from "../db/migrate";
import { parseEnv } from "../app/lib/env.server";

async function main() {
  parseEnv(process.env);
  const db = getDb();
  const down = process.argv.includes("--down");
  const result = down ? await migrateDown(db) : await migrateToLatest(db);
  const ran = result.results ?? [];
  if (ran.length === 0) console.log(down ? "Nothing to undo." : "The database is up to date.");
  for (const r of ran) console.log(`${r.direction === "Up" ? "applied" : "reverted"} ${r.migrationName}`);
  await closeDb();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
