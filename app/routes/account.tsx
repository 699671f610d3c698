import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/features/auth/auth.server";
import { accountOverview } from "~/features/users/users.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("auth.accountTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return accountOverview(getDb(), user);
}

export default function Account() {
  const { t } = useTranslation();
  const account = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("auth.accountTitle")}</h1>
      <dl className="facts">
        <dt>{t("admin.name")}</dt>
        <dd>{account.name}</dd>
        <dt>{t("auth.email")}</dt>
        <dd>{account.email}</dd>
        <dt>{t("auth.organisation")}</dt>
        <dd>{account.organisationName}</dd>
        <dt>{t("auth.yourRoles")}</dt>
        <dd>
          <ul className="plain-list">
            {account.grants.map((g) => (
              <li key={`${g.role}-${g.partnership ?? ""}`}>
                {t(`roles.${g.role}`)}
                {g.partnership ? ` – ${g.partnership}` : ""}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <p>
        <Link to="/account/password" className="button button--secondary">
          {t("auth.changePasswordTitle")}
        </Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
