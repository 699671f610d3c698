// Working days in Sweden: Monday to Friday except public holidays and the three eves that
// collective agreements treat as holidays (midsommarafton, julafton, nyårsafton). The holiday
// calendar comes from date-holidays, so Easter and midsummer move as they should.
import Holidays from "date-holidays";
import { addDays } from "./time";

const swedish = new Holidays("SE");
const holidaysByYear = new Map<number, Set<string>>();

function holidaysOf(year: number): Set<string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set(
      swedish
        .getHolidays(year)
        .filter((h) => h.type === "public" || h.type === "bank")
        .map((h) => h.date.slice(0, 10)),
    );
    holidaysByYear.set(year, days);
  }
  return days;
}

/** `date` is a YYYY-MM-DD calendar date in Sweden. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidaysOf(Number(date.slice(0, 4))).has(date);
}

/** The date `count` working days after `date` (before it, for a negative count). */
export function addWorkingDays(date: string, count: number): string {
  const step = count < 0 ? -1 : 1;
  let left = Math.abs(count);
  let day = date;
  while (left > 0) {
    day = addDays(day, step);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

/** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
export function workingDaysUntil(from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count += 1;
  return count;
}
