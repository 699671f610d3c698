import type { TFunction } from "i18next";
import type { DB } from "#db/client.server";
import { checkForPersonalData } from "./personal-data-guard.server";

/** Field errors for any personal data in the given free-text fields: what was found, and why it is refused. */
export async function personalDataErrors(
  db: DB,
  t: TFunction,
  fields: Record<string, string | undefined | null>,
): Promise<Record<string, string[]> | null> {
  const findings = await checkForPersonalData(db, fields);
  const entries = Object.entries(findings);
  if (entries.length === 0) return null;
  return Object.fromEntries(
    entries.map(([field, list]) => [
      field,
      [
        ...list.map((f) => t(`deviations.personalData.${f.kind}`, { match: f.match })),
        t("deviations.personalData.why"),
      ],
    ]),
  );
}
