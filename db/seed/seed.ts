// Seeds the demo cast into an empty database. Never touches one that has data.
import { hash } from "@node-rs/argon2";
import type { DB } from "../client.server";
import { newId, nowIso } from "../portable";
import { seedDemoDeviations } from "./demo-deviations";
import { seedDemoPlans } from "./demo-plans";
import { seedDemoSummaries } from "./demo-summaries";
import { DEMO_ORGANISATIONS, DEMO_PARTNERSHIPS, DEMO_PASSWORD, DEMO_USERS } from "./demo-cast";

export async function isEmpty(db: DB): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  const org = await db.selectFrom("organisations").select("id").limit(1).executeTakeFirst();
  return !row && !org;
}

export type SeedOutcome = "seeded" | "skipped";

export async function seedDemo(db: DB): Promise<SeedOutcome> {
  if (!(await isEmpty(db))) return "skipped";
  // One hash for the shared demo password; same parameters as the app (argon2id, 19456 KiB, t=2, p=1).
  const passwordHash = await hash(DEMO_PASSWORD, { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 });
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    const partnershipIds = new Map<string, string>();
    for (const [key, name] of Object.entries(DEMO_PARTNERSHIPS)) {
      const id = newId();
      partnershipIds.set(key, id);
      await trx.insertInto("partnerships").values({ id, name, created_at: now, updated_at: now }).execute();
    }
    const organisationIds = new Map<string, string>();
    for (const org of DEMO_ORGANISATIONS) {
      const id = newId();
      organisationIds.set(org.name, id);
      await trx
        .insertInto("organisations")
        .values({ id, name: org.name, kind: org.kind, created_at: now, updated_at: now })
        .execute();
      for (const p of org.partnerships) {
        await trx
          .insertInto("organisation_partnerships")
          .values({ organisation_id: id, partnership_id: partnershipIds.get(p)! })
          .execute();
      }
    }
    for (const user of DEMO_USERS) {
      const id = newId();
      await trx
        .insertInto("users")
        .values({
          id,
          email: user.email,
          name: user.name,
          organisation_id: organisationIds.get(user.organisation)!,
          password_hash: passwordHash,
          created_at: now,
          updated_at: now,
        })
        .execute();
      for (const grant of user.roles) {
        await trx
          .insertInto("role_grants")
          .values({
            id: newId(),
            user_id: id,
            role: grant.role,
            partnership_id: grant.partnership ? partnershipIds.get(grant.partnership)! : null,
            created_at: now,
          })
          .execute();
      }
    }
  });
  await seedDemoPlans(db);
  await seedDemoDeviations(db);
  await seedDemoSummaries(db);
  return "seeded";
}
