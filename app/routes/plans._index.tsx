import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EmptyState, Pagination } from "~/components/list";
import { requirePermission } from "~/features/auth/auth.server";
import { listPlans } from "~/features/plans/plans.server";
import { pageNumber, readListParams } from "~/lib/pagination";
import { formatDate } from "~/lib/time";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("plans.myPlans");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const { page } = readListParams(request);
  return { q: "", result: await listPlans(getDb(), user, { q: "", page }) };
}

// Searching posts the name or number, so personal data never lands in a URL, a log or the history.
const searchForm = z.object({ q: z.string().trim().max(100).catch(""), page: pageNumber });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const { q, page } = searchForm.parse(Object.fromEntries(await request.formData()));
  return { q, result: await listPlans(getDb(), user, { q, page }) };
}

export default function Plans() {
  const { t, i18n } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const searched = useActionData<typeof action>();
  const { q, result } = searched ?? loaded;

  return (
    <>
      <div className="page-heading">
        <h1>{t("plans.myPlans")}</h1>
        <Link to="/plans/new" className="button button--primary">
          {t("plans.newPlan")}
        </Link>
      </div>
      <p className="lead">{t("plans.intro")}</p>
      <Form method="post" className="search-form" role="search">
        <div className="field">
          <label htmlFor="plan-search">{t("plans.searchLabel")}</label>
          <p className="field__help" id="plan-search-help">
            {t("plans.searchHint")}
          </p>
          <input
            id="plan-search"
            type="search"
            name="q"
            defaultValue={q}
            aria-describedby="plan-search-help"
            autoComplete="off"
          />
        </div>
        <button type="submit" className="button button--secondary">
          {t("common.search")}
        </button>
        {q ? (
          <Link to="/plans" className="search-form__clear">
            {t("common.clearSearch")}
          </Link>
        ) : null}
      </Form>
      {result.total === 0 ? (
        <EmptyState>{q ? t("plans.noMatches") : t("plans.noPlans")}</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("plans.person")}</th>
              <th scope="col">{t("plans.kind")}</th>
              <th scope="col">{t("plans.status")}</th>
              <th scope="col">{t("plans.leadOrganisation")}</th>
              <th scope="col">{t("plans.nextFollowUp")}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((p) => (
              <tr key={p.id} className={p.followUpOverdue || p.overdueActions > 0 ? "row--attention" : undefined}>
                <td>
                  <Link to={`/plans/${p.id}`}>{p.personName || t("persons.unnamed")}</Link>
                  {p.overdueActions > 0 ? (
                    <>
                      {" "}
                      <span className="badge badge--warning">
                        {t("plans.overdueActions", { count: p.overdueActions })}
                      </span>
                    </>
                  ) : null}
                </td>
                <td>{t(`plans.kindShort.${p.kind}`)}</td>
                <td>
                  <span className={`badge badge--${p.status}`}>{t(`plans.statuses.${p.status}`)}</span>
                </td>
                <td>{p.leadOrganisationName}</td>
                <td>
                  {p.nextFollowUp ? formatDate(p.nextFollowUp, i18n.language) : t("plans.noFollowUpDate")}
                  {p.followUpOverdue ? (
                    <>
                      {" "}
                      <span className="badge badge--warning">{t("plans.followUpOverdue")}</span>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {q ? <SearchPagination q={q} page={result.page} pages={result.pages} /> : <Pagination {...result} />}
    </>
  );
}

/** Paging through search results posts again, so the search text stays out of the URL. */
function SearchPagination({ q, page, pages }: { q: string; page: number; pages: number }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t("common.pagination")}>
      <ul>
        {page > 1 ? (
          <li>
            <Form method="post">
              <input type="hidden" name="q" value={q} />
              <button className="button button--quiet" name="page" value={page - 1}>
                {t("common.previousPage")}
              </button>
            </Form>
          </li>
        ) : null}
        <li aria-current="page">{t("common.pageOf", { page, pages })}</li>
        {page < pages ? (
          <li>
            <Form method="post">
              <input type="hidden" name="q" value={q} />
              <button className="button button--quiet" name="page" value={page + 1}>
                {t("common.nextPage")}
              </button>
            </Form>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
