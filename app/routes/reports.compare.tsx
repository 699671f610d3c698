import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton } from "~/components/print-button";
import { requireUser } from "~/features/auth/auth.server";
import { compareSnapshots } from "~/features/summaries/snapshot-queries.server";
import { formatCell, summaryTables } from "~/features/summaries/summary-tables";
import { invariantResponse } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("summaries.compareTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const ids = { a: url.searchParams.get("a") ?? "", b: url.searchParams.get("b") ?? "" };
  const result = await compareSnapshots(getDb(), user, ids);
  invariantResponse(result.ok);
  return result.value;
}

export default function Compare() {
  const { t, i18n } = useTranslation();
  const { a, b } = useLoaderData<typeof loader>();
  const tablesA = summaryTables(a.figures, t, i18n.language);
  const tablesB = new Map(summaryTables(b.figures, t, i18n.language).map((tb) => [tb.id, tb]));
  return (
    <article className="report">
      <p className="no-print">
        <Link to="/reports">{t("summaries.title")}</Link> <PrintButton label={t("summaries.print")} />
      </p>
      <h1>
        {t("summaries.compareTitle")}: {a.periodLabel} / {b.periodLabel}
      </h1>
      {a.id === b.id ? <p className="notice">{t("summaries.chooseTwo")}</p> : null}
      {tablesA
        .filter((table) => table.id !== "trend")
        .map((table) => {
          const other = tablesB.get(table.id);
          return (
            <table key={table.id} className="table table--compact compare-table">
              <caption>{table.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("summaries.figure")}</th>
                  <th scope="col" className="num">
                    {a.periodLabel} ({a.meetingName})
                  </th>
                  <th scope="col" className="num">
                    {b.periodLabel} ({b.meetingName})
                  </th>
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, i) => {
                  // Matched by label (rows naming their period match by place): a snapshot frozen
                  // before a figure existed, or with another list of insats types, lacks the row,
                  // which is then shown as not available rather than as a small number.
                  const otherRow =
                    other?.rows.find((r) => r.label === row.label) ??
                    (other?.rows.length === table.rows.length ? other.rows[i] : undefined);
                  return (
                    <tr key={row.label}>
                      <th scope="row">{row.label}</th>
                      <td className="num">{formatCell(row.value, a.figures.k)}</td>
                      <td className="num">
                        {otherRow ? formatCell(otherRow.value, b.figures.k) : t("summaries.notAvailable")}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          );
        })}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
