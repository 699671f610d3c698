import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { EmptyState, Pagination, SearchForm } from "~/components/list";
import { requirePermission } from "~/features/auth/auth.server";
import { searchOrganisations } from "~/features/organisations/organisations.server";
import { readListParams } from "~/lib/pagination";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.organisations");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  const params = readListParams(request);
  return { q: params.q, result: await searchOrganisations(getDb(), params) };
}

export default function Organisations() {
  const { t } = useTranslation();
  const { q, result } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-heading">
        <h1>{t("admin.organisations")}</h1>
        <Link to="new" className="button button--primary">
          {t("admin.newOrganisation")}
        </Link>
      </div>
      <SearchForm q={q} label={t("common.searchLabel")} />
      {result.total === 0 ? (
        <EmptyState>{q ? t("admin.noMatches", { q }) : t("admin.noOrganisations")}</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.kind")}</th>
              <th scope="col">{t("admin.memberships")}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link to={o.id}>{o.name}</Link>
                </td>
                <td>{t(`organisationKinds.${o.kind}`)}</td>
                <td>{o.partnerships.join(", ") || t("common.none")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination {...result} />
    </>
  );
}
