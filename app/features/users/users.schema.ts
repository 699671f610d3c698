import type { TFunction } from "i18next";
import { z } from "zod";
import { ROLES } from "#db/schema";
import { choice, email, requiredText } from "~/lib/validation";

export function userSchema(t: TFunction) {
  return z.object({
    name: requiredText(t, t("admin.name"), { max: 150 }),
    email: email(t, t("admin.email")),
    organisationId: requiredText(t, t("admin.organisation")),
  });
}

export function grantSchema(t: TFunction) {
  return z.object({
    intent: z.literal("grant"),
    role: choice(t, t("admin.role"), ROLES),
    partnershipId: z.string().trim().optional(),
  });
}
