import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SubmitButton, TextField, useAppForm } from "~/components/forms";
import { PrintButton } from "~/components/print-button";
import { requirePermission } from "~/features/auth/auth.server";
import { parsePeriod } from "~/features/summaries/periods";
import { fieldMessages, freezeSchema } from "~/features/summaries/summaries.schema";
import { freezeSummary } from "~/features/summaries/snapshots.server";
import { SummaryView } from "~/features/summaries/summary-view";
import { workingSummary } from "~/features/summaries/working-summary.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply, invariantResponse } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";
import { formatDateTime, todayInStockholm } from "~/lib/time";

export const meta = pageTitle("summaries.working");

async function authorise(request: Request, params: { partnershipId?: string; period?: string }) {
  const partnershipId = params.partnershipId ?? "";
  const user = await requirePermission(request, "summaries:prepare", partnershipId);
  const period = parsePeriod(params.period ?? "");
  invariantResponse(period);
  return { user, partnershipId, period };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, partnershipId, period } = await authorise(request, params);
  const result = await workingSummary(getDb(), user, partnershipId, period);
  invariantResponse(result.ok);
  return result.value;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, partnershipId, period } = await authorise(request, params);
  const t = await getT(request);
  const submission = parseWithZod(await request.formData(), { schema: freezeSchema(t) });
  if (submission.status !== "success") return formReply("freeze", submission.reply());
  const result = await freezeSummary(getDb(), user, { partnershipId, period, ...submission.value });
  if (!result.ok) {
    invariantResponse(result.error !== "not_found");
    return formReply("freeze", submission.reply({ fieldErrors: fieldMessages(t, result.fields) }));
  }
  return redirectWithFlash(`/reports/snapshots/${result.value.id}`, { kind: "success", key: "summaries.frozen" });
}

export default function WorkingSummary() {
  const { t, i18n } = useTranslation();
  const { partnership, figures } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm<{ meetingName: string; meetingDate: string }>({
    intent: "freeze",
    defaultValue: { meetingDate: todayInStockholm() },
  });
  return (
    <article className="report">
      <p className="no-print">
        <Link to="/reports">{t("summaries.title")}</Link> <PrintButton label={t("summaries.print")} />
      </p>
      <h1>{t("summaries.forPartnership", { partnership: partnership.name, period: figures.period.label })}</h1>
      <p className="report__meta">
        {t("summaries.working")} · {figures.period.start} – {figures.period.end} ·{" "}
        {t("summaries.computedAt", { time: formatDateTime(figures.computedAt, i18n.language) })} ·{" "}
        {t(`partnershipKinds.${partnership.kind}`)}
      </p>
      <section className="card no-print" aria-labelledby="freeze-heading">
        <h2 id="freeze-heading">{t("summaries.freeze")}</h2>
        <p className="field__help">{t("summaries.freezeHint")}</p>
        <Form method="post" {...getFormProps(form)} className="field-row">
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField meta={fields.meetingName} label={t("summaries.meetingName")} required />
          <TextField meta={fields.meetingDate} label={t("summaries.meetingDate")} type="date" required />
          <div className="field-row__button">
            <SubmitButton>{t("summaries.freeze")}</SubmitButton>
          </div>
        </Form>
      </section>
      <SummaryView figures={figures} csvHref={`/reports/${partnership.id}/${figures.period.key}/`} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
