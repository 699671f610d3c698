// The plans' and consents' named field failures (codes returned by the commands) in the user's
// language. Codes are stable; only this table knows the words.
import type { TFunction } from "i18next";

const MESSAGES: Record<string, (t: TFunction) => string> = {
  "leadUserId:not_on_lead_team": (t) => t("validation.choose", { field: t("plans.leadUser").toLowerCase() }),
  "nextFollowUp:required_while_active": (t) => t("plans.needsFollowUp"),
  "responsibleOrganisationId:not_partner": (t) =>
    t("validation.choose", { field: t("plans.responsibleOrganisation").toLowerCase() }),
  "responsibleUserId:not_in_organisation": (t) =>
    t("validation.choose", { field: t("plans.responsibleUser").toLowerCase() }),
  "dueDate:before_start": (t) => t("plans.dueBeforeStart"),
  "insatsType:not_on_list": (t) => t("plans.insatsTypeNotOnList"),
  "nextDate:not_after_held": (t) => t("plans.nextAfterHeld"),
  "followUpReason:required_beyond_interval": (t) => t("plans.followUpReasonRequired"),
  "intervalReason:required_beyond_interval": (t) => t("plans.followUpReasonRequired"),
  "progressionStep:not_on_scale": (t) => t("validation.choose", { field: t("plans.progressionStep").toLowerCase() }),
  "memberId:not_candidate": (t) => t("validation.choose", { field: t("plans.member").toLowerCase() }),
  "organisationIds:required": (t) => t("consent.chooseOrganisations"),
  "organisationIds:not_partner": (t) => t("consent.chooseOrganisations"),
  "categories:required": (t) => t("consent.chooseCategories"),
  "validUntil:before_from": (t) => t("consent.untilBeforeFrom"),
};

/** Conform's fieldErrors for a command's field failures. */
export function fieldErrors(t: TFunction, fields: Record<string, string> = {}): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, code]) => [
      field,
      [MESSAGES[`${field}:${code}`]?.(t) ?? t("validation.choose", { field: field.toLowerCase() })],
    ]),
  );
}

/** The same messages for a form that shows its failures at the top rather than by a field. */
export function formErrors(t: TFunction, fields: Record<string, string> = {}): string[] {
  return Object.values(fieldErrors(t, fields)).flat();
}
