// The page server.js answers with when it refuses a request before any route runs (bad content
// type, body too large, unreadable form, foreign origin, unknown method) or when an error escaped
// Remix: short, in the user's language, with the app's stylesheet and a way back. No layout data
// is loaded for it.
import { renderToStaticMarkup } from "react-dom/server";
import appStyles from "~/styles/app.css?url";
import { DEFAULT_LOCALE, isLocale } from "~/locales/locales";
import { getFixedT, localeCookie } from "./i18n.server";

export type RefusalStatus = 400 | 403 | 405 | 413 | 415 | 500;

const KEYS = {
  400: "badRequest",
  403: "forbidden",
  405: "methodNotAllowed",
  413: "payloadTooLarge",
  415: "unsupportedMediaType",
  500: "serverError",
} as const satisfies Record<RefusalStatus, string>;

export async function refusalPage(status: RefusalStatus, cookieHeader: string | undefined): Promise<string> {
  const chosen: unknown = await localeCookie.parse(cookieHeader ?? null).catch(() => null);
  const locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  const t = getFixedT(locale);
  const key = KEYS[status] ?? KEYS[400];
  const title = t(`platform.refusal.${key}.title`);
  return `<!DOCTYPE html>${renderToStaticMarkup(
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t("app.name")}`}</title>
        <link rel="stylesheet" href={appStyles} />
      </head>
      <body>
        <main id="main">
          <section className="error-page" aria-labelledby="error-title">
            <p className="error-page__status">{status}</p>
            <h1 id="error-title">{title}</h1>
            <p>{t(`platform.refusal.${key}.text`)}</p>
            <p>
              <a href="/">{t("platform.refusal.goHome")}</a>
            </p>
          </section>
        </main>
      </body>
    </html>,
  )}`;
}
