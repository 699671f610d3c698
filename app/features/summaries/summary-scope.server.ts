// What every part of a summary counts within: the partnership's k, its organisations (whose
// plans count as the partnership's) and the period with the periods it is compared with.
import type { DB } from "#db/client.server";
import type { OrganisationKind } from "#db/schema";
import { settingsOf } from "~/features/organisations/partnership-settings.server";
import { effectiveK } from "./suppression";
import { instantBounds, previousPeriod, sameperiod, type Period } from "./periods";

export interface SummaryScope {
  partnershipId: string;
  k: number;
  period: Period;
  previous: Period;
  lastYear: Period;
  /** The period as UTC instants, for stored timestamps. */
  bounds: { from: string; to: string };
  /** The partnership's organisations by name: the rows of "by party" and the leads of its plans. */
  organisations: { id: string; name: string; kind: OrganisationKind }[];
  /** The partnership's longest interval between follow-ups (months) and its insats types. */
  maxFollowUpMonths: number;
  actionTypes: string[];
}

/** Raw, unsuppressed counts by key, as the counting parts hand them over. */
export type Counts = Map<string, number>;

export async function summaryScope(db: DB, partnershipId: string, period: Period): Promise<SummaryScope> {
  const partnership = await db
    .selectFrom("partnerships")
    .select(["suppression_k", "max_follow_up_months", "action_types", "progression_steps"])
    .where("id", "=", partnershipId)
    .executeTakeFirstOrThrow();
  const organisations = await db
    .selectFrom("organisations")
    .innerJoin("organisation_partnerships", "organisation_partnerships.organisation_id", "organisations.id")
    .select(["organisations.id", "organisations.name", "organisations.kind"])
    .where("organisation_partnerships.partnership_id", "=", partnershipId)
    .orderBy("organisations.name")
    .execute();
  return {
    partnershipId,
    k: effectiveK(partnership.suppression_k),
    period,
    previous: previousPeriod(period),
    lastYear: sameperiod(period, 1),
    bounds: instantBounds(period),
    organisations,
    maxFollowUpMonths: settingsOf(partnership).maxFollowUpMonths,
    actionTypes: settingsOf(partnership).actionTypes,
  };
}

/** The partnership's organisations for an IN list, which may not be empty. */
export function leadOrganisationIds(scope: SummaryScope): string[] {
  return scope.organisations.length ? scope.organisations.map((o) => o.id) : [""];
}

export const countsOf = (rows: { key: string | null; n: number | string | bigint }[]): Counts =>
  new Map(rows.map((r) => [String(r.key), Number(r.n)]));

export const daysBetweenInstants = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
