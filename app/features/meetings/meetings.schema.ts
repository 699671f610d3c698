// One zod schema per meeting form, used by the route actions (server only: docs/decisions/0009).
import type { TFunction } from "i18next";
import { z } from "zod";
import { isIsoDate, todayInStockholm } from "~/lib/time";
import { choice, manyOf, optionalText, requiredText, wholeNumber } from "~/lib/validation";
import { existsInStockholm, isClockTime, stockholmToUtcIso } from "./meeting-time";
import { EXTERNAL_ROLES } from "#db/schema";
import { EXTERNAL_ROWS, PERSON_CHOICES, STAFF_CHOICES } from "./meeting-types";

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

/** Date, time, length and place: shared by convening and rescheduling. */
function whenWhereFields(t: TFunction) {
  return {
    date: date(t, t("meetings.date")),
    time: z
      .string({ required_error: t("validation.required", { field: t("meetings.time").toLowerCase() }) })
      .refine(isClockTime, t("meetings.invalidTime")),
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

/**
 * Checks across fields (a place or a link, a time that exists and lies ahead, a way to reach
 * the relative). They run on the raw values next to the field schema, so the user sees every
 * problem at once instead of these only after the single fields are right.
 */
function crossFieldChecks(t: TFunction, now: () => Date, { relative = false } = {}) {
  const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
  return z
    .any()
    .superRefine((raw: unknown, ctx) => {
      const v = (raw ?? {}) as Record<string, unknown>;
      const [date, time] = [text(v.date), text(v.time)];
      if (!text(v.place) && !text(v.videoLink))
        ctx.addIssue({ code: "custom", path: ["place"], message: t("meetings.placeOrVideo") });
      if (relative && Array.isArray(v.externals)) {
        v.externals.forEach((row: unknown, i: number) => {
          const e = (row ?? {}) as Record<string, unknown>;
          const [name, contact] = [text(e.name), text(e.contact)];
          if (name && !contact)
            ctx.addIssue({
              code: "custom",
              path: ["externals", i, "contact"],
              message: t("meetings.externalContactRequired", { name }),
            });
          if (!name && contact)
            ctx.addIssue({
              code: "custom",
              path: ["externals", i, "name"],
              message: t("meetings.externalNameRequired"),
            });
        });
      }
      if (!isIsoDate(date) || !isClockTime(time)) return;
      if (!existsInStockholm(date, time)) {
        ctx.addIssue({ code: "custom", path: ["time"], message: t("meetings.timeDoesNotExist") });
      } else if (Date.parse(stockholmToUtcIso(date, time)) <= now().getTime()) {
        ctx.addIssue({
          code: "custom",
          path: [date < todayInStockholm(now()) ? "date" : "time"],
          message: t("meetings.mustBeFuture"),
        });
      }
    })
    .transform(() => ({}));
}

export function conveneSchema(t: TFunction, now: () => Date = () => new Date()) {
  return z.intersection(
    z.object({
      intent: z.literal("convene"),
      ...whenWhereFields(t),
      purpose: requiredText(t, t("meetings.purpose"), { max: 1000 }),
      agenda: optionalText(t, t("meetings.agenda"), 4000),
      // One select per staff member: staff.<userId> = none | summons | invitation.
      staff: z.record(z.enum(STAFF_CHOICES)).default({}),
      personKind: choice(t, t("meetings.invitePerson"), PERSON_CHOICES).default("invitation"),
      // Participants without an account; empty rows are left out.
      externals: z
        .array(
          z.object({
            name: optionalText(t, t("meetings.externalName"), 150),
            role: z.enum(EXTERNAL_ROLES).default("relative"),
            contact: optionalText(t, t("meetings.externalContact"), 300),
          }),
        )
        .max(EXTERNAL_ROWS)
        .default([])
        .transform((rows) =>
          rows.flatMap((r) => (r.name && r.contact ? [{ name: r.name, role: r.role, contact: r.contact }] : [])),
        ),
    }),
    crossFieldChecks(t, now, { relative: true }),
  );
}

export function acceptSchema() {
  return z.object({ intent: z.literal("accept") });
}

export function declineSchema(t: TFunction) {
  return z.object({
    intent: z.literal("decline"),
    reason: z
      .string({ required_error: t("meetings.declineReasonRequired") })
      .trim()
      .min(1, t("meetings.declineReasonRequired"))
      .max(1000, t("validation.tooLong", { field: t("meetings.declineReason"), max: 1000 })),
    replacementUserId: z.string().optional(),
  });
}

export function rescheduleSchema(t: TFunction, now: () => Date = () => new Date()) {
  return z.intersection(z.object({ intent: z.literal("reschedule"), ...whenWhereFields(t) }), crossFieldChecks(t, now));
}

export function cancelSchema(t: TFunction) {
  return z.object({
    intent: z.literal("cancel"),
    reason: z
      .string({ required_error: t("meetings.cancelReasonRequired") })
      .trim()
      .min(1, t("meetings.cancelReasonRequired"))
      .max(1000, t("validation.tooLong", { field: t("meetings.cancelReason"), max: 1000 })),
  });
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
      if (v.makeAction && !v.responsibleOrganisationId)
        ctx.addIssue({
          code: "custom",
          path: ["responsibleOrganisationId"],
          message: t("meetings.chooseOrganisation"),
        });
    });
}

export function decisionToActionSchema(t: TFunction) {
  return z.object({
    intent: z.literal("decision-action"),
    decisionId: z.string().min(1),
    responsibleOrganisationId: z
      .string({ required_error: t("meetings.chooseOrganisation") })
      .min(1, t("meetings.chooseOrganisation")),
    dueDate: optionalDate(t, t("meetings.dueDate")),
  });
}
