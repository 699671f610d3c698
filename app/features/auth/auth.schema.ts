import type { TFunction } from "i18next";
import { z } from "zod";
import { email, requiredText } from "~/lib/validation";

export const MIN_PASSWORD_LENGTH = 12;

export function loginSchema(t: TFunction) {
  return z.object({
    email: email(t, t("auth.email")),
    password: z.string({ required_error: t("validation.required", { field: t("auth.password").toLowerCase() }) }),
    redirectTo: z.string().optional(),
  });
}

export function changePasswordSchema(t: TFunction) {
  return z
    .object({
      currentPassword: z.string({
        required_error: t("validation.required", { field: t("auth.currentPassword").toLowerCase() }),
      }),
      newPassword: requiredText(t, t("auth.newPassword"), { min: MIN_PASSWORD_LENGTH, max: 200 }),
      confirmPassword: z.string({
        required_error: t("validation.required", { field: t("auth.confirmPassword").toLowerCase() }),
      }),
    })
    .superRefine((value, ctx) => {
      if (value.newPassword !== value.confirmPassword) {
        ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: t("validation.passwordsDiffer") });
      }
      if (value.newPassword === value.currentPassword) {
        ctx.addIssue({ code: "custom", path: ["newPassword"], message: t("auth.samePassword") });
      }
    });
}
