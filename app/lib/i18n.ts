import i18next, { type i18n, type TFunction } from "i18next";
import { DEFAULT_LOCALE, resources, type Locale } from "~/locales/resources";

export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  // Resources are bundled, so init is synchronous.
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    interpolation: { escapeValue: false },
    initImmediate: false,
  });
  return instance;
}

export type { TFunction };
