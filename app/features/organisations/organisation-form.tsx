import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ORGANISATION_KINDS } from "#db/schema";
import { CheckboxGroup, FormErrors, SelectField, SubmitButton, TextField } from "~/components/forms";
import { organisationSchema } from "./organisations.schema";

export function OrganisationForm({
  lastResult,
  defaultValue,
  partnerships,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: { name: string; kind: string; partnershipIds: string[] };
  partnerships: { id: string; name: string }[];
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const schema = organisationSchema(t);
  const [form, fields] = useForm({
    id: "organisation",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.name} label={t("admin.name")} required />
      <SelectField
        meta={fields.kind}
        label={t("admin.kind")}
        required
        placeholder=""
        options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`organisationKinds.${k}`) }))}
      />
      <CheckboxGroup
        meta={fields.partnershipIds}
        legend={t("admin.memberships")}
        options={partnerships.map((p) => ({ value: p.id, label: p.name }))}
      />
      <div>
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
