import type { TFunction } from "i18next";
import { z } from "zod";
import {
  ACTION_STATUSES,
  CONSENT_CATEGORIES,
  CONSENT_FORMS,
  CONSENT_GRANTORS,
  PLAN_KINDS,
  PLAN_OUTCOMES,
} from "#db/schema";
import { normaliseIdentityNumber } from "~/features/persons/identity-number";
import { isIsoDate } from "~/lib/time";
import { choice, manyOf, optionalText, requiredText } from "~/lib/validation";

function date(t: TFunction, field: string) {
  return z
    .string({ required_error: t("validation.required", { field: field.toLowerCase() }) })
    .refine(isIsoDate, t("validation.date", { field: field.toLowerCase() }));
}

function optionalDate(t: TFunction, field: string) {
  return z
    .string()
    .refine(isIsoDate, t("validation.date", { field: field.toLowerCase() }))
    .optional();
}

// Conform turns a ticked checkbox ("on") into true.
const checkbox = z.boolean().default(false);

function personFields(t: TFunction) {
  return {
    name: requiredText(t, t("plans.personName"), { max: 150 }),
    protectedIdentity: checkbox,
    address: optionalText(t, t("plans.address"), 300),
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^[0-9 +()-]*$/, t("plans.invalidPhone"))
      .optional(),
    email: z.string().trim().toLowerCase().email(t("validation.email")).optional(),
  };
}

export function newPlanSchema(t: TFunction) {
  return z.object({
    kind: choice(t, t("plans.kind"), PLAN_KINDS),
    identityNumber: z
      .string({ required_error: t("validation.required", { field: t("plans.identityNumber").toLowerCase() }) })
      .transform((value, ctx) => {
        const normalised = normaliseIdentityNumber(value);
        if (!normalised) {
          ctx.addIssue({ code: "custom", message: t("plans.invalidIdentityNumber") });
          return z.NEVER;
        }
        return normalised;
      }),
    ...personFields(t),
    goal: optionalText(t, t("plans.goal"), 4000),
    needs: optionalText(t, t("plans.needs"), 4000),
  });
}

export function personSchema(t: TFunction) {
  return z.object({ intent: z.literal("save-person"), ...personFields(t) });
}

export function planCoreSchema(t: TFunction) {
  return z.object({
    intent: z.literal("save-plan"),
    version: z.coerce.number().int(),
    goal: optionalText(t, t("plans.goal"), 4000).default(""),
    needs: optionalText(t, t("plans.needs"), 4000).default(""),
    nextFollowUp: optionalDate(t, t("plans.nextFollowUp")),
    // Required by the command only when the next follow-up lies beyond the partnership's interval.
    followUpReason: optionalText(t, t("plans.followUpReason"), 1000),
    leadUserId: requiredText(t, t("plans.leadUser")),
  });
}

export function activateSchema() {
  return z.object({ intent: z.literal("activate"), version: z.coerce.number().int() });
}

export function closeSchema(t: TFunction) {
  return z.object({
    intent: z.literal("close"),
    version: z.coerce.number().int(),
    outcome: choice(t, t("plans.outcome"), PLAN_OUTCOMES),
  });
}

export function actionSchema(t: TFunction) {
  return z
    .object({
      intent: z.literal("add-action"),
      description: requiredText(t, t("plans.actionDescription"), { max: 1000 }),
      responsibleOrganisationId: requiredText(t, t("plans.responsibleOrganisation")),
      responsibleUserId: z.string().optional(),
      startDate: optionalDate(t, t("plans.startDate")),
      dueDate: optionalDate(t, t("plans.dueDate")),
      status: choice(t, t("plans.actionStatus"), ACTION_STATUSES).default("planned"),
      // Checked against the partnership's list by the command.
      insatsType: requiredText(t, t("plans.insatsType"), { max: 80 }),
      byPerson: checkbox,
    })
    .refine((v) => !v.startDate || !v.dueDate || v.startDate <= v.dueDate, {
      path: ["dueDate"],
      message: t("plans.dueBeforeStart"),
    });
}

export function updateActionSchema(t: TFunction) {
  return z.object({
    intent: z.literal("update-action"),
    actionId: z.string(),
    version: z.coerce.number().int(),
    status: choice(t, t("plans.actionStatus"), ACTION_STATUSES),
    dueDate: optionalDate(t, t("plans.dueDate")),
  });
}

export function followUpSchema(t: TFunction) {
  return z
    .object({
      intent: z.literal("record-follow-up"),
      heldOn: date(t, t("plans.heldOn")),
      reviewed: requiredText(t, t("plans.reviewed"), { max: 4000 }),
      nextDate: date(t, t("plans.nextFollowUp")),
      intervalReason: optionalText(t, t("plans.followUpReason"), 1000),
      // The scale's length is the partnership's; the command checks the step against it.
      progressionStep: z.coerce
        .number({
          required_error: t("validation.choose", { field: t("plans.progressionStep").toLowerCase() }),
          invalid_type_error: t("validation.choose", { field: t("plans.progressionStep").toLowerCase() }),
        })
        .int()
        .min(1),
    })
    .refine((v) => v.nextDate > v.heldOn, { path: ["nextDate"], message: t("plans.nextAfterHeld") });
}

export function noteSchema(t: TFunction) {
  return z.object({ intent: z.literal("add-note"), body: requiredText(t, t("plans.note"), { max: 4000 }) });
}

export function memberSchema() {
  return z.object({ intent: z.enum(["add-member", "remove-member"]), memberId: z.string().min(1) });
}

export function consentSchema(t: TFunction) {
  return z
    .object({
      intent: z.literal("record-consent"),
      grantor: choice(t, t("consent.grantor"), CONSENT_GRANTORS),
      childView: optionalText(t, t("consent.childView"), 2000),
      organisationIds: manyOf(),
      categories: manyOf(CONSENT_CATEGORIES),
      purpose: requiredText(t, t("consent.purpose"), { max: 2000 }),
      givenOn: date(t, t("consent.givenOn")),
      form: choice(t, t("consent.form"), CONSENT_FORMS),
      validFrom: date(t, t("consent.validFrom")),
      validUntil: date(t, t("consent.validUntil")),
    })
    .superRefine((v, ctx) => {
      if (v.organisationIds.length === 0)
        ctx.addIssue({ code: "custom", path: ["organisationIds"], message: t("consent.chooseOrganisations") });
      if (v.categories.length === 0)
        ctx.addIssue({ code: "custom", path: ["categories"], message: t("consent.chooseCategories") });
      if (v.validUntil < v.validFrom)
        ctx.addIssue({ code: "custom", path: ["validUntil"], message: t("consent.untilBeforeFrom") });
    });
}

export function withdrawSchema(t: TFunction) {
  return z.object({
    intent: z.literal("withdraw-consent"),
    consentId: z.string().min(1),
    reason: requiredText(t, t("consent.withdrawalReason"), { max: 1000 }),
  });
}

export function liftProtectionSchema() {
  return z.object({ intent: z.literal("lift-protection") });
}
