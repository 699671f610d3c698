// Follow-up cadence (docs/decisions/0022): a next follow-up further ahead than the partnership's
// longest interval needs a reason, and one after the consent ends is worth a warning. Isomorphic:
// the commands decide with it and the plan page warns with it.
import { addMonths } from "~/features/organisations/partnership-settings";
import type { ConsentRecord } from "~/features/consent/consent";

/** True when `next` lies more than `months` calendar months after `from` (both YYYY-MM-DD). */
export function beyondInterval(from: string, next: string, months: number): boolean {
  return next > addMonths(from, months);
}

/**
 * The last day the plan's active consents run to, when the next follow-up lies after it; null when
 * it does not, or when no consent is active (the lead organisation needs none of its own).
 */
export function consentEndsBeforeFollowUp(
  nextFollowUp: string | null,
  consents: Pick<ConsentRecord, "state" | "validUntil">[],
): string | null {
  const active = consents.filter((c) => c.state === "active").map((c) => c.validUntil);
  if (!nextFollowUp || active.length === 0) return null;
  const until = active.sort().at(-1)!;
  return nextFollowUp > until ? until : null;
}
