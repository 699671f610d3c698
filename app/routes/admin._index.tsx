import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/features/auth/auth.server";
import { organisationsWithProvider } from "~/features/identity/providers.server";
import { adminOverview } from "~/features/organisations/organisations.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  const counts = await adminOverview(getDb());
  // Configured by the operators (docs/decisions/0019-e-legitimation-and-second-factor.md): shown, never editable.
  return { ...counts, withProvider: organisationsWithProvider() };
}

export default function AdminIndex() {
  const { t } = useTranslation();
  const counts = useLoaderData<typeof loader>();
  const cards = [
    { to: "/admin/partnerships", label: t("admin.partnerships"), n: counts.partnerships },
    { to: "/admin/organisations", label: t("admin.organisations"), n: counts.organisations },
    { to: "/admin/users", label: t("admin.users"), n: counts.users },
  ];
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <p className="lead">{t("admin.intro")}</p>
      <ul className="card-grid">
        {cards.map((c) => (
          <li key={c.to} className="card">
            <h2>
              <Link to={c.to}>{c.label}</Link>
            </h2>
            <p className="big-number">{c.n}</p>
          </li>
        ))}
      </ul>
      <section aria-labelledby="eid-title">
        <h2 id="eid-title">{t("identity.providersTitle")}</h2>
        {counts.withProvider.length > 0 ? (
          <>
            <p>{t("identity.providersIntro")}</p>
            <ul>
              {counts.withProvider.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t("identity.providerNone")}</p>
        )}
      </section>
    </>
  );
}
