// Swedish personal identity numbers (personnummer) and coordination numbers
// (samordningsnummer), validated by the `personnummer` package: dates, Luhn, +/- separators.
import Personnummer from "personnummer";

/** The number as 12 digits (YYYYMMDDNNNN), or null when it is not a valid number. */
export function normaliseIdentityNumber(input: string): string | null {
  const value = input.trim();
  if (!Personnummer.valid(value)) return null;
  return Personnummer.parse(value).format(true);
}

/** YYYYMMDD-NNNN for display. */
export function formatIdentityNumber(twelveDigits: string): string {
  return `${twelveDigits.slice(0, 8)}-${twelveDigits.slice(8)}`;
}

export function isCoordinationNumber(twelveDigits: string): boolean {
  return Number(twelveDigits.slice(6, 8)) > 60;
}

/** The day of birth (1–31); coordination numbers carry the day plus 60. */
export function birthDay(twelveDigits: string): number {
  const day = Number(twelveDigits.slice(6, 8));
  return day > 60 ? day - 60 : day;
}
