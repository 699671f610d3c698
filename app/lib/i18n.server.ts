import { createCookie } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { i18n } from "i18next";
import { DEFAULT_LOCALE, isLocale, resources, SUPPORTED_LOCALES, type Locale } from "~/locales/resources";
import { createI18n, share } from "./i18n";

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

// One instance per locale for the whole process: building one (and its resource store) per
// request cost more than rendering with it. Nothing changes their language on the server.
const instances = new Map<Locale, i18n>(SUPPORTED_LOCALES.map((l) => [l, createI18n(l, resources)]));
share(instances.get(DEFAULT_LOCALE)!);
const fixed = new Map<Locale, TFunction>(SUPPORTED_LOCALES.map((l) => [l, instances.get(l)!.t]));

/** The server's i18next instance for a locale, shared by every request in that locale. */
export function i18nFor(locale: Locale): i18n {
  return instances.get(locale)!;
}

export function getFixedT(locale: Locale): TFunction {
  return fixed.get(locale)!;
}

export async function getT(request: Request): Promise<TFunction> {
  return getFixedT(await getLocale(request));
}
