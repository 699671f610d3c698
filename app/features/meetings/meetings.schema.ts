// One zod schema per meeting form, shared by Conform in the browser and the route actions.
import type { TFunction } from "i18next";
import { z } from "zod";
import { isIsoDate, todayInStockholm } from "~/lib/time";
import { choice, manyOf, optionalText, requiredText, wholeNumber } from "~/lib/validation";
import { existsInStockholm, isClockTime, stockholmToUtcIso } from "./meeting-time";

export const STAFF_CHOICES = ["none", "summons", "invitation"] as const;

function date(t: TFunction, field: string) {
  return z
    .string({ required_error: t("validation.required", { field: field.toLowerCase() }) })
    .refine(isIsoDate, t("validation.date", { field: field.toLowerCase() }));
}

function optionalDate(t: TFunction, field: string) {
  return z.string().refine(isIsoDate, t("validation.date", { field: field.toLowerCase() })).optional();
}

// Conform turns a ticked checkbox ("on") into true.
const checkbox = z.boolean().default(false);

/** Date, time, length and place: shared by convening and rescheduling. */
function whenWhereFields(t: TFunction) {
  return {
    date: date(t, t("meetings.date")),
    time: z.string({ required_error: t("validation.required", { field: t("meetings.time").toLowerCase() }) }).refine(isClockTime, t("meetings.invalidTime")),
    durationMinutes: wholeNumber(t, t("meetings.duration"), 15, 480),
    place: optionalText(t, t("meetings.place"), 300),
    videoLink: z
      .string()
      .trim()
      .max(500, t("validation.tooLong", { field: t("meetings.videoLink"), max: 500 }))
      .refine((v) => {
        try {
          return new URL(v).protocol === "https:";
        } catch {
          return false;
        }
      }, t("meetings.invalidVideoLink"))
      .optional(),
  };
}

type WhenWhereValues = { date: string; time: string; place?: string; videoLink?: string };

/** Checks that need several fields: a place or a link, a time that exists, in the future. */
function checkWhenWhere(t: TFunction, now: () => Date) {
  return (v: WhenWhereValues, ctx: z.RefinementCtx) => {
    if (!v.place && !v.videoLink) ctx.addIssue({ code: "custom", path: ["place"], message: t("meetings.placeOrVideo") });
    if (!existsInStockholm(v.date, v.time)) {
      ctx.addIssue({ code: "custom", path: ["time"], message: t("meetings.timeDoesNotExist") });
      return;
    }
    if (Date.parse(stockholmToUtcIso(v.date, v.time)) <= now().getTime()) {
      ctx.addIssue({ code: "custom", path: [v.date < todayInStockholm(now()) ? "date" : "time"], message: t("meetings.mustBeFuture") });
    }
  };
}

export function conveneSchema(t: TFunction, now: () => Date = () => new Date()) {
  return z
    .object({
      intent: z.literal("convene"),
      ...whenWhereFields(t),
      purpose: requiredText(t, t("meetings.purpose"), { max: 1000 }),
      agenda: optionalText(t, t("meetings.agenda"), 4000),
      // One select per staff member: staff.<userId> = none | summons | invitation.
      staff: z.record(z.enum(STAFF_CHOICES)).default({}),
      personKind: choice(t, t("meetings.invitePerson"), STAFF_CHOICES).default("invitation"),
      relativeName: optionalText(t, t("meetings.relativeName"), 150),
      relativeContact: optionalText(t, t("meetings.relativeContact"), 300),
    })
    .superRefine((v, ctx) => {
      checkWhenWhere(t, now)(v, ctx);
      if (v.relativeName && !v.relativeContact) ctx.addIssue({ code: "custom", path: ["relativeContact"], message: t("meetings.relativeContactRequired") });
    });
}

export function acceptSchema() {
  return z.object({ intent: z.literal("accept") });
}

export function declineSchema(t: TFunction) {
  return z.object({
    intent: z.literal("decline"),
    reason: requiredText(t, t("meetings.declineReason"), { max: 1000 }),
    replacementUserId: z.string().optional(),
  });
}

export function rescheduleSchema(t: TFunction, now: () => Date = () => new Date()) {
  return z
    .object({ intent: z.literal("reschedule"), ...whenWhereFields(t) })
    .superRefine((v, ctx) => checkWhenWhere(t, now)(v, ctx));
}

export function cancelSchema(t: TFunction) {
  return z.object({ intent: z.literal("cancel"), reason: requiredText(t, t("meetings.cancelReason"), { max: 1000 }) });
}

export function recordSchema(t: TFunction) {
  return z.object({
    intent: z.literal("record"),
    attended: manyOf(),
    minutes: requiredText(t, t("meetings.minutes"), { max: 20000 }),
    nextFollowUp: date(t, t("meetings.nextFollowUp")),
  });
}

export function decisionSchema(t: TFunction) {
  return z
    .object({
      intent: z.literal("add-decision"),
      text: requiredText(t, t("meetings.decision"), { max: 2000 }),
      makeAction: checkbox,
      responsibleOrganisationId: z.string().optional(),
      dueDate: optionalDate(t, t("meetings.dueDate")),
    })
    .superRefine((v, ctx) => {
      if (v.makeAction && !v.responsibleOrganisationId) ctx.addIssue({ code: "custom", path: ["responsibleOrganisationId"], message: t("meetings.chooseOrganisation") });
    });
}

export function decisionToActionSchema(t: TFunction) {
  return z.object({
    intent: z.literal("decision-action"),
    decisionId: z.string().min(1),
    responsibleOrganisationId: z.string({ required_error: t("meetings.chooseOrganisation") }).min(1, t("meetings.chooseOrganisation")),
    dueDate: optionalDate(t, t("meetings.dueDate")),
  });
}
