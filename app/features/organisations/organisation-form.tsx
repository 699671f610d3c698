import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ORGANISATION_KINDS } from "#db/schema";
import { CheckboxGroup, FormErrors, SelectField, SubmitButton, TextField, useAppForm } from "~/components/forms";

export const ORGANISATION_INTENT = "organisation";

export function OrganisationForm({
  defaultValue,
  partnerships,
  submitLabel,
}: {
  defaultValue?: { name: string; kind: string; partnershipIds: string[] };
  partnerships: { id: string; name: string }[];
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useAppForm<{ name: string; kind: string; partnershipIds: string[] }>({
    intent: ORGANISATION_INTENT,
    defaultValue,
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
