// npm run db:seed – the demo cast, into an empty database only.
import { closeDb, getDb } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { seedDemo } from "../db/seed/seed";

async function main() {
  const db = getDb();
  await migrateToLatest(db);
  const outcome = await seedDemo(db);
  console.log(outcome === "seeded" ? "Seeded the demo data." : "The database already has data; nothing was seeded.");
  await closeDb();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
