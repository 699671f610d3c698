// Plan history in words: field names and coded values translated, never shown as codes
// ("Status: planned", "kind: GIP"). Isomorphic: the plan page and its tests use it.
import type { TFunction } from "i18next";
import { formatDate } from "~/lib/time";

const DATE_FIELDS = new Set(["nextFollowUp", "dueDate", "heldOn", "startDate", "needIdentifiedOn", "offeredOn"]);

/** The change a migration made on behalf of Samsyn itself, not a user (migration 0018). */
export const CHANGES_BY_SAMSYN = new Set(["plan.outcome_split"]);

export function historyField(t: TFunction, key: string): string {
  return t([`plans.historyFields.${key}`, `meetings.historyFields.${key}`] as never, { defaultValue: key }) as string;
}

export function historyValue(t: TFunction, key: string, value: unknown, locale: string): string {
  if (value === null || value === undefined || value === "") return "–";
  const v = String(value);
  const coded = (keys: string[]) => t(keys as never, { defaultValue: v }) as string;
  switch (key) {
    case "status":
      return coded([`plans.statuses.${v}`, `plans.actionStatuses.${v}`, `meetings.statuses.${v}`]);
    case "outcome":
      return coded([`plans.outcomes.${v}`]);
    case "kind":
      return coded([`plans.kinds.${v}`]);
    case "response":
      return coded([`meetings.responses.${v}`]);
    case "insatsType":
      return v;
    case "protectedIdentity":
    case "byPerson":
      return value === true || value === 1 || v === "true" ? (t("common.yes") as string) : (t("common.no") as string);
    default:
      return DATE_FIELDS.has(key) && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v, locale) : v;
  }
}

/** "Field: value; Field: value" for one side of a change. */
export function describeValues(t: TFunction, values: Record<string, unknown> | null, locale: string): string {
  if (!values) return "";
  return Object.entries(values)
    .map(([k, v]) => `${historyField(t, k)}: ${historyValue(t, k, v, locale)}`)
    .join("; ");
}
