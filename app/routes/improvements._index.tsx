import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EmptyState, Pagination } from "~/components/list";
import { requireUser } from "~/features/auth/auth.server";
import { IMPROVEMENT_FILTERS, readImprovementFilter } from "~/features/improvements/improvements.schema";
import { improvementsIndex } from "~/features/improvements/lists.server";
import { pageTitle } from "~/lib/meta";
import { readListParams } from "~/lib/pagination";
import { formatDate } from "~/lib/time";

export const meta = pageTitle("improvements.registerTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filter = readImprovementFilter(new URL(request.url));
  const index = await improvementsIndex(getDb(), user, { filter, page: readListParams(request).page });
  return { ...index, filter };
}

export default function Improvements() {
  const { t, i18n } = useTranslation();
  const { list, mayRecord, candidates, filter } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-heading">
        <h1>{t("improvements.registerTitle")}</h1>
        {mayRecord ? (
          <div className="button-row">
            <Link to="/improvements/new" className="button button--primary">
              {t("improvements.record")}
            </Link>
          </div>
        ) : null}
      </div>
      <p className="lead">{t("improvements.intro")}</p>

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t("improvements.listCaption")}</h2>
        <Form method="get" className="filter-form" aria-label={t("improvements.filter")}>
          <div className="field">
            <label htmlFor="f-status">{t("improvements.status")}</label>
            <select id="f-status" name="status" defaultValue={filter.status ?? "open"}>
              {IMPROVEMENT_FILTERS.map((f) => (
                <option key={f} value={f}>
                  {t(`improvements.filters.${f}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-q">{t("improvements.search")}</label>
            <input id="f-q" type="search" name="q" defaultValue={filter.q ?? ""} />
          </div>
          <button type="submit" className="button button--primary">
            {t("improvements.filter")}
          </button>
        </Form>
        {list.total === 0 ? (
          <EmptyState>{t("improvements.empty")}</EmptyState>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("improvements.what")}</th>
                <th scope="col">{t("improvements.ownerOrganisation")}</th>
                <th scope="col">{t("improvements.partnership")}</th>
                <th scope="col">{t("improvements.dueDate")}</th>
                <th scope="col">{t("improvements.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((i) => (
                <tr key={i.id} className={i.overdue ? "row--attention" : undefined}>
                  <td>
                    <Link to={`/improvements/${i.id}`}>{i.title}</Link>
                  </td>
                  <td>{i.ownerOrganisationName}</td>
                  <td>{i.partnershipName}</td>
                  <td>
                    {formatDate(i.dueDate, i18n.language)}
                    {i.overdue ? (
                      <>
                        {" "}
                        <span className="badge badge--warning">{t("improvements.overdue")}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{t(`improvements.statuses.${i.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pagination {...list} />
      </section>

      {candidates.length > 0 ? (
        <section aria-labelledby="candidates-heading">
          <h2 id="candidates-heading">{t("improvements.candidatesHeading")}</h2>
          <ul className="plain-list case-list">
            {candidates.map((c) => (
              <li key={c.id}>
                <Link to={`/improvements/new?from=${c.id}`}>
                  {t("improvements.recordFromNumber", { number: c.number })}
                </Link>{" "}
                – {t(`improvements.sources.${c.kind}`)}, {c.partnershipName}
                {c.summary ? <p className="clamp">{c.summary}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
