// What personal data looks like in free text, decided from the text alone (and, for names the
// writer may see, from a list the caller passes in). Pure functions: nothing here reads the
// database, so what they answer cannot depend on who exists.
import { GIVEN_NAMES } from "./given-names";

export type FindingKind = "identity_number" | "email" | "phone" | "person_name";

export interface Finding {
  kind: FindingKind;
  /** The part of the writer's own text that was refused. */
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

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

const WORD = /\p{L}[\p{L}'’-]*/gu;

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((m) => ({
    text: m[0],
    lower: m[0].toLocaleLowerCase("sv"),
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

const capitalised = (word: Word) => /^\p{Lu}/u.test(word.text);
const isGivenName = (word: Word) => GIVEN_NAMES.has(word.lower) || GIVEN_NAMES.has(word.lower.split("-")[0]);
// Surname particles: "Karl af Klint", "Anna von Essen".
const PARTICLES = new Set(["af", "von", "van", "de", "der", "di", "da", "la", "al", "el", "bin", "ibn"]);

/** Only spaces between two words: a full stop, comma or line break ends a name. */
function adjacent(text: string, a: Word, b: Word) {
  return /^[ \t\u00a0]+$/.test(text.slice(a.end, b.start));
}

/**
 * Name-shaped text: a capitalised common given name followed by a capitalised word (optionally
 * with a surname particle between), e.g. "Mikael Provsson" or "Anna von Essen". Invented and
 * real names of this shape are refused alike.
 */
export function findNameShapes(text: string): Finding[] {
  const words = wordsOf(text);
  const findings: Finding[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const first = words[i];
    if (!capitalised(first) || !isGivenName(first)) continue;
    let j = i + 1;
    if (PARTICLES.has(words[j].lower) && j + 1 < words.length && adjacent(text, words[j - 1], words[j])) j++;
    const last = words[j];
    if (!capitalised(last) || !adjacent(text, words[j - 1], last)) continue;
    findings.push({ kind: "person_name", match: text.slice(first.start, last.end) });
    i = j;
  }
  return findings;
}

/**
 * Full names from the given list (those of persons the writer may see) anywhere in the text,
 * in any case. A one-word name is never matched: on its own it points out no one.
 */
export function findKnownNames(text: string, names: readonly string[]): Finding[] {
  const byFirstWord = new Map<string, string[][]>();
  for (const name of names) {
    const parts = wordsOf(name).map((w) => w.lower);
    if (parts.length < 2) continue;
    byFirstWord.set(parts[0], [...(byFirstWord.get(parts[0]) ?? []), parts]);
  }
  if (byFirstWord.size === 0) return [];
  const words = wordsOf(text);
  const findings: Finding[] = [];
  for (let i = 0; i < words.length; i++) {
    for (const parts of byFirstWord.get(words[i].lower) ?? []) {
      const run = words.slice(i, i + parts.length);
      if (run.length === parts.length && run.every((w, k) => w.lower === parts[k])) {
        findings.push({ kind: "person_name", match: text.slice(run[0].start, run[run.length - 1].end) });
      }
    }
  }
  return findings;
}

/** Every finding in one text, each distinct part once. */
export function findingsIn(text: string, visibleNames: readonly string[]): Finding[] {
  const all = [...findPatterns(text), ...findNameShapes(text), ...findKnownNames(text, visibleNames)];
  const seen = new Set<string>();
  return all.filter((f) => {
    const key = `${f.kind}:${f.match.toLocaleLowerCase("sv")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
