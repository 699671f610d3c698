import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms";
import { PrintButton } from "~/components/print-button";
import { requireUser } from "~/features/auth/auth.server";
import { actorOf } from "~/features/access/current-user";
import { can } from "~/features/access/policy";
import { audit } from "~/features/audit/audit.server";
import { releaseSnapshot, withdrawSnapshot } from "~/features/summaries/snapshots.server";
import { requireCoordinatorOf, requireReadableSnapshot } from "~/features/summaries/summary-access.server";
import { SummaryView } from "~/features/summaries/summary-view";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/meta";
import { formatDate, formatDateTime } from "~/lib/time";

export const meta = pageTitle("summaries.snapshots");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const snapshot = await requireReadableSnapshot(db, user, params.snapshotId ?? "");
  await audit(db, {
    actor: actorOf(user),
    action: "summary.read",
    recordType: "summary_snapshot",
    recordId: snapshot.id,
  });
  return { snapshot, isCoordinator: can(user, "summaries:prepare", snapshot.partnership_id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const snapshot = await requireReadableSnapshot(db, user, params.snapshotId ?? "");
  requireCoordinatorOf(user, snapshot.partnership_id);
  const form = await request.formData();
  const here = `/reports/snapshots/${snapshot.id}`;
  if (form.get("intent") === "release") {
    await releaseSnapshot(db, user, snapshot.id);
    return redirectWithFlash(here, { kind: "success", key: "summaries.releasedNotice" });
  }
  if (form.get("intent") === "withdraw") {
    const reason = String(form.get("reason") ?? "").trim();
    if (!reason)
      return redirectWithFlash(here, { kind: "error", key: "validation.required", values: { field: "skäl" } });
    await withdrawSnapshot(db, user, snapshot.id, reason.slice(0, 1000));
    return redirectWithFlash(here, { kind: "success", key: "summaries.withdrawnNotice" });
  }
  return redirectWithFlash(here, { kind: "error", key: "errors.serverErrorTitle" });
}

export default function SnapshotPage() {
  const { t, i18n } = useTranslation();
  const { snapshot, isCoordinator } = useLoaderData<typeof loader>();
  return (
    <article className="report">
      <p className="no-print">
        <Link to="/reports">{t("summaries.title")}</Link> <PrintButton label={t("summaries.print")} />
      </p>
      <h1>
        {t("summaries.forPartnership", { partnership: snapshot.partnership_name, period: snapshot.period_label })}
      </h1>
      <p className="report__meta">
        {t("summaries.frozenAt", {
          time: formatDateTime(snapshot.created_at, i18n.language),
          name: snapshot.created_by_name,
          meeting: snapshot.meeting_name,
          date: formatDate(snapshot.meeting_date, i18n.language),
        })}{" "}
        {snapshot.released_at ? (
          <span className="badge badge--active">{t("summaries.released")}</span>
        ) : (
          <span className="badge badge--draft">{t("summaries.notReleased")}</span>
        )}
      </p>
      {snapshot.withdrawn_at ? (
        <p className="flash flash--error" role="status">
          {t("summaries.withdrawnBanner", {
            date: formatDate(snapshot.withdrawn_at, i18n.language),
            reason: snapshot.withdrawal_reason ?? "",
          })}
        </p>
      ) : null}
      {isCoordinator && !snapshot.withdrawn_at ? (
        <section className="card no-print" aria-labelledby="snapshot-actions">
          <h2 id="snapshot-actions">{t("summaries.release")}</h2>
          <div className="button-row">
            {!snapshot.released_at ? (
              <Form method="post">
                <input type="hidden" name="intent" value="release" />
                <SubmitButton>{t("summaries.release")}</SubmitButton>
              </Form>
            ) : null}
            <details>
              <summary>{t("summaries.withdraw")}</summary>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="withdraw" />
                <div className="field">
                  <label htmlFor="withdraw-reason">{t("summaries.withdrawReason")}</label>
                  <textarea id="withdraw-reason" name="reason" rows={2} required />
                </div>
                <SubmitButton variant="danger">{t("summaries.withdraw")}</SubmitButton>
              </Form>
            </details>
          </div>
        </section>
      ) : null}
      <SummaryView figures={snapshot.figures} csvHref={`/reports/snapshots/${snapshot.id}/`} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
