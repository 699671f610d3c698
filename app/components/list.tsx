import { Form, Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function SearchForm({ q, label, children }: { q: string; label: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="search-form" role="search">
      <div className="field">
        <label htmlFor="list-search">{label}</label>
        <input id="list-search" type="search" name="q" defaultValue={q} key={q} />
      </div>
      {children}
      <button type="submit" className="button button--secondary">
        {t("common.search")}
      </button>
      {q ? (
        <Link to="?" className="search-form__clear">
          {t("common.clearSearch")}
        </Link>
      ) : null}
    </Form>
  );
}

export function Pagination({
  page,
  pages,
  total,
  pageSize,
}: {
  page: number;
  pages: number;
  total: number;
  pageSize: number;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  if (total === 0) return null;
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `?${params}`;
  };
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label={t("common.pagination")}>
      <p>{t("common.showingCount", { from, to, total })}</p>
      {pages > 1 ? (
        <ul>
          <li>{page > 1 ? <Link to={hrefFor(page - 1)}>{t("common.previousPage")}</Link> : null}</li>
          <li aria-current="page">{t("common.pageOf", { page, pages })}</li>
          <li>{page < pages ? <Link to={hrefFor(page + 1)}>{t("common.nextPage")}</Link> : null}</li>
        </ul>
      ) : null}
    </nav>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}
