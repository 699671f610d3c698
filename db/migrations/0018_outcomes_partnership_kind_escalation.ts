import type { Kysely } from "kysely";
import { ENUM_CHECKS, setEnumChecks, type EnumChecks } from "./0013_enum_checks";

// Frozen in time: never import app code here (issue 17, items 4 and 9;
// docs/decisions/0020-routine-deviations-and-indicators.md).
//
// - The outcome `subsidised_work` is split as Kolada counts it: subsidised work on the regular
//   labour market (lönestöd, nystartsjobb and similar) and employment as a municipal
//   labour-market measure (OSA, extratjänst). Every closed plan with the old code becomes regular
//   subsidised work, and its history says so.
// - A partnership has a kind (samordningsförbund, DUA, lokal överenskommelse, annan samverkan).
// - Escalation adds the beredningsgrupp and the förbundschef.

const OLD_OUTCOME = "subsidised_work";
const REGULAR = "subsidised_regular_work";

const OUTCOMES = [
  "work",
  REGULAR,
  "municipal_measure_employment",
  "studies",
  "other_benefit",
  "other_support",
  "moved",
  "consent_withdrawn",
  "person_ended",
  "deceased",
  "unknown",
];

/** The lists this migration widens, replaces or adds, on top of 0013's and 0017's. */
export const WIDENED = {
  plans: { outcome: OUTCOMES },
  partnerships: { kind: ["samordningsforbund", "dua", "local_agreement", "other"] },
  deviations: {
    escalation_level: ["organisation", "preparatory_group", "partnership_director", "partnership_board", "national"],
  },
} satisfies EnumChecks;

/** The plan-history change that records the split. */
export const SPLIT_CHANGE = "plan.outcome_split";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("partnerships")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("samordningsforbund"))
    .execute();
  // Both codes allowed while the rows move, then only the new ones.
  await setEnumChecks(db, {
    plans: { outcome: [...new Set([...ENUM_CHECKS.plans.outcome, ...OUTCOMES])] },
    deviations: WIDENED.deviations,
    partnerships: WIDENED.partnerships,
  });
  const now = new Date().toISOString();
  const moved = await db
    .selectFrom("plans")
    .select(["id", "lead_user_id"])
    .where("outcome", "=", OLD_OUTCOME)
    .execute();
  for (const plan of moved) {
    // The history names a user; the plan's lead user is the one it is shown to, the change
    // itself says it was Samsyn's update that made it.
    await db
      .insertInto("plan_history")
      .values({
        id: `migration-0018-${plan.id}`,
        plan_id: plan.id,
        user_id: plan.lead_user_id,
        occurred_at: now,
        change: SPLIT_CHANGE,
        before: JSON.stringify({ outcome: OLD_OUTCOME }),
        after: JSON.stringify({ outcome: REGULAR }),
      })
      .execute();
  }
  await db.updateTable("plans").set({ outcome: REGULAR }).where("outcome", "=", OLD_OUTCOME).execute();
  await setEnumChecks(db, { plans: WIDENED.plans });
}

export async function down(db: Kysely<any>): Promise<void> {
  await setEnumChecks(db, {
    plans: { outcome: [...new Set([...ENUM_CHECKS.plans.outcome, ...OUTCOMES])] },
    partnerships: { kind: null },
  });
  await db
    .updateTable("plans")
    .set({ outcome: OLD_OUTCOME })
    .where("outcome", "in", [REGULAR, "municipal_measure_employment"])
    .execute();
  await db.deleteFrom("plan_history").where("change", "=", SPLIT_CHANGE).execute();
  await db
    .updateTable("deviations")
    .set({ escalation_level: "partnership_board" })
    .where("escalation_level", "in", ["preparatory_group", "partnership_director"])
    .execute();
  await setEnumChecks(db, {
    plans: { outcome: ENUM_CHECKS.plans.outcome },
    deviations: { escalation_level: ENUM_CHECKS.deviations.escalation_level },
  });
  await db.schema.alterTable("partnerships").dropColumn("kind").execute();
}
