import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
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
} from "~/components/forms";
import { canAccessPlan, planAccessFilter } from "~/features/access/access.server";
import { requireUser } from "~/features/auth/auth.server";
import { reportSchema } from "~/features/deviations/deviations.schema";
import {
  partnershipOrganisations,
  reportablePartnerships,
  reportDeviation,
} from "~/features/deviations/deviations.server";
import { personalDataErrors } from "~/features/deviations/guard-errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { getT } from "~/lib/i18n.server";
import { todayInStockholm } from "~/lib/time";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("deviations.report");

// Kinds the start page suggests (app/features/meetings/start.server.ts).
const SUGGESTIONS = ["overdue_action", "meeting_absence"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const partnerships = await reportablePartnerships(db, user);
  const organisations = new Map<string, { id: string; name: string }>();
  for (const p of partnerships) for (const o of await partnershipOrganisations(db, p.id)) organisations.set(o.id, o);
  // Plans the reporter may link: exactly those the access rule lets them see.
  const plans = await db
    .selectFrom("plans")
    .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
    .select(["plans.id", "plans.kind", "person.name"])
    .where(planAccessFilter(user))
    .where("plans.status", "!=", "closed")
    .orderBy("person.name")
    .limit(200)
    .execute();

  // A suggestion from a plan or a meeting opens the form prefilled; the URL carries ids only.
  const url = new URL(request.url);
  const suggestion = SUGGESTIONS.find((s) => s === url.searchParams.get("suggestion"));
  const planId = url.searchParams.get("planId") ?? "";
  const suggestedPlan = planId && (await canAccessPlan(db, user, planId)) ? planId : undefined;
  const t = await getT(request);
  const days = partnerships[0]?.answer_days ?? 14;
  return {
    partnerships: partnerships.map((p) => ({ id: p.id, name: p.name })),
    organisations: [...organisations.values()].sort((a, b) => a.name.localeCompare(b.name, "sv")),
    plans,
    defaults: {
      partnershipId: partnerships.length === 1 ? partnerships[0].id : undefined,
      eventDate: todayInStockholm(),
      kind: suggestion ? "routine" : undefined,
      category: suggestion === "overdue_action" ? "capacity" : suggestion ? "availability" : undefined,
      consequence: suggestion ? "delayed_measure" : undefined,
      description: suggestion
        ? t("deviations.suggestionPrefill", { text: t(`deviations.suggestion.${suggestion}`, { days }) })
        : undefined,
      planId: suggestedPlan,
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getT(request);
  const db = getDb();
  const submission = parseWithZod(await request.formData(), { schema: reportSchema(t) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const input = submission.value;
  const partnerships = await reportablePartnerships(db, user);
  if (!partnerships.some((p) => p.id === input.partnershipId)) {
    return data(
      submission.reply({
        fieldErrors: { partnershipId: [t("validation.choose", { field: t("deviations.partnership").toLowerCase() })] },
      }),
      { status: 400 },
    );
  }
  const members = new Set((await partnershipOrganisations(db, input.partnershipId)).map((o) => o.id));
  const guard = await personalDataErrors(db, t, {
    description: input.description,
    triedLocally: input.triedLocally,
    suggestedImprovement: input.suggestedImprovement,
  });
  if (guard) return data(submission.reply({ fieldErrors: guard }), { status: 400 });
  const planId = input.planId && (await canAccessPlan(db, user, input.planId)) ? input.planId : undefined;
  await reportDeviation(db, user, { ...input, partyIds: input.partyIds.filter((id) => members.has(id)), planId });
  return redirectWithFlash("/deviations/mine", { kind: "success", key: "deviations.submitted" });
}

type ReportFields = Record<
  | "partnershipId"
  | "eventDate"
  | "kind"
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
  const lastResult = useActionData<typeof action>();
  const schema = reportSchema(t);
  const [form, fields] = useForm<ReportFields>({
    id: "report-deviation",
    lastResult,
    defaultValue: defaults as Partial<ReportFields>,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as never,
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
