import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/features/auth/auth.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.title");

// Every admin child route checks the role itself too: loaders run in parallel.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  return null;
}

export default function AdminLayout() {
  const { t } = useTranslation();
  return (
    <div className="admin">
      <nav aria-label={t("admin.title")} className="sub-nav">
        <ul>
          <li>
            <NavLink to="/admin" end>
              {t("admin.title")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/partnerships">{t("admin.partnerships")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/organisations">{t("admin.organisations")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/users">{t("admin.users")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/outbox">{t("meetings.outbox.title")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/retention">{t("retention.title")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
