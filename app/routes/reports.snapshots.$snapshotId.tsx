import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton, TextareaField, useAppForm, useReplyFor } from "~/components/forms";
import { PrintButton } from "~/components/print-button";
import { requireUser } from "~/features/auth/auth.server";
import { readSnapshot } from "~/features/summaries/snapshot-queries.server";
import { releaseSnapshot, retractSnapshot } from "~/features/summaries/snapshots.server";
import { fieldMessages, retractSchema } from "~/features/summaries/summaries.schema";
import { SummaryView } from "~/features/summaries/summary-view";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply, invariantResponse } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";
import { formatDate, formatDateTime } from "~/lib/time";

export const meta = pageTitle("summaries.snapshots");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const result = await readSnapshot(getDb(), user, params.snapshotId ?? "");
  invariantResponse(result.ok);
  return result.value;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.snapshotId ?? "";
  const here = `/reports/snapshots/${id}`;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "release") {
    const result = await releaseSnapshot(getDb(), user, id);
    if (!result.ok) {
      invariantResponse(result.error !== "not_found");
      return redirectWithFlash(here, { kind: "error", key: "summaries.retractedCannotRelease" });
    }
    return redirectWithFlash(here, { kind: "success", key: "summaries.releasedNotice" });
  }
  invariantResponse(intent === "retract", 400, "Bad Request");
  const t = await getT(request);
  const submission = parseWithZod(formData, { schema: retractSchema(t) });
  if (submission.status !== "success") return formReply("retract", submission.reply());
  const result = await retractSnapshot(getDb(), user, id, submission.value.reason);
  if (!result.ok) {
    invariantResponse(result.error !== "not_found");
    return formReply("retract", submission.reply({ fieldErrors: fieldMessages(t, result.fields) }));
  }
  return redirectWithFlash(here, { kind: "success", key: "summaries.retractedNotice" });
}

function RetractForm() {
  const { t } = useTranslation();
  const reply = useReplyFor("retract");
  const [form, fields] = useAppForm<{ reason: string }>({ intent: "retract" });
  return (
    // Stays open when the server sends the form back, so its error is seen.
    <details open={reply ? true : undefined}>
      <summary>{t("summaries.retract")}</summary>
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="retract" />
        <TextareaField meta={fields.reason} label={t("summaries.retractReason")} rows={2} required />
        <SubmitButton variant="danger">{t("summaries.retract")}</SubmitButton>
      </Form>
    </details>
  );
}

export default function SnapshotPage() {
  const { t, i18n } = useTranslation();
  const { snapshot, mayManage } = useLoaderData<typeof loader>();
  return (
    <article className="report">
      <p className="no-print">
        <Link to="/reports">{t("summaries.title")}</Link> <PrintButton label={t("summaries.print")} />
      </p>
      <h1>{t("summaries.forPartnership", { partnership: snapshot.partnershipName, period: snapshot.periodLabel })}</h1>
      <p className="report__meta">
        {t("summaries.frozenAt", {
          time: formatDateTime(snapshot.createdAt, i18n.language),
          name: snapshot.createdByName,
          meeting: snapshot.meetingName,
          date: formatDate(snapshot.meetingDate, i18n.language),
        })}{" "}
        {snapshot.releasedAt ? (
          <span className="badge badge--active">{t("summaries.released")}</span>
        ) : (
          <span className="badge badge--draft">{t("summaries.notReleased")}</span>
        )}
      </p>
      {snapshot.retractedAt ? (
        <p className="flash flash--error" role="status">
          {t("summaries.retractedBanner", {
            date: formatDate(snapshot.retractedAt, i18n.language),
            reason: snapshot.retractionReason ?? "",
          })}
        </p>
      ) : null}
      {mayManage && !snapshot.retractedAt ? (
        <section className="card no-print" aria-labelledby="snapshot-actions">
          <h2 id="snapshot-actions">{t("summaries.release")}</h2>
          <div className="button-row">
            {!snapshot.releasedAt ? (
              <Form method="post">
                <input type="hidden" name="intent" value="release" />
                <SubmitButton>{t("summaries.release")}</SubmitButton>
              </Form>
            ) : null}
            <RetractForm />
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
