// The locales and their names, without the texts: the browser imports this, and loads only the
// active locale's texts (app/lib/i18n.ts).
export const SUPPORTED_LOCALES = ["sv", "en"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "sv";

/** Same keys as Swedish, any strings: a missing English key fails the typecheck. */
export type TranslationShape<T> = { [K in keyof T]: T[K] extends string ? string : TranslationShape<T[K]> };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}
