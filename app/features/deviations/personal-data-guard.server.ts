// Deviation reports must hold no personal data (DESIGN.md "Deviations"). This guard refuses
// text with anything shaped like an identity number, e-mail address or phone number, or the
// full name of a person in the database, and says exactly which part and why.
import type { DB } from "#db/client.server";

export type FindingKind = "identity_number" | "email" | "phone" | "person_name";

export interface Finding {
  kind: FindingKind;
  match: string;
}

// With or without century, with "-", "+" or nothing before the last four; checksum or not.
const IDENTITY_NUMBER = /(?<![\d-])(?:(?:19|20)\d{6}|\d{6})[-+]?\d{4}(?![\d-])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Swedish numbers: start with 0 or +46, then 7–10 more digits in groups; dates (2026-01-15) start with 2.
const PHONE = /(?<![\d])(?:\+46[\s-]?|0)\d{1,3}(?:[\s-]?\d{2,4}){2,4}(?![\d])/g;

function digits(value: string) {
  return value.replace(/\D/g, "").length;
}

/** Identity numbers, e-mail addresses and phone numbers in the text. */
export function findPatterns(text: string): Finding[] {
  const findings: Finding[] = [];
  const identityNumbers = [...text.matchAll(IDENTITY_NUMBER)].map((m) => m[0]);
  for (const match of identityNumbers) findings.push({ kind: "identity_number", match });
  for (const m of text.matchAll(EMAIL)) findings.push({ kind: "email", match: m[0] });
  for (const m of text.matchAll(PHONE)) {
    const match = m[0].trim();
    const n = digits(match);
    if (n >= 8 && n <= 12 && !identityNumbers.some((id) => id.includes(match) || match.includes(id))) {
      findings.push({ kind: "phone", match });
    }
  }
  return findings;
}

/** Runs of two to four words, lower-cased: the shapes a full name can take. */
function nameCandidates(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}][\p{L}'-]*/gu) ?? [];
  const out = new Set<string>();
  for (let size = 2; size <= 4; size++) {
    for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(" "));
  }
  return [...out];
}

/** Full names of persons in the database that appear in the text. */
export async function findPersonNames(db: DB, text: string): Promise<Finding[]> {
  const candidates = nameCandidates(text);
  if (candidates.length === 0) return [];
  const found: Finding[] = [];
  // Chunked to stay far below SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < candidates.length; i += 500) {
    const chunk = candidates.slice(i, i + 500);
    const rows = await db
      .selectFrom("plan_person_details")
      .select((eb) => eb.fn<string>("lower", ["name"]).as("name"))
      .where((eb) => eb(eb.fn("lower", ["name"]), "in", chunk))
      .distinct()
      .execute();
    for (const row of rows) {
      const start = text.toLowerCase().indexOf(row.name);
      found.push({ kind: "person_name", match: start >= 0 ? text.slice(start, start + row.name.length) : row.name });
    }
  }
  return found;
}

/** Every finding per field; an empty object means the text may be saved. */
export async function checkForPersonalData(
  db: DB,
  fields: Record<string, string | undefined | null>,
): Promise<Record<string, Finding[]>> {
  const result: Record<string, Finding[]> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (!value) continue;
    const findings = [...findPatterns(value), ...(await findPersonNames(db, value))];
    if (findings.length > 0) result[field] = findings;
  }
  return result;
}
