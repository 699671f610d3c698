import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { isLocale, DEFAULT_LOCALE } from "./locales/locales";
import { createClientI18n } from "./lib/i18n";

// Only the page's own locale is fetched (the other is loaded if the user switches language).
const lang = document.documentElement.lang;
void createClientI18n(isLocale(lang) ? lang : DEFAULT_LOCALE).then((i18n) => {
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18n}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
});
