import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { hasRole, requireUser } from "~/features/auth/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, isAdmin: hasRole(user, "admin") };
}

export default function Start() {
  const { t } = useTranslation();
  const { name, isAdmin } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("start.welcome", { name })}</h1>
      <p className="lead">{t("start.intro")}</p>
      {isAdmin ? (
        <section className="card" aria-labelledby="admin-heading">
          <h2 id="admin-heading">{t("nav.admin")}</h2>
          <p>{t("start.adminIntro")}</p>
          <Link to="/admin" className="button button--secondary">
            {t("start.goToAdmin")}
          </Link>
        </section>
      ) : (
        <p className="empty-state">{t("start.nothingYet")}</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
