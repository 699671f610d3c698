import type { TFunction } from "i18next";
import type { OrganisationFailure } from "./organisations.server";

/** The organisation form's named failures as field messages in the user's language. */
export function organisationErrors(t: TFunction, error: OrganisationFailure): Record<string, string[]> {
  return error === "name_taken"
    ? { name: [t("admin.nameTaken")] }
    : { partnershipIds: [t("admin.unknownPartnerships")] };
}
