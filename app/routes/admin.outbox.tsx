import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { EmptyState, Pagination } from "~/components/list";
import { requirePermission } from "~/features/auth/auth.server";
import { actorOf } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { listOutbox } from "~/lib/mail.server";
import { readListParams } from "~/lib/pagination";
import { formatDateTime } from "~/lib/time";

// E-mail kept when no SMTP server is configured. Admins see exactly what the e-mail holds:
// the messages are written to carry no plan content (see app/lib/mail.server.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "admin:manage");
  const { page } = readListParams(request);
  const db = getDb();
  const result = await listOutbox(db, page);
  await audit(db, { actor: actorOf(user), action: "outbox.read", recordType: "outbox", details: { page } });
  return { result };
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
