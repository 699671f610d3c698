// Zod building blocks whose messages speak the user's language. Every form
// schema is a function of `t` so the server and the browser say the same thing.
import { z } from "zod";
import type { TFunction } from "i18next";

export function requiredText(t: TFunction, field: string, { min = 1, max = 200 }: { min?: number; max?: number } = {}) {
  return z
    .string({ required_error: t("validation.required", { field: field.toLowerCase() }) })
    .trim()
    .min(
      min,
      min > 1 ? t("validation.tooShort", { field, min }) : t("validation.required", { field: field.toLowerCase() }),
    )
    .max(max, t("validation.tooLong", { field, max }));
}

export function optionalText(t: TFunction, field: string, max = 2000) {
  return z.string().trim().max(max, t("validation.tooLong", { field, max })).optional();
}

export function email(t: TFunction, field: string) {
  return z
    .string({ required_error: t("validation.required", { field: field.toLowerCase() }) })
    .trim()
    .toLowerCase()
    .email(t("validation.email"))
    .max(254, t("validation.tooLong", { field, max: 254 }));
}

export function choice<T extends readonly [string, ...string[]]>(t: TFunction, field: string, values: T) {
  // One message for missing and unknown values alike.
  return z.enum(values, { errorMap: () => ({ message: t("validation.choose", { field: field.toLowerCase() }) }) });
}

export function wholeNumber(t: TFunction, field: string, min: number, max: number) {
  return z.coerce
    .number({
      required_error: t("validation.required", { field: field.toLowerCase() }),
      invalid_type_error: t("validation.required", { field: field.toLowerCase() }),
    })
    .int()
    .min(min, t("validation.between", { field, min, max }))
    .max(max, t("validation.between", { field, min, max }));
}

/** Checkbox groups: zero, one or many values. */
export function manyOf(values?: readonly string[]) {
  const item = values ? z.enum(values as [string, ...string[]]) : z.string();
  return z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));
}
