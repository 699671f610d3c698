import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { DEVIATION_CATEGORIES, DEVIATION_KINDS, DEVIATION_STATUSES } from "#db/schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EmptyState, Pagination } from "~/components/list";
import { CaseTable } from "~/features/deviations/case-table";
import { requireUser } from "~/features/auth/auth.server";
import { readDeviationFilter } from "~/features/deviations/deviations.schema";
import { deviationsIndex } from "~/features/deviations/deviations.server";
import { readListParams } from "~/lib/pagination";
import { formatDate } from "~/lib/time";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("deviations.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  return deviationsIndex(getDb(), user, {
    partnershipId: url.searchParams.get("partnershipId"),
    filter: readDeviationFilter(url),
    page: readListParams(request).page,
  });
}

/** One filter of the inbox: "all" first, then the choices; the current filter stays selected. */
function FilterSelect({
  id,
  name,
  label,
  all,
  value,
  options,
}: {
  id: string;
  name: string;
  label: string;
  all: string;
  value?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function Deviations() {
  const { t, i18n } = useTranslation();
  const { coordinator, manager, contact, steering } = useLoaderData<typeof loader>();
  const location = useLocation();
  const statusLink = (status: string) => {
    const params = new URLSearchParams();
    if (coordinator && coordinator.partnerships.length > 1) params.set("partnershipId", coordinator.partnershipId);
    params.set("status", status);
    return `?${params}`;
  };
  return (
    <>
      <div className="page-heading">
        <h1>{t("deviations.title")}</h1>
        <div className="button-row">
          <Link to="/improvements" className="button button--secondary">
            {t("improvements.fromDeviations")}
          </Link>
          <Link to="/deviations/mine" className="button button--secondary">
            {t("deviations.mine")}
          </Link>
          <Link to="/deviations/new" className="button button--primary">
            {t("deviations.report")}
          </Link>
        </div>
      </div>
      <p className="lead">{t("deviations.intro")}</p>

      {coordinator ? (
        <section aria-labelledby="inbox-heading">
          <h2 id="inbox-heading">
            {t("deviations.inbox")} – {coordinator.partnerships.find((p) => p.id === coordinator.partnershipId)?.name}
          </h2>
          <ul className="status-counts" aria-label={t("deviations.countsPerStatus")}>
            {DEVIATION_STATUSES.filter((s) => s !== "closed").map((s) => (
              <li key={s}>
                <Link to={statusLink(s)} aria-current={coordinator.filter.status === s ? "true" : undefined}>
                  <span className="big-number">{coordinator.inbox.counts[s] ?? 0}</span> {t(`deviations.statuses.${s}`)}
                </Link>
              </li>
            ))}
            <li>
              <Link
                to={statusLink("closed")}
                aria-current={coordinator.filter.status === "closed" ? "true" : undefined}
              >
                {coordinator.inbox.counts.closed !== undefined ? (
                  <>
                    <span className="big-number">{coordinator.inbox.counts.closed}</span>{" "}
                    {t("deviations.statuses.closed")}
                  </>
                ) : (
                  t("deviations.showClosed")
                )}
              </Link>
            </li>
          </ul>
          <Form method="get" className="filter-form" aria-label={t("deviations.filter")}>
            {coordinator.partnerships.length > 1 ? (
              <div className="field">
                <label htmlFor="f-partnership">{t("deviations.partnership")}</label>
                <select id="f-partnership" name="partnershipId" defaultValue={coordinator.partnershipId}>
                  {coordinator.partnerships.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <FilterSelect
              id="f-status"
              name="status"
              label={t("deviations.status")}
              all={t("deviations.openStatuses")}
              value={coordinator.filter.status}
              options={[
                ...DEVIATION_STATUSES.map((v) => ({ value: v, label: t(`deviations.statuses.${v}`) })),
                { value: "all", label: t("deviations.everyStatus") },
              ]}
            />
            <FilterSelect
              id="f-category"
              name="category"
              label={t("deviations.category")}
              all={t("deviations.allCategories")}
              value={coordinator.filter.category}
              options={DEVIATION_CATEGORIES.map((v) => ({ value: v, label: t(`deviations.categories.${v}`) }))}
            />
            <FilterSelect
              id="f-kind"
              name="kind"
              label={t("deviations.kind")}
              all={t("deviations.allKinds")}
              value={coordinator.filter.kind}
              options={DEVIATION_KINDS.map((v) => ({ value: v, label: t(`deviations.kinds.${v}`) }))}
            />
            <FilterSelect
              id="f-party"
              name="partyId"
              label={t("deviations.parties")}
              all={t("deviations.allParties")}
              value={coordinator.filter.partyId}
              options={coordinator.organisations.map((o) => ({ value: o.id, label: o.name }))}
            />
            <div className="field">
              <label htmlFor="f-from">{t("deviations.from")}</label>
              <input id="f-from" type="date" name="from" defaultValue={coordinator.filter.from ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="f-to">{t("deviations.to")}</label>
              <input id="f-to" type="date" name="to" defaultValue={coordinator.filter.to ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="f-q">{t("deviations.search")}</label>
              <input id="f-q" type="search" name="q" defaultValue={coordinator.filter.q ?? ""} />
            </div>
            <button type="submit" className="button button--primary">
              {t("deviations.filter")}
            </button>
            <a className="button button--secondary" href={`/deviations/export.csv${location.search}`} download>
              {t("deviations.exportCsv")}
            </a>
          </Form>
          {coordinator.inbox.total === 0 ? (
            <EmptyState>{t("deviations.inboxEmpty")}</EmptyState>
          ) : (
            <CaseTable rows={coordinator.inbox.items.map((d) => ({ ...d, text: d.summary || d.description }))} />
          )}
          <Pagination {...coordinator.inbox} />
        </section>
      ) : null}

      {manager ? (
        <section aria-labelledby="manager-heading">
          <h2 id="manager-heading">{t("deviations.managerInbox")}</h2>
          <p>{t("deviations.managerIntro")}</p>
          {manager.total === 0 ? (
            <EmptyState>{t("deviations.inboxEmpty")}</EmptyState>
          ) : (
            <CaseTable rows={manager.items.map((d) => ({ ...d, text: d.summary || d.description }))} />
          )}
          {coordinator ? null : <Pagination {...manager} />}
        </section>
      ) : null}

      {contact ? (
        <section aria-labelledby="contact-heading">
          <h2 id="contact-heading">{t("deviations.routedToUs")}</h2>
          {contact.total === 0 ? (
            <EmptyState>{t("deviations.routedEmpty")}</EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("deviations.number")}</th>
                  <th scope="col">{t("deviations.partnership")}</th>
                  <th scope="col">{t("deviations.summary")}</th>
                  <th scope="col">{t("deviations.answerBy")}</th>
                </tr>
              </thead>
              <tbody>
                {contact.items.map((d) => (
                  <tr key={d.id} className={d.overdue ? "row--attention" : undefined}>
                    <td>
                      <Link to={`/deviations/${d.id}`}>{t("deviations.caseTitle", { number: d.number })}</Link>
                    </td>
                    <td>{d.partnershipName}</td>
                    <td>
                      <span className="clamp">{d.summary || t("deviations.noSummary")}</span>
                    </td>
                    <td>
                      {d.answeredAt
                        ? t("deviations.answeredOn", { date: formatDate(d.answeredAt, i18n.language) })
                        : formatDate(d.answerBy, i18n.language)}
                      {d.overdue ? (
                        <>
                          {" "}
                          <span className="badge badge--warning">{t("deviations.overdue")}</span>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {coordinator ? null : <Pagination {...contact} />}
        </section>
      ) : null}

      {steering ? (
        <section aria-labelledby="published-heading">
          <h2 id="published-heading">{t("deviations.published")}</h2>
          {steering.total === 0 ? (
            <EmptyState>{t("deviations.publishedEmpty")}</EmptyState>
          ) : (
            <ul className="plain-list case-list">
              {steering.items.map((d) => (
                <li key={d.id}>
                  <Link to={`/deviations/${d.id}`}>{t("deviations.caseTitle", { number: d.number })}</Link> –{" "}
                  {t(`deviations.categories.${d.category}`)}
                  <p className="clamp">{d.summary}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
