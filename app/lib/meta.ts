import type { MetaFunction } from "@remix-run/node";
import type { TFunction } from "i18next";
import { DEFAULT_LOCALE, isLocale } from "~/locales/locales";
import { sharedT } from "./i18n";

/**
 * A page title in the visitor's language: "Mina planer – Samsyn". Titles never carry
 * personal data, since they end up in browser history.
 */
export function pageTitle(key: string): MetaFunction {
  return ({ matches }) => {
    const data = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
    const locale = isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE;
    const t: TFunction | undefined = sharedT(locale);
    return [{ title: `${t ? (t(key as never) as string) : key} – Samsyn` }];
  };
}
