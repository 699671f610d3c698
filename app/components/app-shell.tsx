import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "#db/schema";
import type { Flash } from "~/lib/flash.server";

interface ShellUser {
  name: string;
  organisationName: string;
  roles: Role[];
  unread: number;
}

interface NavItem {
  to: string;
  label: string;
  visible: (roles: Role[]) => boolean;
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

  // Each feature adds its entry here as it lands; an entry is shown only to roles that can use it.
  const items: NavItem[] = [
    { to: "/start", label: t("nav.start"), visible: (roles) => roles.some((r) => r !== "admin") },
    { to: "/plans", label: t("nav.plans"), visible: (roles) => roles.includes("caseworker") },
    { to: "/deviations", label: t("nav.deviations"), visible: () => true },
    {
      to: "/reports",
      label: t("nav.summaries"),
      visible: (roles) => roles.includes("coordinator") || roles.includes("steering"),
    },
    { to: "/audit", label: t("nav.audit"), visible: (roles) => roles.includes("auditor") },
    { to: "/admin", label: t("nav.admin"), visible: (roles) => roles.includes("admin") },
  ];
  const visible = user ? items.filter((item) => item.visible(user.roles)) : [];

  return (
    <>
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
