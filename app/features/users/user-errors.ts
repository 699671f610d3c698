import type { TFunction } from "i18next";
import type { UserFailure } from "./admin-users.server";
import type { GrantFailure } from "./grants.server";

/** The user form's named failures as field messages in the user's language. */
export function userErrors(t: TFunction, error: UserFailure): Record<string, string[]> {
  return error === "email_taken"
    ? { email: [t("admin.emailTaken")] }
    : { organisationId: [t("validation.choose", { field: t("admin.organisation").toLowerCase() })] };
}

/** The grant form's named failures: field messages, or a message for the whole form. */
export function grantErrors(t: TFunction, error: GrantFailure, role: string) {
  const roleLabel = t(`roles.${role}` as never) as string;
  if (error === "exists") return { formErrors: [t("admin.roleExists")] };
  return {
    fieldErrors: {
      partnershipId: [
        error === "needs_partnership"
          ? t("admin.roleNeedsPartnership", { role: roleLabel })
          : t("admin.roleWithoutPartnership", { role: roleLabel }),
      ],
    },
  };
}
