import type { TFunction } from "i18next";
import { z } from "zod";
import { ORGANISATION_KINDS, PARTNERSHIP_KINDS } from "#db/schema";
import { choice, manyOf, requiredText, wholeNumber } from "~/lib/validation";

export function partnershipSchema(t: TFunction) {
  return z.object({
    name: requiredText(t, t("admin.name"), { max: 150 }),
    // Optional so older clients keep working: a new partnership is a samordningsförbund, an edit keeps its kind.
    kind: choice(t, t("admin.partnershipKind"), PARTNERSHIP_KINDS).optional(),
    answerDays: wholeNumber(t, t("admin.answerDays"), 1, 365),
    suppressionK: wholeNumber(t, t("admin.suppressionK"), 2, 20),
    overdueActionDays: wholeNumber(t, t("admin.overdueActionDays"), 1, 365),
  });
}

export function organisationSchema(t: TFunction) {
  return z.object({
    name: requiredText(t, t("admin.name"), { max: 150 }),
    kind: choice(t, t("admin.kind"), ORGANISATION_KINDS),
    partnershipIds: manyOf(),
  });
}
