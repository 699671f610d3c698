import type { MetaFunction } from "@remix-run/node";
import type { TFunction } from "i18next";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/locales/resources";
import { createI18n } from "./i18n";

const cache = new Map<Locale, TFunction>();

/**
 * A page title in the visitor's language: "Mina planer – Samsyn". Titles never carry
 * personal data, since they end up in browser history.
 */
export function pageTitle(key: string): MetaFunction {
  return ({ matches }) => {
    const data = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
    const locale = isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE;
    let t = cache.get(locale);
    if (!t) {
      t = createI18n(locale).t;
      cache.set(locale, t);
    }
    return [{ title: `${t(key as never) as string} – Samsyn` }];
  };
}
