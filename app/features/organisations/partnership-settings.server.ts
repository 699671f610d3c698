// Reading the plan settings a partnership keeps (partnership-settings.ts). A plan belongs to the
// partnerships of its lead organisation; with several, the strictest interval counts, the insats
// types of all are offered, and the scale is the one of the partnership first by name.
import type { DB } from "#db/client.server";
import { fromJson } from "#db/portable";
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from "./partnership-settings";

/** A stored list (JSON array of names); the default when it is empty or unreadable. */
export function namesOf(stored: string | null | undefined, fallback: string[]): string[] {
  try {
    const names = fromJson<unknown>(stored, fallback);
    return Array.isArray(names) && names.length > 0 ? names.map(String) : fallback;
  } catch {
    return fallback;
  }
}

export function settingsOf(row: {
  max_follow_up_months: number;
  action_types: string;
  progression_steps: string;
}): PlanSettings {
  return {
    maxFollowUpMonths: Number(row.max_follow_up_months),
    actionTypes: namesOf(row.action_types, DEFAULT_PLAN_SETTINGS.actionTypes),
    progressionSteps: namesOf(row.progression_steps, DEFAULT_PLAN_SETTINGS.progressionSteps),
  };
}

/** The settings for plans led by an organisation; the defaults when it is in no partnership. */
export async function planSettings(db: DB, leadOrganisationId: string): Promise<PlanSettings> {
  const rows = await db
    .selectFrom("organisation_partnerships")
    .innerJoin("partnerships", "partnerships.id", "organisation_partnerships.partnership_id")
    .select(["partnerships.max_follow_up_months", "partnerships.action_types", "partnerships.progression_steps"])
    .where("organisation_partnerships.organisation_id", "=", leadOrganisationId)
    .orderBy("partnerships.name")
    .execute();
  if (rows.length === 0) return DEFAULT_PLAN_SETTINGS;
  const each = rows.map(settingsOf);
  return {
    maxFollowUpMonths: Math.min(...each.map((s) => s.maxFollowUpMonths)),
    actionTypes: [...new Set(each.flatMap((s) => s.actionTypes))],
    progressionSteps: each[0].progressionSteps,
  };
}
