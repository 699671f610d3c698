import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SubmitButton, TextField } from "~/components/forms";
import { partnershipSchema } from "./organisations.schema";

export function PartnershipForm({
  lastResult,
  defaultValue,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: { name: string; answerDays: number; suppressionK: number; overdueActionDays: number };
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const schema = partnershipSchema(t);
  const [form, fields] = useForm({
    id: "partnership",
    lastResult,
    defaultValue: defaultValue ?? { answerDays: 30, suppressionK: 3, overdueActionDays: 14 },
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.name} label={t("admin.name")} required />
      <TextField meta={fields.answerDays} label={t("admin.answerDays")} type="number" inputMode="numeric" required />
      <TextField
        meta={fields.suppressionK}
        label={t("admin.suppressionK")}
        type="number"
        inputMode="numeric"
        required
      />
      <TextField
        meta={fields.overdueActionDays}
        label={t("admin.overdueActionDays")}
        type="number"
        inputMode="numeric"
        required
      />
      <div>
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
