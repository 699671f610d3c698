// Meeting times are entered and shown in Europe/Stockholm and stored as UTC ISO text.
// Shared by the server and the browser (no server-only imports).
import { dateTimeFormat, intlLocale, TIME_ZONE } from "~/lib/time";

const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function stockholmParts(instant: Date) {
  const parts = partsFormat.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** Minutes Stockholm is ahead of UTC at that instant (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const p = stockholmParts(instant);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

export function isClockTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/** "2026-03-12" + "10:00" in Stockholm → "2026-03-12T09:00:00.000Z". */
export function stockholmToUtcIso(date: string, time: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  let guess = naive - offsetMinutes(new Date(naive)) * 60_000;
  guess = naive - offsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess).toISOString();
}

/** The Stockholm calendar date and clock time of a UTC instant. */
export function utcToStockholm(iso: string): { date: string; time: string } {
  const p = stockholmParts(new Date(iso));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** False for the hour skipped when summer time starts (e.g. 02:30 on the last Sunday in March). */
export function existsInStockholm(date: string, time: string): boolean {
  const back = utcToStockholm(stockholmToUtcIso(date, time));
  return back.date === date && back.time === time;
}

export function endOf(startsAt: string, durationMinutes: number): string {
  return new Date(Date.parse(startsAt) + durationMinutes * 60_000).toISOString();
}

/** "torsdag 12 mars 2026" / "Thursday 12 March 2026". */
export function formatMeetingDate(iso: string, locale: string): string {
  return dateTimeFormat(intlLocale(locale), { dateStyle: "full", timeZone: TIME_ZONE }).format(new Date(iso));
}

/** "10:00". */
export function formatClock(iso: string): string {
  return utcToStockholm(iso).time;
}
