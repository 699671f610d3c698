// Every locale's texts, for the server. The browser never imports this module: it loads the
// active locale alone (app/lib/i18n.ts).
import en from "./en/index";
import sv from "./sv/index";

export * from "./locales";

export const resources = {
  sv: { translation: sv },
  en: { translation: en },
} as const;
