import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EmptyState } from "~/components/list";
import { requireUser } from "~/features/auth/auth.server";
import { notificationText } from "~/features/notifications/notification-kinds";
import { listNotifications, markAllRead } from "~/features/notifications/notifications.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDateTime } from "~/lib/time";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("notifications.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { notifications: await listNotifications(getDb(), user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await markAllRead(getDb(), user);
  return redirectWithFlash("/notifications", { kind: "success", key: "common.saved" });
}

export default function Notifications() {
  const { t, i18n } = useTranslation();
  const { notifications } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-heading">
        <h1>{t("notifications.title")}</h1>
        {notifications.some((n) => !n.readAt) ? (
          <Form method="post">
            <button type="submit" className="button button--secondary">
              {t("notifications.markRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {notifications.length === 0 ? (
        <EmptyState>{t("notifications.empty")}</EmptyState>
      ) : (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.readAt ? undefined : "notification--unread"}>
              <Link to={n.link}>{notificationText(t, n.kind)}</Link>{" "}
              <span className="muted">{formatDateTime(n.createdAt, i18n.language)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
