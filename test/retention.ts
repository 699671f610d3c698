// Builders for retention tests: closed plans whose every entry carries a chosen time, and
// identity numbers born on a chosen day.
import { getDb } from "#db/client.server";
import type { OrganisationKind } from "#db/schema";
import { createPlan } from "~/features/plans/plans.server";
import { caseworkerIn, valueOf } from "./plans";
import { makePartnership } from "./factories";

let serial = 100;

/** A valid personnummer (Luhn) for someone born in 1985 on the given month and day. */
export function identityBornOn(month: number, day: number): string {
  const n = serial++;
  const base = `85${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(n % 1000).padStart(3, "0")}`;
  const sum = base
    .split("")
    .map(Number)
    .reduce((acc, d, i) => {
      const v = d * (i % 2 === 0 ? 2 : 1);
      return acc + (v > 9 ? v - 9 : v);
    }, 0);
  return `19${base}${(10 - (sum % 10)) % 10}`;
}

/** Sets every time the plan's team recorded to `at`, and closes the plan then. */
export async function closeAndBackdate(planId: string, at: string) {
  const db = getDb();
  await db
    .updateTable("plans")
    .set({ status: "closed", outcome: "work", closed_at: at, updated_at: at, created_at: at, activated_at: at })
    .where("id", "=", planId)
    .execute();
  await db.updateTable("plan_history").set({ occurred_at: at }).where("plan_id", "=", planId).execute();
  await db.updateTable("plan_notes").set({ created_at: at }).where("plan_id", "=", planId).execute();
  await db.updateTable("plan_actions").set({ created_at: at, updated_at: at }).where("plan_id", "=", planId).execute();
  await db.updateTable("plan_follow_ups").set({ created_at: at }).where("plan_id", "=", planId).execute();
  await db.updateTable("meetings").set({ created_at: at, updated_at: at }).where("plan_id", "=", planId).execute();
  await db.updateTable("consents").set({ created_at: at }).where("plan_id", "=", planId).execute();
}

/** A closed plan led by an organisation of `kind`, its last entry at `lastEntryAt`. */
export async function closedPlan(
  lastEntryAt: string,
  {
    kind = "social_services",
    identityNumber = identityBornOn(1, 1),
  }: { kind?: OrganisationKind; identityNumber?: string } = {},
) {
  const partnership = await makePartnership();
  const lead = await caseworkerIn(kind, partnership.id);
  const planId = valueOf(
    await createPlan(getDb(), lead, {
      kind: "GIP",
      person: { identityNumber, name: "Gallrad Person", protectedIdentity: false },
    }),
  );
  await closeAndBackdate(planId, lastEntryAt);
  return { partnership, lead, planId, identityNumber };
}
