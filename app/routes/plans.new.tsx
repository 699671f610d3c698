import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { PLAN_KINDS } from "#db/schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  CheckboxField,
  FormErrors,
  RadioGroup,
  SubmitButton,
  TextareaField,
  TextField,
  useAppForm,
} from "~/components/forms";
import { requirePermission } from "~/features/auth/auth.server";
import { newPlanSchema } from "~/features/plans/plans.schema";
import { createPlan } from "~/features/plans/plans.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply, notFound } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("plans.newPlan");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "plans:work");
  return null;
}

const INTENT = "new-plan";

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const t = await getT(request);
  const submission = parseWithZod(await request.formData(), { schema: newPlanSchema(t) });
  if (submission.status !== "success") return formReply(INTENT, submission.reply());
  const { kind, identityNumber, name, protectedIdentity, address, phone, email, goal, needs } = submission.value;
  const created = await createPlan(getDb(), user, {
    kind,
    person: { identityNumber, name, protectedIdentity, address, phone, email },
    goal,
    needs,
  });
  if (!created.ok) throw notFound();
  return redirectWithFlash(`/plans/${created.value}`, { kind: "success", key: "plans.created" });
}

export default function NewPlan() {
  const { t } = useTranslation();
  const [form, fields] = useAppForm<{
    kind: string;
    identityNumber: string;
    name: string;
    protectedIdentity: string;
    address: string;
    phone: string;
    email: string;
    goal: string;
    needs: string;
  }>({ intent: INTENT, defaultValue: { kind: "GIP" } });
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
