import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/forms";
import { userSchema } from "./users.schema";

export function UserForm({
  lastResult,
  defaultValue,
  organisations,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: { name: string; email: string; organisationId: string };
  organisations: { id: string; name: string }[];
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const schema = userSchema(t);
  const [form, fields] = useForm({
    id: "user",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="update" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.name} label={t("admin.name")} autoComplete="off" required />
      <TextField meta={fields.email} label={t("admin.email")} type="email" autoComplete="off" required />
      <SelectField
        meta={fields.organisationId}
        label={t("admin.organisation")}
        required
        placeholder=""
        options={organisations.map((o) => ({ value: o.id, label: o.name }))}
      />
      <div>
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}

export function OneTimePassword({ name, password }: { name: string; password: string }) {
  const { t } = useTranslation();
  return (
    <section className="callout" aria-labelledby="otp-heading" role="status">
      <h2 id="otp-heading">{t("admin.oneTimePasswordTitle")}</h2>
      <p>{t("admin.oneTimePasswordText", { name })}</p>
      <p className="one-time-password">
        <code data-testid="one-time-password">{password}</code>
      </p>
    </section>
  );
}
