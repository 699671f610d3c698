import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { NavKey } from "~/features/access/policy";
import type { Flash } from "~/lib/flash.server";
import { RouteFocus } from "./route-focus";

interface ShellUser {
  name: string;
  organisationName: string;
  /** What the role policy lets the navigation show (navigationFor). */
  nav: NavKey[];
  unread: number;
}

export function AppShell({
  user,
  flash,
  children,
}: {
  user: ShellUser | null;
  flash: Flash | null;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;

  const labels: Record<NavKey, { to: string; label: string }> = {
    start: { to: "/start", label: t("nav.start") },
    plans: { to: "/plans", label: t("nav.plans") },
    deviations: { to: "/deviations", label: t("nav.deviations") },
    improvements: { to: "/improvements", label: t("nav.improvements") },
    summaries: { to: "/reports", label: t("nav.summaries") },
    audit: { to: "/audit", label: t("nav.audit") },
    admin: { to: "/admin", label: t("nav.admin") },
  };
  const visible = user ? user.nav.map((key) => labels[key]) : [];

  return (
    <>
      <RouteFocus />
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              ◆
            </span>
            <span className="brand__name">{t("app.name")}</span>
            <span className="brand__tagline">{t("app.tagline")}</span>
          </Link>
          <div className="site-header__tools">
            <Form method="post" action="/language" className="inline-form">
              <input type="hidden" name="redirectTo" value={here} />
              <input type="hidden" name="lang" value={i18n.language === "en" ? "sv" : "en"} />
              <button type="submit" className="button button--quiet" lang={i18n.language === "en" ? "sv" : "en"}>
                {t("language.switchTo")}
              </button>
            </Form>
            {user ? (
              <Form method="post" action="/logout" className="inline-form">
                <button type="submit" className="button button--quiet">
                  {t("nav.signOut")}
                </button>
              </Form>
            ) : null}
          </div>
        </div>
        {user ? (
          <nav aria-label={t("app.mainNavigation")} className="main-nav">
            <ul>
              {visible.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{item.label}</NavLink>
                </li>
              ))}
              <li>
                <NavLink to="/notifications">
                  {t("notifications.title")}
                  {user.unread > 0 ? (
                    <>
                      {" "}
                      <span className="count-badge">{t("notifications.unread", { count: user.unread })}</span>
                    </>
                  ) : null}
                </NavLink>
              </li>
              <li className="main-nav__account">
                <NavLink to="/account">
                  <span className="visually-hidden">{t("nav.account")}: </span>
                  {user.name} <span className="muted">· {user.organisationName}</span>
                </NavLink>
              </li>
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        {flash ? (
          <div className={`flash flash--${flash.kind}`} role="status">
            {t(flash.key as never, flash.values ?? {}) as string}
          </div>
        ) : null}
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("app.footer")}</p>
      </footer>
    </>
  );
}
