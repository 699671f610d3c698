// How a refusal reads. Patterns quote the writer's own text back; a name never is, and the
// line for it is the same whether the name came from a plan the writer may see or only looks
// like a name, so the answer never says that a person exists.
import type { TFunction } from "i18next";
import type { PersonalDataFindings } from "./personal-data.server";

/** Field errors for a form: one line per refused part, one neutral line for names, then why. */
export function personalDataErrors(
  t: TFunction,
  findings: PersonalDataFindings,
  why: string = t("privacy.why"),
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(findings).map(([field, list]) => {
      const lines = list.map((f) =>
        f.kind === "person_name" ? t("privacy.person_name") : t(`privacy.${f.kind}`, { match: f.match }),
      );
      return [field, [...new Set(lines), why]];
    }),
  );
}
