import type { TFunction } from "i18next";
import { z } from "zod";
import { ORGANISATION_KINDS, PARTNERSHIP_KINDS } from "#db/schema";
import { choice, manyOf, requiredText, wholeNumber } from "~/lib/validation";
import { linesOf } from "./partnership-settings";

/** A textarea with one name per line, as a list of between `min` and `max` names. */
function lines(t: TFunction, field: string, min: number, max: number) {
  return z
    .string()
    .transform(linesOf)
    .refine((names) => names.length >= min, t("admin.listTooShort", { field, min }))
    .refine((names) => names.length <= max, t("admin.listTooLong", { field, max }))
    .refine((names) => names.every((n) => n.length <= 80), t("admin.lineTooLong", { field, max: 80 }));
}

export function partnershipSchema(t: TFunction) {
  return z.object({
    name: requiredText(t, t("admin.name"), { max: 150 }),
    // Optional so older clients keep working: a new partnership is a samordningsförbund, an edit keeps its kind.
    kind: choice(t, t("admin.partnershipKind"), PARTNERSHIP_KINDS).optional(),
    answerDays: wholeNumber(t, t("admin.answerDays"), 1, 365),
    suppressionK: wholeNumber(t, t("admin.suppressionK"), 2, 20),
    overdueActionDays: wholeNumber(t, t("admin.overdueActionDays"), 1, 365),
    // Optional so older clients keep working: a new partnership gets the defaults, an edit keeps its own.
    maxFollowUpMonths: wholeNumber(t, t("admin.maxFollowUpMonths"), 1, 24).optional(),
    actionTypes: lines(t, t("admin.actionTypes"), 1, 30).optional(),
    progressionSteps: lines(t, t("admin.progressionSteps"), 2, 10).optional(),
  });
}

export function organisationSchema(t: TFunction) {
  return z.object({
    name: requiredText(t, t("admin.name"), { max: 150 }),
    kind: choice(t, t("admin.kind"), ORGANISATION_KINDS),
    partnershipIds: manyOf(),
  });
}
