import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { DEVIATION_CATEGORIES, DEVIATION_CONSEQUENCES, DEVIATION_KINDS } from "#db/schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  CheckboxGroup,
  FormErrors,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useAppForm,
} from "~/components/forms";
import { requireUser } from "~/features/auth/auth.server";
import { reportSchema } from "~/features/deviations/deviations.schema";
import { reportDeviation, reportForm } from "~/features/deviations/deviations.server";
import { personalDataErrors } from "~/features/privacy/messages";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { todayInStockholm } from "~/lib/time";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("deviations.report");

// Kinds the start page suggests (app/features/deviations/suggestions.server.ts).
const SUGGESTIONS = ["overdue_action", "meeting_absence"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A suggestion from a plan or a meeting opens the form prefilled; the URL carries ids only.
  const url = new URL(request.url);
  const suggestion = SUGGESTIONS.find((s) => s === url.searchParams.get("suggestion"));
  const param = (name: string) => url.searchParams.get(name) ?? undefined;
  const form = await reportForm(getDb(), user, {
    planId: param("planId"),
    meetingId: param("meetingId"),
    organisationId: param("organisationId"),
  });
  const t = await getT(request);
  return {
    partnerships: form.partnerships,
    organisations: form.organisations,
    plans: form.plans,
    defaults: {
      partnershipId: form.partnerships.length === 1 ? form.partnerships[0].id : undefined,
      eventDate: form.suggestedEventDate ?? todayInStockholm(),
      // A summoned party that stayed away is a matter between the parties.
      kind: suggestion === "meeting_absence" ? "between_parties" : suggestion ? "routine" : undefined,
      partyIds: form.suggestedPartyIds,
      category: suggestion === "overdue_action" ? "capacity" : suggestion ? "availability" : undefined,
      consequence: suggestion ? "delayed_measure" : undefined,
      description: suggestion
        ? t("deviations.suggestionPrefill", {
            text: t(`deviations.suggestion.${suggestion}`, { days: form.answerDays }),
          })
        : undefined,
      planId: form.suggestedPlanId,
    },
  };
}

const INTENT = "report";

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getT(request);
  const submission = parseWithZod(await request.formData(), { schema: reportSchema(t) });
  if (submission.status !== "success") return formReply(INTENT, submission.reply());
  const result = await reportDeviation(getDb(), user, submission.value);
  if (result.ok)
    return redirectWithFlash("/deviations/mine", {
      kind: "success",
      key: submission.value.kind === "routine" ? "deviations.submittedRoutine" : "deviations.submitted",
    });
  const fieldErrors =
    result.error === "personal_data"
      ? personalDataErrors(t, result.detail ?? {}, t("deviations.personalData.why"))
      : { partnershipId: [t("validation.choose", { field: t("deviations.partnership").toLowerCase() })] };
  return formReply(INTENT, submission.reply({ fieldErrors }));
}

type ReportFields = Record<
  | "partnershipId"
  | "eventDate"
  | "kind"
  | "routineOrganisationId"
  | "category"
  | "consequence"
  | "description"
  | "triedLocally"
  | "suggestedImprovement"
  | "planId",
  string
> & { partyIds: string[] };

export default function ReportDeviation() {
  const { t } = useTranslation();
  const { partnerships, organisations, plans, defaults } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm<ReportFields>({
    intent: INTENT,
    id: "report-deviation",
    defaultValue: defaults as Partial<ReportFields>,
  });
  return (
    <div className="narrow narrow--wide">
      <h1>{t("deviations.report")}</h1>
      <p className="lead">{t("deviations.reportIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          meta={fields.partnershipId}
          label={t("deviations.partnership")}
          required
          placeholder=""
          options={partnerships.map((p) => ({ value: p.id, label: p.name }))}
        />
        <TextField meta={fields.eventDate} label={t("deviations.eventDate")} type="date" required />
        <RadioGroup
          meta={fields.kind}
          legend={t("deviations.kind")}
          required
          options={DEVIATION_KINDS.map((k) => ({ value: k, label: t(`deviations.kinds.${k}`) }))}
        />
        <SelectField
          meta={fields.routineOrganisationId}
          label={t("deviations.routineOrganisation")}
          help={t("deviations.routineOrganisationHint")}
          placeholder={t("deviations.ownOrganisation")}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <CheckboxGroup
          meta={fields.partyIds}
          legend={t("deviations.parties")}
          help={t("deviations.partiesHint")}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <SelectField
          meta={fields.category}
          label={t("deviations.category")}
          required
          placeholder=""
          options={DEVIATION_CATEGORIES.map((c) => ({ value: c, label: t(`deviations.categories.${c}`) }))}
        />
        <SelectField
          meta={fields.consequence}
          label={t("deviations.consequence")}
          required
          placeholder=""
          options={DEVIATION_CONSEQUENCES.map((c) => ({ value: c, label: t(`deviations.consequences.${c}`) }))}
        />
        <TextareaField
          meta={fields.description}
          label={t("deviations.description")}
          help={t("deviations.descriptionHint")}
          rows={6}
          required
        />
        <TextareaField meta={fields.triedLocally} label={t("deviations.triedLocally")} rows={3} />
        <TextareaField meta={fields.suggestedImprovement} label={t("deviations.suggestedImprovement")} rows={3} />
        {plans.length > 0 ? (
          <SelectField
            meta={fields.planId}
            label={t("deviations.plan")}
            help={t("deviations.planHint")}
            placeholder={t("deviations.noPlan")}
            options={plans.map((p) => ({ value: p.id, label: `${p.kind} – ${p.name}` }))}
          />
        ) : null}
        <div>
          <SubmitButton>{t("deviations.submit")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
