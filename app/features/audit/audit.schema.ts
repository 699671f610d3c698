import type { TFunction } from "i18next";
import { z } from "zod";
import { formatIdentityNumber, normaliseIdentityNumber } from "~/features/persons/identity-number";
import { isIsoDate } from "~/lib/time";

export const LOG_INTENTS = ["filter", "verify"] as const;

/**
 * The log review's filter. Posted, never in the URL: it may carry an identity number. The answer
 * to a malformed number depends on the text alone, never on who exists.
 */
export function logFilterSchema(t: TFunction) {
  const date = (field: string) =>
    z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || isIsoDate(v), { message: t("validation.date", { field: field.toLowerCase() }) });
  return z
    .object({
      intent: z.enum(LOG_INTENTS).catch("filter"),
      userId: z.string().trim().max(100).optional(),
      identityNumber: z
        .string()
        .trim()
        .max(20, { message: t("audit.invalidIdentityNumber") })
        .optional()
        .refine((v) => !v || normaliseIdentityNumber(v) !== null, { message: t("audit.invalidIdentityNumber") }),
      planId: z.string().trim().max(100).optional(),
      from: date(t("audit.from")),
      to: date(t("audit.to")),
      page: z.coerce.number().int().min(1).max(100_000).catch(1),
    })
    .superRefine((value, ctx) => {
      if (value.from && value.to && isIsoDate(value.from) && isIsoDate(value.to) && value.to < value.from) {
        ctx.addIssue({ code: "custom", path: ["to"], message: t("audit.toBeforeFrom") });
      }
    })
    .transform((value) => {
      const number = value.identityNumber ? normaliseIdentityNumber(value.identityNumber) : null;
      return {
        intent: value.intent,
        filter: {
          userId: value.userId ?? "",
          identityNumber: number ? formatIdentityNumber(number) : "",
          planId: value.planId ?? "",
          from: value.from ?? "",
          to: value.to ?? "",
        },
        page: value.page,
      };
    });
}
