import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EmptyState, Pagination } from "~/components/list";
import { requireUser } from "~/features/auth/auth.server";
import { myReports } from "~/features/deviations/deviations.server";
import { readListParams } from "~/lib/pagination";
import { formatDate } from "~/lib/time";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("deviations.mine");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { result: await myReports(getDb(), user, readListParams(request).page) };
}

export default function MyReports() {
  const { t, i18n } = useTranslation();
  const { result } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-heading">
        <h1>{t("deviations.mine")}</h1>
        <Link to="/deviations/new" className="button button--primary">
          {t("deviations.report")}
        </Link>
      </div>
      {result.total === 0 ? (
        <EmptyState>{t("deviations.mineEmpty")}</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("deviations.number")}</th>
              <th scope="col">{t("deviations.partnership")}</th>
              <th scope="col">{t("deviations.eventDate")}</th>
              <th scope="col">{t("deviations.category")}</th>
              <th scope="col">{t("deviations.status")}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/deviations/${d.id}`}>{t("deviations.caseTitle", { number: d.number })}</Link>
                </td>
                <td>{d.partnershipName}</td>
                <td>{formatDate(d.eventDate, i18n.language)}</td>
                <td>{t(`deviations.categories.${d.category}`)}</td>
                <td>
                  <span className={`badge badge--dev-${d.status}`}>{t(`deviations.statuses.${d.status}`)}</span>
                  {d.closingOutcome ? ` – ${t(`deviations.closingOutcomes.${d.closingOutcome}`)}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination {...result} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
