// The summaries' forms, validated on the server only (docs/decisions/0009). The commands check
// the same rules again; fieldMessages turns their failure codes into the form's words.
import type { TFunction } from "i18next";
import { z } from "zod";
import { isIsoDate } from "~/lib/time";
import { requiredText } from "~/lib/validation";
import { MEETING_NAME_MAX } from "./snapshots.server";

export function freezeSchema(t: TFunction) {
  return z.object({
    meetingName: requiredText(t, t("summaries.meetingName"), { max: MEETING_NAME_MAX }),
    meetingDate: z
      .string({ required_error: t("validation.required", { field: t("summaries.meetingDate").toLowerCase() }) })
      .refine(isIsoDate, t("validation.date", { field: t("summaries.meetingDate").toLowerCase() })),
  });
}

export function retractSchema(t: TFunction) {
  // Longer reasons are kept to their first RETRACTION_REASON_MAX characters by the command.
  return z.object({
    reason: z
      .string({ required_error: t("validation.required", { field: t("summaries.retractReason").toLowerCase() }) })
      .trim()
      .min(1, t("validation.required", { field: t("summaries.retractReason").toLowerCase() })),
  });
}

const LABELS: Record<string, string> = {
  meetingName: "summaries.meetingName",
  meetingDate: "summaries.meetingDate",
  reason: "summaries.retractReason",
};

/** A command's field failure codes as messages for the form. */
export function fieldMessages(t: TFunction, fields: Record<string, string> = {}): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, code] of Object.entries(fields)) {
    const field = t((LABELS[name] ?? name) as never) as string;
    out[name] = [
      code === "date"
        ? t("validation.date", { field: field.toLowerCase() })
        : code === "too_long"
          ? t("validation.tooLong", { field, max: MEETING_NAME_MAX })
          : t("validation.required", { field: field.toLowerCase() }),
    ];
  }
  return out;
}
