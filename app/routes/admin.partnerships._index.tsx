import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { EmptyState, Pagination, SearchForm } from "~/components/list";
import { requirePermission } from "~/features/auth/auth.server";
import { searchPartnerships } from "~/features/organisations/organisations.server";
import { readListParams } from "~/lib/pagination";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.partnerships");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  const params = readListParams(request);
  return { q: params.q, result: await searchPartnerships(getDb(), params) };
}

export default function Partnerships() {
  const { t } = useTranslation();
  const { q, result } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-heading">
        <h1>{t("admin.partnerships")}</h1>
        <Link to="new" className="button button--primary">
          {t("admin.newPartnership")}
        </Link>
      </div>
      <SearchForm q={q} label={t("common.searchLabel")} />
      {result.total === 0 ? (
        <EmptyState>{q ? t("admin.noMatches", { q }) : t("admin.noPartnerships")}</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.memberCount")}</th>
              <th scope="col">{t("admin.partnershipKind")}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={p.id}>{p.name}</Link>
                </td>
                <td>{p.memberCount}</td>
                <td>{t(`partnershipKinds.${p.kind}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination {...result} />
    </>
  );
}
