import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton } from "~/components/print-button";
import { requireUser } from "~/features/auth/auth.server";
import { actorOf } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { requireReadableSnapshot } from "~/features/summaries/summary-access.server";
import { formatCell, summaryTables } from "~/features/summaries/summary-tables";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("summaries.compareTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const db = getDb();
  const a = await requireReadableSnapshot(db, user, url.searchParams.get("a") ?? "");
  const b = await requireReadableSnapshot(db, user, url.searchParams.get("b") ?? "");
  for (const s of [a, b])
    await audit(db, { actor: actorOf(user), action: "summary.read", recordType: "summary_snapshot", recordId: s.id });
  return { a, b };
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
        {t("summaries.compareTitle")}: {a.period_label} / {b.period_label}
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
                    {a.period_label} ({a.meeting_name})
                  </th>
                  <th scope="col" className="num">
                    {b.period_label} ({b.meeting_name})
                  </th>
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, i) => (
                  <tr key={row.label}>
                    <th scope="row">{row.label}</th>
                    <td className="num">{formatCell(row.value, a.figures.k)}</td>
                    <td className="num">{formatCell(other?.rows[i]?.value, b.figures.k)}</td>
                  </tr>
                ))}
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
