import type { TFunction } from "i18next";
import { z } from "zod";
import { ROLES } from "#db/schema";
import { choice, email, requiredText } from "~/lib/validation";

export function userSchema(t: TFunction) {
  return z.object({
    name: requiredText(t, t("admin.name"), { max: 150 }),
    email: email(t, t("admin.email")),
    organisationId: requiredText(t, t("admin.organisation")),
    // Optional; digits with the usual separators, e.g. "08-123 45 67" or "+46 8 123 45 67".
    phone: z
      .string()
      .trim()
      .max(40, t("validation.tooLong", { field: t("admin.phone"), max: 40 }))
      .regex(/^\+?[0-9][0-9 ()-]{4,}$/, t("admin.phoneInvalid"))
      .optional(),
  });
}

export function grantSchema(t: TFunction) {
  return z.object({
    intent: z.literal("grant"),
    role: choice(t, t("admin.role"), ROLES),
    partnershipId: z.string().trim().optional(),
  });
}
