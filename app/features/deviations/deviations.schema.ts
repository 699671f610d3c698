import type { TFunction } from "i18next";
import { z } from "zod";
import {
  CLOSING_OUTCOMES,
  DEVIATION_CATEGORIES,
  DEVIATION_CONSEQUENCES,
  DEVIATION_KINDS,
  DEVIATION_STATUSES,
  ESCALATION_LEVELS,
} from "#db/schema";
import { isIsoDate } from "~/lib/time";
import { choice, manyOf, optionalText, requiredText } from "~/lib/validation";

function date(t: TFunction, field: string) {
  return z
    .string({ required_error: t("validation.required", { field: field.toLowerCase() }) })
    .refine(isIsoDate, t("validation.date", { field: field.toLowerCase() }));
}

export function reportSchema(t: TFunction) {
  return z.object({
    partnershipId: requiredText(t, t("deviations.partnership")),
    eventDate: date(t, t("deviations.eventDate")),
    kind: choice(t, t("deviations.kind"), DEVIATION_KINDS),
    /** A routine case: whose routine was not followed; empty means the reporter's own organisation. */
    routineOrganisationId: z.string().optional(),
    partyIds: manyOf(),
    category: choice(t, t("deviations.category"), DEVIATION_CATEGORIES),
    consequence: choice(t, t("deviations.consequence"), DEVIATION_CONSEQUENCES),
    description: requiredText(t, t("deviations.description"), { max: 4000 }),
    triedLocally: optionalText(t, t("deviations.triedLocally"), 2000),
    suggestedImprovement: optionalText(t, t("deviations.suggestedImprovement"), 2000),
    planId: z.string().optional(),
  });
}

export type ReportInput = z.infer<ReturnType<typeof reportSchema>>;

export function triageSchema(t: TFunction) {
  return z.object({
    intent: z.literal("triage"),
    kind: choice(t, t("deviations.kind"), DEVIATION_KINDS),
    category: choice(t, t("deviations.category"), DEVIATION_CATEGORIES),
    consequence: choice(t, t("deviations.consequence"), DEVIATION_CONSEQUENCES),
    partyIds: manyOf(),
    summary: requiredText(t, t("deviations.summary"), { max: 4000 }),
  });
}

export function messageSchema(t: TFunction, intent: "ask" | "reply") {
  return z.object({
    intent: z.literal(intent),
    body: requiredText(t, intent === "ask" ? t("deviations.question") : t("deviations.reply"), { max: 2000 }),
  });
}

export function routeSchema(t: TFunction) {
  return z
    .object({
      intent: z.literal("route"),
      organisationIds: manyOf(),
      answerBy: date(t, t("deviations.answerBy")),
    })
    .refine((v) => v.organisationIds.length > 0, { path: ["organisationIds"], message: t("deviations.chooseParties") });
}

export function answerSchema(t: TFunction) {
  return z.object({
    intent: z.literal("answer"),
    organisationId: z.string().optional(),
    body: requiredText(t, t("deviations.answer"), { max: 4000 }),
  });
}

export function closeSchema(t: TFunction) {
  return z
    .object({
      intent: z.literal("close"),
      outcome: choice(t, t("deviations.closingOutcome"), CLOSING_OUTCOMES),
      escalationLevel: z.enum(ESCALATION_LEVELS).optional(),
      note: requiredText(t, t("deviations.closingNote"), { max: 4000 }),
    })
    .refine((v) => v.outcome !== "escalated" || v.escalationLevel, {
      path: ["escalationLevel"],
      message: t("validation.choose", { field: t("deviations.escalationLevel").toLowerCase() }),
    });
}

export function escalateSchema(t: TFunction) {
  return z.object({
    intent: z.literal("escalate"),
    level: choice(t, t("deviations.escalationLevel"), ESCALATION_LEVELS),
  });
}

export function agendaSchema(t: TFunction) {
  return z.object({
    intent: z.literal("agenda"),
    agendaDate: z
      .string()
      .refine((v) => isIsoDate(v), t("validation.date", { field: t("deviations.agendaDate").toLowerCase() }))
      .optional(),
  });
}

export function reopenSchema(t: TFunction) {
  return z.object({
    intent: z.literal("reopen"),
    reason: requiredText(t, t("deviations.reopenReason"), { max: 2000 }),
  });
}

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).optional().catch(undefined);
const optionalDate = z
  .string()
  .optional()
  .catch(undefined)
  .transform((v) => (v && isIsoDate(v) ? v : undefined));

/** List filters come from the URL: nonsense is ignored, never an error. They never carry personal data. */
export const deviationFilterSchema = z.object({
  /** No status: the cases still open. "all" adds the closed ones. */
  status: optionalEnum([...DEVIATION_STATUSES, "all"] as const),
  category: optionalEnum(DEVIATION_CATEGORIES),
  kind: optionalEnum(DEVIATION_KINDS),
  partyId: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  from: optionalDate,
  to: optionalDate,
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
});

export type DeviationFilter = z.infer<typeof deviationFilterSchema>;

export function readDeviationFilter(url: URL): DeviationFilter {
  return deviationFilterSchema.parse(Object.fromEntries(url.searchParams));
}
