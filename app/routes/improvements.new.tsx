import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { DEVIATION_CATEGORIES } from "#db/schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  CheckboxGroup,
  FormErrors,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useAppForm,
} from "~/components/forms";
import { requireUser } from "~/features/auth/auth.server";
import { fieldMessages, recordSchema } from "~/features/improvements/improvements.schema";
import { recordForm } from "~/features/improvements/lists.server";
import { recordImprovement } from "~/features/improvements/register.server";
import { personalDataErrors } from "~/features/privacy/messages";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply, invariantResponse } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("improvements.record");

const INTENT = "record";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A case id is no personal data; the command checks the user coordinates the case.
  const from = new URL(request.url).searchParams.get("from") || undefined;
  const result = await recordForm(getDb(), user, from);
  if (!result.ok) {
    invariantResponse(result.error !== "not_found");
    return { notEligible: true as const };
  }
  return { notEligible: false as const, ...result.value };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getT(request);
  const submission = parseWithZod(await request.formData(), { schema: recordSchema(t) });
  if (submission.status !== "success") return formReply(INTENT, submission.reply());
  const result = await recordImprovement(getDb(), user, submission.value);
  if (result.ok)
    return redirectWithFlash(`/improvements/${result.value.id}`, { kind: "success", key: "improvements.recorded" });
  invariantResponse(result.error !== "not_found");
  if (result.error === "not_eligible")
    return formReply(INTENT, submission.reply({ formErrors: [t("improvements.notEligible")] }));
  const fieldErrors =
    result.error === "personal_data"
      ? personalDataErrors(t, result.detail ?? {}, t("improvements.personalDataWhy"))
      : fieldMessages(t, result.fields);
  return formReply(INTENT, submission.reply({ fieldErrors }));
}

type RecordFields = Record<
  | "partnershipId"
  | "title"
  | "description"
  | "ownerOrganisationId"
  | "ownerContactId"
  | "dueDate"
  | "sourceDeviationId",
  string
> & { categories: string[] };

export default function RecordImprovement() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm<RecordFields>({
    intent: INTENT,
    id: "record-improvement",
    defaultValue: data.notEligible ? {} : (data.defaults as Partial<RecordFields>),
  });
  if (data.notEligible)
    return (
      <div className="narrow">
        <h1>{t("improvements.record")}</h1>
        <p className="flash flash--error" role="status">
          {t("improvements.notEligible")}
        </p>
        <p>
          <Link to="/improvements">{t("improvements.registerTitle")}</Link>
        </p>
      </div>
    );
  const { partnerships, organisations, contacts, source } = data;
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  return (
    <div className="narrow narrow--wide">
      <h1>{t("improvements.record")}</h1>
      <p className="lead">{t("improvements.recordIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        {source ? (
          <p>
            <strong>{t("improvements.source")}:</strong> {t(`improvements.sources.${source.kind}`)} –{" "}
            <Link to={`/deviations/${source.id}`}>{t("improvements.fromCase", { number: source.number })}</Link>
            <input type="hidden" name="sourceDeviationId" value={source.id} />
          </p>
        ) : null}
        <SelectField
          meta={fields.partnershipId}
          label={t("improvements.partnership")}
          required
          placeholder=""
          options={partnerships.map((p) => ({ value: p.id, label: p.name }))}
        />
        <TextField meta={fields.title} label={t("improvements.what")} required />
        <TextareaField meta={fields.description} label={t("improvements.description")} rows={4} />
        <SelectField
          meta={fields.ownerOrganisationId}
          label={t("improvements.ownerOrganisation")}
          required
          placeholder=""
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <SelectField
          meta={fields.ownerContactId}
          label={t("improvements.ownerContact")}
          help={t("improvements.ownerContactHint")}
          placeholder={t("improvements.noContact")}
          options={contacts.map((c) => ({ value: c.id, label: `${c.name} (${orgName.get(c.organisationId) ?? ""})` }))}
        />
        <TextField meta={fields.dueDate} label={t("improvements.dueDate")} type="date" required />
        <CheckboxGroup
          meta={fields.categories}
          legend={t("improvements.categories")}
          options={DEVIATION_CATEGORIES.map((c) => ({ value: c, label: t(`deviations.categories.${c}`) }))}
        />
        <div>
          <SubmitButton>{t("improvements.record")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
