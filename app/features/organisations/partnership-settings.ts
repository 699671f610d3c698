// What a partnership sets for its plans (migration 0022): the longest interval between
// follow-ups, the insats types an action is chosen from and the progression scale recorded at
// every follow-up. Isomorphic: the admin form, the plan page and the summaries share the defaults.

export const DEFAULT_MAX_FOLLOW_UP_MONTHS = 3;

export const DEFAULT_ACTION_TYPES = [
  "Kartläggning",
  "Motivation",
  "Arbetsträning",
  "Studier",
  "Matchning mot arbete",
  "Hälsa",
  "Annat",
];

/** A five-step distance-to-work scale, first step furthest from work or studies. */
export const DEFAULT_PROGRESSION_STEPS = [
  "Mycket långt från arbete eller studier",
  "Långt från arbete eller studier",
  "Närmar sig arbete eller studier",
  "Nära arbete eller studier",
  "Redo för arbete eller studier",
];

export interface PlanSettings {
  maxFollowUpMonths: number;
  actionTypes: string[];
  progressionSteps: string[];
}

export const DEFAULT_PLAN_SETTINGS: PlanSettings = {
  maxFollowUpMonths: DEFAULT_MAX_FOLLOW_UP_MONTHS,
  actionTypes: DEFAULT_ACTION_TYPES,
  progressionSteps: DEFAULT_PROGRESSION_STEPS,
};

/** The lines of a textarea as a list: trimmed, empty lines and repeats dropped. */
export function linesOf(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const name = line.trim().replace(/\s+/g, " ");
    if (name) seen.add(name);
  }
  return [...seen];
}

/** The date `months` calendar months after `date` (YYYY-MM-DD), clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
