import { data, type LinksFunction, type MetaFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AppShell } from "~/components/app-shell";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { navigationFor } from "~/features/access/policy";
import { getOptionalUser } from "~/features/auth/auth.server";
import { unreadCount } from "~/features/notifications/notifications.server";
import { getDb } from "#db/client.server";
import { readFlash } from "~/lib/flash.server";
import { getLocale } from "~/lib/i18n.server";
import { useNonce } from "~/lib/nonce";
import { DEFAULT_LOCALE } from "~/locales/locales";
import { loadLocale } from "~/lib/i18n";
import appStyles from "~/styles/app.css?url";

export const meta: MetaFunction = () => [{ title: "Samsyn" }];

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user, { flash, clearHeader }] = await Promise.all([
    getLocale(request),
    getOptionalUser(request),
    readFlash(request),
  ]);
  return data(
    {
      locale,
      flash,
      user: user && {
        name: user.name,
        organisationName: user.organisationName,
        nav: navigationFor(user),
        unread: await unreadCount(getDb(), user),
      },
    },
    clearHeader ? { headers: { "Set-Cookie": clearHeader } } : undefined,
  );
}

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  const { i18n } = useTranslation();
  useEffect(() => {
    // The browser holds only the locale it started with; a switch fetches the other first.
    if (i18n.language !== locale) void loadLocale(i18n, locale).then(() => i18n.changeLanguage(locale));
  }, [i18n, locale]);

  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <AppShell user={root?.user ?? null} flash={root?.flash ?? null}>
          {children}
        </AppShell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
