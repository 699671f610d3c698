import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { EmptyState, Pagination, SearchForm } from "~/components/list";
import { requirePermission } from "~/features/auth/auth.server";
import { listAllOrganisations } from "~/features/organisations/organisations.server";
import { searchUsers } from "~/features/users/users.server";
import { readListParams } from "~/lib/pagination";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.users");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  const params = readListParams(request);
  const organisationId = new URL(request.url).searchParams.get("organisationId") || undefined;
  const db = getDb();
  return {
    q: params.q,
    organisationId: organisationId ?? "",
    organisations: await listAllOrganisations(db),
    result: await searchUsers(db, { ...params, organisationId }),
  };
}

export default function Users() {
  const { t } = useTranslation();
  const { q, organisationId, organisations, result } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-heading">
        <h1>{t("admin.users")}</h1>
        <Link to="new" className="button button--primary">
          {t("admin.newUser")}
        </Link>
      </div>
      <SearchForm q={q} label={t("common.searchLabel")}>
        <div className="field">
          <label htmlFor="organisation-filter">{t("admin.filterOrganisation")}</label>
          <select id="organisation-filter" name="organisationId" defaultValue={organisationId}>
            <option value="">{t("admin.allOrganisations")}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      </SearchForm>
      {result.total === 0 ? (
        <EmptyState>{q ? t("admin.noMatches", { q }) : t("admin.noUsers")}</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.email")}</th>
              <th scope="col">{t("admin.organisation")}</th>
              <th scope="col">{t("admin.roles")}</th>
              <th scope="col">{t("admin.status")}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={u.id}>{u.name}</Link>
                </td>
                <td>{u.email}</td>
                <td>{u.organisationName}</td>
                <td>{u.roles.map((r) => t(`roles.${r}`)).join(", ") || t("common.none")}</td>
                <td>
                  {u.disabled ? <span className="badge badge--muted">{t("admin.disabled")}</span> : t("admin.active")}
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
