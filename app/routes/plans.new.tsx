import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { PLAN_KINDS } from "#db/schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxField, FormErrors, RadioGroup, SubmitButton, TextareaField, TextField } from "~/components/forms";
import { requirePermission } from "~/features/auth/auth.server";
import { newPlanSchema } from "~/features/plans/plans.schema";
import { createPlan } from "~/features/plans/plans.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("plans.newPlan");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "plans:work");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const t = await getT(request);
  const submission = parseWithZod(await request.formData(), { schema: newPlanSchema(t) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { kind, identityNumber, name, protectedIdentity, address, phone, email, goal, needs } = submission.value;
  const planId = await createPlan(getDb(), user, {
    kind,
    person: { identityNumber, name, protectedIdentity, address, phone, email },
    goal,
    needs,
  });
  return redirectWithFlash(`/plans/${planId}`, { kind: "success", key: "plans.created" });
}

export default function NewPlan() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const schema = newPlanSchema(t);
  const [form, fields] = useForm({
    id: "new-plan",
    lastResult,
    defaultValue: { kind: "GIP" },
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <div className="narrow">
      <h1>{t("plans.newPlan")}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <RadioGroup
          meta={fields.kind}
          legend={t("plans.kind")}
          required
          options={PLAN_KINDS.map((k) => ({ value: k, label: t(`plans.kinds.${k}`) }))}
        />
        <fieldset className="fieldset">
          <legend>{t("plans.person")}</legend>
          <div className="stack">
            <TextField
              meta={fields.identityNumber}
              label={t("plans.identityNumber")}
              help={t("plans.identityNumberHint")}
              autoComplete="off"
              required
            />
            <TextField meta={fields.name} label={t("plans.personName")} autoComplete="off" required />
            <CheckboxField
              meta={fields.protectedIdentity}
              label={t("plans.protectedIdentity")}
              help={t("plans.protectedIdentityHint")}
            />
            <TextField meta={fields.address} label={t("plans.address")} autoComplete="off" />
            <TextField meta={fields.phone} label={t("plans.phone")} type="tel" autoComplete="off" />
            <TextField meta={fields.email} label={t("plans.email")} type="email" autoComplete="off" />
          </div>
        </fieldset>
        <TextareaField meta={fields.goal} label={t("plans.goal")} />
        <TextareaField meta={fields.needs} label={t("plans.needs")} />
        <div>
          <SubmitButton>{t("plans.newPlan")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
