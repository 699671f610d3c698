// The admin's sign-in forms: link an identity, remove a link, the organisation's second-factor switch.
import type { TFunction } from "i18next";
import { z } from "zod";
import { requiredText } from "~/lib/validation";

export const LINK_INTENT = "link-identity";
export const UNLINK_INTENT = "unlink-identity";
export const RESET_SECOND_FACTOR_INTENT = "reset-second-factor";
export const SECOND_FACTOR_SWITCH_INTENT = "second-factor-required";

export function linkIdentitySchema(t: TFunction) {
  return z.object({
    intent: z.literal(LINK_INTENT),
    providerKey: z.string({ required_error: t("validation.choose", { field: t("identity.provider").toLowerCase() }) }),
    // What the provider sends as sub or as an HSA-id: one word, never a changeable e-mail address.
    identifier: requiredText(t, t("identity.identifier"), { max: 255 }).refine((v) => !/\s/.test(v), {
      message: t("identity.identifierSpaces"),
    }),
  });
}

export function unlinkIdentitySchema() {
  return z.object({ intent: z.literal(UNLINK_INTENT), issuer: z.string().min(1), subject: z.string().min(1) });
}

export function secondFactorSwitchSchema() {
  return z.object({
    intent: z.literal(SECOND_FACTOR_SWITCH_INTENT),
    // A checkbox: sent as "on" when ticked, absent when not.
    secondFactorRequired: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  });
}

/** The link form's named failures as field messages in the user's language. */
export function linkErrors(t: TFunction, error: "linked_elsewhere" | "unknown_provider"): Record<string, string[]> {
  return error === "linked_elsewhere"
    ? { identifier: [t("identity.linkedElsewhere")] }
    : { providerKey: [t("identity.unknownProvider")] };
}
