import type { TFunction } from "i18next";
import { z } from "zod";
import { email } from "~/lib/validation";

export const MIN_PASSWORD_LENGTH = 12;

/** A new password, taken exactly as typed: trimming it would store another password than the one signed in with. */
function newPasswordField(t: TFunction) {
  const field = t("auth.newPassword");
  return z
    .string({ required_error: t("validation.required", { field: field.toLowerCase() }) })
    .min(MIN_PASSWORD_LENGTH, t("validation.tooShort", { field, min: MIN_PASSWORD_LENGTH }))
    .max(200, t("validation.tooLong", { field, max: 200 }));
}

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
      newPassword: newPasswordField(t),
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

/** Choosing a password through a link: no current password, since the link proves the mailbox. */
export function choosePasswordSchema(t: TFunction) {
  return z
    .object({
      newPassword: newPasswordField(t),
      confirmPassword: z.string({
        required_error: t("validation.required", { field: t("auth.confirmPassword").toLowerCase() }),
      }),
    })
    .superRefine((value, ctx) => {
      if (value.newPassword !== value.confirmPassword) {
        ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: t("validation.passwordsDiffer") });
      }
    });
}
