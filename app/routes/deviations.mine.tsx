import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EmptyState, Pagination } from "~/components/list";
import { requireUser } from "~/features/auth/auth.server";
import { CaseTable } from "~/features/deviations/case-table";
import { myReports } from "~/features/deviations/deviations.server";
import { readListParams } from "~/lib/pagination";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("deviations.mine");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { result: await myReports(getDb(), user, readListParams(request).page) };
}

export default function MyReports() {
  const { t } = useTranslation();
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
        <CaseTable
          rows={result.items.map((d) => ({
            ...d,
            text: d.summary || d.description,
            statusNote: d.closingOutcome ? t(`deviations.closingOutcomes.${d.closingOutcome}`) : undefined,
          }))}
        />
      )}
      <Pagination {...result} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
