import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { IMPROVEMENT_STATUSES } from "#db/schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  FormErrors,
  RadioGroup,
  SubmitButton,
  TextareaField,
  TextField,
  useAppForm,
  useReplyFor,
} from "~/components/forms";
import { requireUser } from "~/features/auth/auth.server";
import { updateSchema } from "~/features/improvements/improvements.schema";
import { improvementPage } from "~/features/improvements/lists.server";
import { updateImprovement, type CurrentValues } from "~/features/improvements/register.server";
import { personalDataErrors } from "~/features/privacy/messages";
import type { PersonalDataFindings } from "~/features/privacy/personal-data.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply, invariantResponse } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";
import { formatDate, formatDateTime } from "~/lib/time";

export const meta = pageTitle("improvements.title");

const INTENT = "follow-up";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const result = await improvementPage(getDb(), user, params.improvementId ?? "");
  invariantResponse(result.ok);
  return result.value;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getT(request);
  const id = params.improvementId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: updateSchema(t) });
  if (submission.status !== "success") return formReply(INTENT, submission.reply());
  const result = await updateImprovement(getDb(), user, id, submission.value);
  if (result.ok) return redirectWithFlash(`/improvements/${id}`, { kind: "success", key: "improvements.updated" });
  invariantResponse(result.error !== "not_found");
  if (result.error === "conflict")
    return formReply(INTENT, submission.reply({ formErrors: [t("improvements.conflict")] }), {
      status: 409,
      detail: result.detail as CurrentValues,
    });
  return formReply(
    INTENT,
    submission.reply({
      fieldErrors: personalDataErrors(
        t,
        (result.detail ?? {}) as PersonalDataFindings,
        t("improvements.personalDataWhy"),
      ),
    }),
  );
}

export default function ImprovementPage() {
  const { t, i18n } = useTranslation();
  const { improvement: i } = useLoaderData<typeof loader>();
  const reply = useReplyFor<CurrentValues>(INTENT);
  const current = reply?.detail;
  const [form, fields] = useAppForm<{ version: string; status: string; statusNote: string; dueDate: string }>({
    intent: INTENT,
    // A new version starts the form afresh; after a conflict it keeps what the user typed.
    id: `${INTENT}-${i.version}`,
    defaultValue: { version: String(i.version), status: i.status, statusNote: i.statusNote, dueDate: i.dueDate },
  });
  return (
    <article className="narrow narrow--wide">
      <p className="no-print">
        <Link to="/improvements">{t("improvements.registerTitle")}</Link>
      </p>
      <h1>{i.title}</h1>
      <p>
        <span className={`badge ${i.status === "open" ? "badge--active" : "badge--draft"}`}>
          {t(`improvements.statuses.${i.status}`)}
        </span>
        {i.overdue ? (
          <>
            {" "}
            <span className="badge badge--warning">{t("improvements.overdue")}</span>
          </>
        ) : null}
      </p>
      <dl className="facts">
        <dt>{t("improvements.partnership")}</dt>
        <dd>{i.partnershipName}</dd>
        <dt>{t("improvements.ownerOrganisation")}</dt>
        <dd>{i.ownerOrganisationName}</dd>
        <dt>{t("improvements.ownerContact")}</dt>
        <dd>{i.ownerContactName ?? t("improvements.noContact")}</dd>
        <dt>{t("improvements.dueDate")}</dt>
        <dd>{formatDate(i.dueDate, i18n.language)}</dd>
        <dt>{t("improvements.categories")}</dt>
        <dd>{i.categories.map((c) => t(`deviations.categories.${c}`)).join(", ")}</dd>
        <dt>{t("improvements.source")}</dt>
        <dd>
          {t(`improvements.sources.${i.sourceKind}`)}
          {i.sourceCase ? (
            <>
              {" – "}
              <Link to={`/deviations/${i.sourceCase.id}`}>
                {t("improvements.fromCase", { number: i.sourceCase.number })}
              </Link>
            </>
          ) : null}
        </dd>
        {i.description ? (
          <>
            <dt>{t("improvements.description")}</dt>
            <dd className="preserve-lines">{i.description}</dd>
          </>
        ) : null}
        {i.statusNote ? (
          <>
            <dt>{t("improvements.statusNote")}</dt>
            <dd className="preserve-lines">{i.statusNote}</dd>
          </>
        ) : null}
        {i.doneAt ? (
          <>
            <dt>{t("improvements.statuses.done")}</dt>
            <dd>{formatDateTime(i.doneAt, i18n.language)}</dd>
          </>
        ) : null}
        {i.droppedAt ? (
          <>
            <dt>{t("improvements.statuses.dropped")}</dt>
            <dd>{formatDateTime(i.droppedAt, i18n.language)}</dd>
          </>
        ) : null}
      </dl>
      <p className="muted">{t("improvements.lastChanged", { time: formatDateTime(i.updatedAt, i18n.language) })}</p>

      <section className="card" aria-labelledby="follow-up-heading">
        <h2 id="follow-up-heading">{t("improvements.followUp")}</h2>
        {current ? (
          <div className="flash flash--error" role="status">
            <p>{t("improvements.currentValues")}:</p>
            <ul>
              <li>
                {t("improvements.status")}: {t(`improvements.statuses.${current.status}`)}
              </li>
              <li>
                {t("improvements.dueDate")}: {formatDate(current.dueDate, i18n.language)}
              </li>
              <li>
                {t("improvements.statusNote")}: {current.statusNote || "–"}
              </li>
            </ul>
          </div>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="version" value={String(current?.version ?? i.version)} />
          <RadioGroup
            meta={fields.status}
            legend={t("improvements.status")}
            required
            options={IMPROVEMENT_STATUSES.map((s) => ({ value: s, label: t(`improvements.statuses.${s}`) }))}
          />
          <TextareaField meta={fields.statusNote} label={t("improvements.statusNote")} rows={3} />
          <TextField meta={fields.dueDate} label={t("improvements.dueDate")} type="date" required />
          <div>
            <SubmitButton>{t("improvements.save")}</SubmitButton>
          </div>
        </Form>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
