import { createCookie } from "@remix-run/node";
import type { TFunction } from "i18next";
import { DEFAULT_LOCALE, isLocale, SUPPORTED_LOCALES, type Locale } from "~/locales/resources";
import { createI18n } from "./i18n";

export const localeCookie = createCookie("samsyn_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** Swedish unless the visitor (or, at sign-in, the user's profile) chose English. */
export async function getLocale(request: Request): Promise<Locale> {
  const value: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

const fixed = new Map<Locale, TFunction>(SUPPORTED_LOCALES.map((l) => [l, createI18n(l).t]));

export function getFixedT(locale: Locale): TFunction {
  return fixed.get(locale)!;
}

export async function getT(request: Request): Promise<TFunction> {
  return getFixedT(await getLocale(request));
}
