// Seeds the demo cast into an empty database. Never touches one that has data.
import type { DB } from "../client.server";
import { seedDemoDeviations } from "./demo-deviations";
import { seedDemoImprovements } from "./demo-improvements";
import { seedDemoPlans } from "./demo-plans";
import { seedDemoSummaries } from "./demo-summaries";
import { seedDemoCast } from "./demo-cast";

export async function isEmpty(db: DB): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  const org = await db.selectFrom("organisations").select("id").limit(1).executeTakeFirst();
  return !row && !org;
}

export type SeedOutcome = "seeded" | "skipped";

export async function seedDemo(db: DB): Promise<SeedOutcome> {
  if (!(await isEmpty(db))) return "skipped";
  await seedDemoCast(db);
  await seedDemoPlans(db);
  await seedDemoDeviations(db);
  await seedDemoImprovements(db);
  await seedDemoSummaries(db);
  return "seeded";
}
