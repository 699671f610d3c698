// THE personal-data guard (DESIGN.md "Deviations", docs/decisions/0014-personal-data-guard.md).
// Every command that stores free text meant to be read without personal data calls
// personalDataIn() inside its own transaction, before it writes; no route calls it.
//
// It refuses identity-number-, e-mail- and phone-shaped text, name-shaped text (a common given
// name followed by a capitalised word), and the full names of persons on plans the WRITER may
// see. It never compares with persons the writer may not see: its answer (message, status and
// the work it does) must not tell anyone who has a plan.
import type { DB } from "#db/client.server";
import { planAccessFilter } from "~/features/access/access.server";
import type { CurrentUser } from "~/features/access/current-user";
import { fail, type Failure } from "~/lib/result";
import { findingsIn, type Finding } from "./patterns";

export type { Finding, FindingKind } from "./patterns";

/** The writer: whoever's text it is. Only the plans they may see count. */
export type Writer = Pick<CurrentUser, "id" | "organisationId" | "grants">;

/** Findings per field; only fields with something refused appear. */
export type PersonalDataFindings = Record<string, Finding[]>;

export type PersonalDataFailure = Failure<"personal_data", PersonalDataFindings>;

/**
 * The names of persons on plans the writer may see: the only names the guard compares with.
 * The one place that knows where a person's name is stored.
 */
export async function namesVisibleTo(db: DB, writer: Writer): Promise<string[]> {
  const rows = await db
    .selectFrom("plans")
    .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
    .select("person.name")
    .where(planAccessFilter(writer))
    .distinct()
    .execute();
  return rows.map((r) => r.name).filter((name) => name.trim() !== "");
}

/** Every finding per field; an empty object means every text may be stored. */
export async function findPersonalData(
  db: DB,
  writer: Writer,
  texts: Record<string, string | null | undefined>,
): Promise<PersonalDataFindings> {
  const filled = Object.entries(texts).filter((entry): entry is [string, string] => Boolean(entry[1]?.trim()));
  if (filled.length === 0) return {};
  const names = await namesVisibleTo(db, writer);
  const findings: PersonalDataFindings = {};
  for (const [field, text] of filled) {
    const found = findingsIn(text, names);
    if (found.length > 0) findings[field] = found;
  }
  return findings;
}

/**
 * The guard commands call: null when the texts may be stored, otherwise the failure to return
 * as it is ("personal_data", with the findings per field for the form to show).
 */
export async function personalDataIn(
  db: DB,
  writer: Writer,
  texts: Record<string, string | null | undefined>,
): Promise<PersonalDataFailure | null> {
  const findings = await findPersonalData(db, writer, texts);
  return Object.keys(findings).length > 0 ? fail("personal_data", { detail: findings }) : null;
}
