// Retention rules as data (docs/decisions/0018-retention-backup-extract.md). The law behind
// them is named in words, never by paragraph: the new Social Services Act renumbers its
// paragraphs, and each organisation answers for its own rule, so each can change its periods.
// Isomorphic: the admin page shows the same rules the purge applies.
import type { OrganisationKind } from "#db/schema";
import { birthDay } from "~/features/persons/identity-number";

export interface RetentionRule {
  /** A closed plan is due this many years after its last entry (the day after). */
  planYears: number;
  /** Persons born on day 5, 15 or 25 of a month are kept (the research exception). */
  researchException: boolean;
  /** Audit events are kept this many years. */
  auditYears: number;
  /** The register extract names staff who read the records, not only their organisation. */
  extractStaffNames: boolean;
}

/**
 * The basis of each kind's default, as a key under retention.basis in the locales: social
 * services' documentation is purged five years after the last entry, with the research
 * exception; healthcare records follow the Patient Data Act (at least ten years); the state
 * agencies and the others follow their own retention decisions, which the admin enters.
 */
export type RuleBasis = "social_services" | "healthcare" | "own_decision";

export function basisOf(kind: OrganisationKind): RuleBasis {
  if (kind === "social_services") return "social_services";
  if (kind === "healthcare") return "healthcare";
  return "own_decision";
}

export function defaultRule(kind: OrganisationKind): RetentionRule {
  switch (basisOf(kind)) {
    case "social_services":
      return { planYears: 5, researchException: true, auditYears: 10, extractStaffNames: false };
    case "healthcare":
      return { planYears: 10, researchException: false, auditYears: 10, extractStaffNames: false };
    default:
      return { planYears: 5, researchException: false, auditYears: 10, extractStaffNames: false };
  }
}

/** Keys of retention_periods: data not tied to a plan, with their default days. */
export const PERIOD_DEFAULTS = {
  login_attempts: 90,
  ended_sessions: 30,
  outbox: 90,
  read_notifications: 365,
} as const;
export type PeriodName = keyof typeof PERIOD_DEFAULTS;
export const PERIOD_NAMES = Object.keys(PERIOD_DEFAULTS) as PeriodName[];

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number);
  // 29 February plus whole years lands on 28 February in a common year.
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * When a plan whose last entry was on `lastEntry` (a Stockholm date) becomes due: the day after
 * the period has run out (last entry 2020-12-31, five years: due from 2026-01-01); it must be gone
 * by the end of the following calendar year.
 */
export function dueDates(lastEntry: string, years: number): { dueFrom: string; goneBy: string } {
  const dueFrom = nextDay(addYears(lastEntry, years));
  return { dueFrom, goneBy: `${Number(dueFrom.slice(0, 4)) + 1}-12-31` };
}

export function isDue(lastEntry: string, years: number, today: string): boolean {
  return dueDates(lastEntry, years).dueFrom <= today;
}

/** Born on day 5, 15 or 25 (coordination numbers carry the day plus 60). */
export function researchExempt(identityNumber: string): boolean {
  return [5, 15, 25].includes(birthDay(identityNumber));
}

/**
 * The rule that governs a plan: deleting a plan deletes what every organisation on it recorded,
 * so the longest period of the organisations involved applies, and the research exception holds
 * if any of them keeps it.
 */
export function governingRule(rules: RetentionRule[]): RetentionRule {
  return rules.reduce(
    (acc, r) => ({
      planYears: Math.max(acc.planYears, r.planYears),
      researchException: acc.researchException || r.researchException,
      auditYears: Math.max(acc.auditYears, r.auditYears),
      extractStaffNames: acc.extractStaffNames || r.extractStaffNames,
    }),
    { planYears: 0, researchException: false, auditYears: 0, extractStaffNames: false },
  );
}
