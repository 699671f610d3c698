import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { EmptyState, Pagination } from "~/components/list";
import { requirePermission } from "~/features/auth/auth.server";
import { adminOutbox } from "~/features/auth/outbox.server";
import { readListParams } from "~/lib/pagination";
import { formatDateTime } from "~/lib/time";

// E-mail kept when no SMTP server is configured. The messages are written to carry no plan
// content (see app/lib/mail.server.ts); those that carry a password link show no body here.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "admin:manage");
  const { page } = readListParams(request);
  return { result: await adminOutbox(getDb(), user, page) };
}

export default function Outbox() {
  const { t, i18n } = useTranslation();
  const { result } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("meetings.outbox.title")}</h1>
      <p className="lead">{t("meetings.outbox.intro")}</p>
      {result.total === 0 ? (
        <EmptyState>{t("meetings.outbox.none")}</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("meetings.outbox.created")}</th>
              <th scope="col">{t("meetings.outbox.to")}</th>
              <th scope="col">{t("meetings.outbox.subject")}</th>
              <th scope="col">{t("meetings.outbox.delivery")}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((m) => (
              <tr key={m.id}>
                <td>{formatDateTime(m.created_at, i18n.language)}</td>
                <td>{m.to_address}</td>
                <td>
                  <details>
                    <summary>{m.subject}</summary>
                    {m.bodyHidden ? (
                      <p className="muted">{t("admin.outboxHiddenBody")}</p>
                    ) : (
                      <>
                        <p className="visually-hidden">{t("meetings.outbox.body")}</p>
                        <pre className="outbox__text">{m.text_body}</pre>
                        {m.ics ? (
                          <>
                            <p>
                              <strong>{t("meetings.outbox.calendar", { method: m.ics_method ?? "" })}</strong>
                            </p>
                            <pre className="outbox__text">{m.ics}</pre>
                          </>
                        ) : null}
                      </>
                    )}
                  </details>
                </td>
                <td>{t(`meetings.outbox.deliveries.${m.delivery}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination {...result} />
    </>
  );
}
