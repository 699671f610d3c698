import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EmptyState } from "~/components/list";
import { requireUser } from "~/features/auth/auth.server";
import { dueText, notificationText, subjectText } from "~/features/notifications/notification-kinds";
import { listNotifications, markAllRead, markOneRead } from "~/features/notifications/notifications.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { invariantResponse } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { addDays, formatDate, formatTime, todayInStockholm } from "~/lib/time";

export const meta = pageTitle("notifications.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { notifications: await listNotifications(getDb(), user), today: todayInStockholm() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "read-one") {
    const id = form.get("id");
    invariantResponse(typeof id === "string" && id.length > 0 && id.length <= 64, 400, "Bad Request");
    await markOneRead(getDb(), user, id);
  } else {
    await markAllRead(getDb(), user);
  }
  return redirectWithFlash("/notifications", { kind: "success", key: "common.saved" });
}

type Item = Awaited<ReturnType<typeof loader>>["notifications"][number];

/** Newest day first; each day's notifications newest first, as they come from the loader. */
function byDay(items: Item[]): [string, Item[]][] {
  const days = new Map<string, Item[]>();
  for (const n of items) {
    const day = todayInStockholm(new Date(n.createdAt));
    days.set(day, [...(days.get(day) ?? []), n]);
  }
  return [...days];
}

export default function Notifications() {
  const { t, i18n } = useTranslation();
  const { notifications, today } = useLoaderData<typeof loader>();
  const dayLabel = (day: string) =>
    day === today
      ? t("notifications.today")
      : day === addDays(today, -1)
        ? t("notifications.yesterday")
        : formatDate(day, i18n.language);
  return (
    <>
      <div className="page-heading">
        <h1>{t("notifications.title")}</h1>
        {notifications.some((n) => !n.readAt) ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <button type="submit" className="button button--secondary">
              {t("notifications.markRead")}
            </button>
          </Form>
        ) : null}
      </div>
      <p>
        <Link to="/notifications/settings">{t("notifications.settings.link")}</Link>
      </p>
      {notifications.length === 0 ? (
        <EmptyState>{t("notifications.empty")}</EmptyState>
      ) : (
        byDay(notifications).map(([day, items]) => (
          <section key={day} aria-labelledby={`day-${day}`}>
            <h2 id={`day-${day}`} className="notification-day">
              {dayLabel(day)}
            </h2>
            <ul className="notification-list">
              {items.map((n) => {
                const subject = subjectText(t, n.subject);
                return (
                  <li key={n.id} className={n.readAt ? undefined : "notification--unread"}>
                    <div className="notification__text">
                      {n.readAt ? null : <span className="visually-hidden">{t("notifications.unreadLabel")}: </span>}
                      <Link to={n.link}>{notificationText(t, n.kind)}</Link>
                      <span className="notification__meta">
                        {subject ? <span>{subject}</span> : null}
                        {n.subject?.dueOn ? (
                          <span>{dueText(t, n.kind, n.subject.type, formatDate(n.subject.dueOn, i18n.language))}</span>
                        ) : null}
                        <span className="muted">{formatTime(n.createdAt, i18n.language)}</span>
                      </span>
                    </div>
                    {n.readAt ? null : (
                      <Form method="post" className="notification__read">
                        <input type="hidden" name="intent" value="read-one" />
                        <input type="hidden" name="id" value={n.id} />
                        <button type="submit" className="button button--small button--secondary">
                          {t("notifications.markOneRead")}
                        </button>
                      </Form>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        ))
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
