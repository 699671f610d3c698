// The improvement register's forms and list filters: one zod schema per form, shared by Conform
// and the action; filters from the URL never fail (nonsense is ignored).
import type { TFunction } from "i18next";
import { z } from "zod";
import { DEVIATION_CATEGORIES, IMPROVEMENT_STATUSES, type DeviationCategory } from "#db/schema";
import { isIsoDate } from "~/lib/time";
import { choice, optionalText, requiredText } from "~/lib/validation";

export const TITLE_MAX = 200;
export const TEXT_MAX = 2000;

function date(t: TFunction, field: string) {
  return z
    .string({ required_error: t("validation.required", { field: field.toLowerCase() }) })
    .refine(isIsoDate, t("validation.date", { field: field.toLowerCase() }));
}

const isCategory = (v: string): v is DeviationCategory => (DEVIATION_CATEGORIES as readonly string[]).includes(v);

export function recordSchema(t: TFunction) {
  return z
    .object({
      partnershipId: requiredText(t, t("improvements.partnership")),
      title: requiredText(t, t("improvements.what"), { max: TITLE_MAX }),
      description: optionalText(t, t("improvements.description"), TEXT_MAX),
      ownerOrganisationId: requiredText(t, t("improvements.ownerOrganisation")),
      ownerContactId: z.string().optional(),
      dueDate: date(t, t("improvements.dueDate")),
      categories: z.preprocess(
        (v) => (v === undefined ? [] : [v].flat()),
        z
          .array(z.string())
          .refine((list) => list.every(isCategory), t("improvements.chooseCategories"))
          .transform((list) => list as DeviationCategory[]),
      ),
      /** The case it came from (a case number is no personal data); empty: the steering group's own. */
      sourceDeviationId: z.string().optional(),
    })
    .refine((v) => v.categories.length > 0, {
      path: ["categories"],
      message: t("improvements.chooseCategories"),
    });
}

export type RecordInput = z.infer<ReturnType<typeof recordSchema>>;

export function updateSchema(t: TFunction) {
  return z
    .object({
      version: z.coerce.number().int().min(1),
      status: choice(t, t("improvements.status"), IMPROVEMENT_STATUSES),
      statusNote: optionalText(t, t("improvements.statusNote"), TEXT_MAX),
      dueDate: date(t, t("improvements.dueDate")),
    })
    .refine((v) => v.status === "open" || (v.statusNote ?? "").trim() !== "", {
      path: ["statusNote"],
      message: t("improvements.noteRequired"),
    });
}

export type UpdateInput = z.infer<ReturnType<typeof updateSchema>>;

/** No status: the open ones. "overdue" is open past the due date; "all" everything. */
export const IMPROVEMENT_FILTERS = ["open", "overdue", "done", "dropped", "all"] as const;
export type ImprovementFilterStatus = (typeof IMPROVEMENT_FILTERS)[number];

const filterSchema = z.object({
  status: z.enum(IMPROVEMENT_FILTERS).optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
});

export type ImprovementFilter = z.infer<typeof filterSchema>;

export function readImprovementFilter(url: URL): ImprovementFilter {
  return filterSchema.parse(Object.fromEntries(url.searchParams));
}

/** Field failure codes from a command, in the user's words. */
export function fieldMessages(t: TFunction, fields: Record<string, string> | undefined): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fields ?? {}).map(([field, code]) => [field, [t(`improvements.errors.${code}` as never)]]),
  );
}
