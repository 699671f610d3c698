import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SubmitButton, TextField } from "~/components/forms";
import { PrintButton } from "~/components/print-button";
import { requireUser } from "~/features/auth/auth.server";
import { actorOf } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { parsePeriod } from "~/features/summaries/periods";
import { freezeSnapshot } from "~/features/summaries/snapshots.server";
import { computeSummary } from "~/features/summaries/summaries.server";
import { requireCoordinatorOf } from "~/features/summaries/summary-access.server";
import { SummaryView } from "~/features/summaries/summary-view";
import { redirectWithFlash } from "~/lib/flash.server";
import { notFound } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";
import { formatDateTime, isIsoDate, todayInStockholm } from "~/lib/time";
import { requiredText } from "~/lib/validation";
import type { TFunction } from "i18next";

export const meta = pageTitle("summaries.working");

async function load(request: Request, params: { partnershipId?: string; period?: string }) {
  const user = await requireUser(request);
  const partnershipId = params.partnershipId ?? "";
  requireCoordinatorOf(user, partnershipId);
  const period = parsePeriod(params.period ?? "");
  if (!period) throw notFound();
  const db = getDb();
  const partnership = await db
    .selectFrom("partnerships")
    .select(["id", "name"])
    .where("id", "=", partnershipId)
    .executeTakeFirst();
  if (!partnership) throw notFound();
  return { user, db, partnership, period };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, partnership, period } = await load(request, params);
  const figures = await computeSummary(db, partnership.id, period);
  await audit(db, {
    actor: actorOf(user),
    action: "summary.compute",
    recordType: "summary",
    recordId: null,
    details: { period: period.key },
  });
  return { partnership, figures };
}

function freezeSchema(t: TFunction) {
  return z.object({
    meetingName: requiredText(t, t("summaries.meetingName"), { max: 150 }),
    meetingDate: z
      .string({ required_error: t("validation.required", { field: t("summaries.meetingDate").toLowerCase() }) })
      .refine(isIsoDate, t("validation.date", { field: t("summaries.meetingDate").toLowerCase() })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, partnership, period } = await load(request, params);
  const t = await getT(request);
  const submission = parseWithZod(await request.formData(), { schema: freezeSchema(t) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const figures = await computeSummary(db, partnership.id, period);
  const id = await freezeSnapshot(db, user, { partnershipId: partnership.id, figures, ...submission.value });
  return redirectWithFlash(`/reports/snapshots/${id}`, { kind: "success", key: "summaries.frozen" });
}

export default function WorkingSummary() {
  const { t, i18n } = useTranslation();
  const { partnership, figures } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const schema = freezeSchema(t);
  const [form, fields] = useForm({
    id: "freeze",
    lastResult,
    defaultValue: { meetingDate: todayInStockholm() },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <article className="report">
      <p className="no-print">
        <Link to="/reports">{t("summaries.title")}</Link> <PrintButton label={t("summaries.print")} />
      </p>
      <h1>{t("summaries.forPartnership", { partnership: partnership.name, period: figures.period.label })}</h1>
      <p className="report__meta">
        {t("summaries.working")} · {figures.period.start} – {figures.period.end} ·{" "}
        {t("summaries.computedAt", { time: formatDateTime(figures.computedAt, i18n.language) })}
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
