import i18next, { type i18n, type Resource, type TFunction } from "i18next";
import { DEFAULT_LOCALE, type Locale } from "~/locales/locales";

/** Each locale's texts as a chunk of its own, so the browser fetches only the one it shows. */
const translations: Record<Locale, () => Promise<{ default: object }>> = {
  sv: () => import("~/locales/sv/index"),
  en: () => import("~/locales/en/index"),
};

export function createI18n(locale: Locale, resources: Resource): i18n {
  const instance = i18next.createInstance();
  // Resources are given, so init is synchronous.
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    interpolation: { escapeValue: false },
    initImmediate: false,
  });
  return instance;
}

/** Adds the locale's texts to the instance unless it has them. */
export async function loadLocale(instance: i18n, locale: Locale): Promise<void> {
  if (instance.hasResourceBundle(locale, "translation")) return;
  const { default: texts } = await translations[locale]();
  instance.addResourceBundle(locale, "translation", texts);
}

/** The browser's instance: only the page's locale, fetched before hydration. */
export async function createClientI18n(locale: Locale): Promise<i18n> {
  const { default: texts } = await translations[locale]();
  return share(createI18n(locale, { [locale]: { translation: texts } }));
}

let shared: i18n | undefined;

/** The instance page titles are translated with (all locales on the server, the loaded ones in the browser). */
export function share(instance: i18n): i18n {
  shared = instance;
  return instance;
}

export function sharedT(locale: Locale): TFunction | undefined {
  return shared?.getFixedT(locale);
}

export type { TFunction };
