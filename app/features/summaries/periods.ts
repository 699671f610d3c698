// Reporting periods: terms (VT 1 Jan–30 Jun, HT 1 Jul–31 Dec), tertials (T1 Jan–Apr,
// T2 May–Aug, T3 Sep–Dec) and custom ranges. Dates are calendar dates in Europe/Stockholm.
import { addDays, dateTimeFormat, isIsoDate, todayInStockholm } from "~/lib/time";

export type PeriodKind = "term" | "tertial" | "custom";

export interface Period {
  kind: PeriodKind;
  /** URL-safe key: "HT2026", "T3-2026", "2026-01-01--2026-03-31". */
  key: string;
  /** Swedish label: "HT 2026", "T3 2026", "2026-01-01 – 2026-03-31". */
  label: string;
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function term(year: number, half: "VT" | "HT"): Period {
  return half === "VT"
    ? { kind: "term", key: `VT${year}`, label: `VT ${year}`, start: `${year}-01-01`, end: `${year}-06-30` }
    : { kind: "term", key: `HT${year}`, label: `HT ${year}`, start: `${year}-07-01`, end: `${year}-12-31` };
}

export function tertial(year: number, n: 1 | 2 | 3): Period {
  const firstMonth = (n - 1) * 4 + 1;
  const lastMonth = firstMonth + 3;
  return {
    kind: "tertial",
    key: `T${n}-${year}`,
    label: `T${n} ${year}`,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(lastDay(year, lastMonth))}`,
  };
}

export function custom(start: string, end: string): Period {
  return { kind: "custom", key: `${start}--${end}`, label: `${start} – ${end}`, start, end };
}

/**
 * The period a key names, or null for anything else: a malformed key, an impossible date, or a
 * period whose summary would reach outside the four-digit years (the summary compares a period
 * with the five before it and the same one a year earlier, so VT1000 already reaches 997).
 */
export function parsePeriod(key: string): Period | null {
  const period = periodNamedBy(key);
  return period && compared(period).every(isFourDigitPeriod) ? period : null;
}

function periodNamedBy(key: string): Period | null {
  let m = /^(VT|HT)(\d{4})$/.exec(key);
  if (m) return isFourDigitYear(Number(m[2])) ? term(Number(m[2]), m[1] as "VT" | "HT") : null;
  m = /^T([123])-(\d{4})$/.exec(key);
  if (m) return isFourDigitYear(Number(m[2])) ? tertial(Number(m[2]), Number(m[1]) as 1 | 2 | 3) : null;
  m = /^(\d{4}-\d{2}-\d{2})--(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (m && isIsoDate(m[1]) && isIsoDate(m[2]) && m[1] <= m[2]) {
    const period = custom(m[1], m[2]);
    return isFourDigitPeriod(period) ? period : null;
  }
  return null;
}

const isFourDigitYear = (year: number) => year >= 1000 && year <= 9999;
const isFourDigitDate = (date: string) => isIsoDate(date) && isFourDigitYear(Number(date.slice(0, 4)));
const isFourDigitPeriod = (p: Period) => isFourDigitDate(p.start) && isFourDigitDate(p.end);

/** Every period a summary of this one counts in; stops at the first outside the four-digit years, where dates stop parsing. */
function compared(period: Period): Period[] {
  const out = [period];
  for (let i = 0; i < 5 && isFourDigitPeriod(out[0]); i++) out.unshift(previousPeriod(out[0]));
  return isFourDigitPeriod(out[0]) ? [...out, sameperiod(period, 1)] : out;
}

/** The term or tertial that holds a date. */
export function periodContaining(date: string, kind: "term" | "tertial"): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (kind === "term") return term(year, month <= 6 ? "VT" : "HT");
  return tertial(year, (Math.floor((month - 1) / 4) + 1) as 1 | 2 | 3);
}

export function currentTerm(today = todayInStockholm()): Period {
  return periodContaining(today, "term");
}

/** The last full term before today: what a steering group usually reviews. */
export function lastFullTerm(today = todayInStockholm()): Period {
  return previousPeriod(currentTerm(today));
}

export function previousPeriod(period: Period): Period {
  if (period.kind === "custom") {
    const days = Math.round((Date.parse(period.end) - Date.parse(period.start)) / 86_400_000);
    const end = addDays(period.start, -1);
    return custom(addDays(end, -days), end);
  }
  return periodContaining(addDays(period.start, -1), period.kind);
}

export function sameperiod(period: Period, yearsBack: number): Period {
  const shift = (d: string) => {
    const year = Number(d.slice(0, 4)) - yearsBack;
    const [month, day] = [Number(d.slice(5, 7)), Number(d.slice(8, 10))];
    return `${year}-${pad(month)}-${pad(Math.min(day, lastDay(year, month)))}`;
  };
  if (period.kind === "term")
    return term(Number(period.start.slice(0, 4)) - yearsBack, period.key.slice(0, 2) as "VT" | "HT");
  if (period.kind === "tertial")
    return tertial(Number(period.start.slice(0, 4)) - yearsBack, Number(period.key[1]) as 1 | 2 | 3);
  return custom(shift(period.start), shift(period.end));
}

/** This period and the ones before it, oldest first. */
export function trailingPeriods(period: Period, count: number): Period[] {
  const out = [period];
  while (out.length < count) out.unshift(previousPeriod(out[0]));
  return out;
}

/** Periods a coordinator is offered: recent terms and tertials, newest first. */
export function recentPeriods(today = todayInStockholm()): Period[] {
  return [
    ...trailingPeriods(currentTerm(today), 6).reverse(),
    ...trailingPeriods(periodContaining(today, "tertial"), 6).reverse(),
  ];
}

/** UTC instant bounds of a Stockholm calendar range, for comparing with stored timestamps. */
export function instantBounds(period: Period): { from: string; to: string } {
  return { from: stockholmMidnightUtc(period.start), to: stockholmMidnightUtc(addDays(period.end, 1)) };
}

function stockholmMidnightUtc(date: string): string {
  // Stockholm is UTC+1 in winter and UTC+2 in summer; find the offset that day.
  const guess = new Date(`${date}T00:00:00Z`);
  const local = dateTimeFormat("en-GB", {
    timeZone: "Europe/Stockholm",
    hour: "2-digit",
    hourCycle: "h23",
  }).format(guess);
  const offsetHours = Number(local) % 24;
  return new Date(guess.getTime() - offsetHours * 3_600_000).toISOString();
}
