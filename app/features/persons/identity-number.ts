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

/** The date of birth as YYYY-MM-DD, the coordination number's day taken back by 60. */
export function birthDateOf(twelveDigits: string): string {
  return `${twelveDigits.slice(0, 4)}-${twelveDigits.slice(4, 6)}-${String(birthDay(twelveDigits)).padStart(2, "0")}`;
}

export type LegalGender = "female" | "male";

/** Legal gender from the birth number's last digit (the third of the four last): odd for men, even for women. */
export function legalGenderOf(twelveDigits: string): LegalGender {
  return Number(twelveDigits.slice(10, 11)) % 2 === 1 ? "male" : "female";
}

/** Whole years of age on a date (YYYY-MM-DD); a birthday on 29 February is reached on 1 March in other years. */
export function ageOn(twelveDigits: string, date: string): number {
  const born = birthDateOf(twelveDigits);
  const years = Number(date.slice(0, 4)) - Number(born.slice(0, 4));
  return date.slice(5) >= born.slice(5) ? years : years - 1;
}
