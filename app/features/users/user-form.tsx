import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ROLES } from "#db/schema";
import { FormErrors, SelectField, SubmitButton, TextField, useAppForm } from "~/components/forms";

export const USER_INTENT = "update";
export const GRANT_INTENT = "grant";

export function UserForm({
  defaultValue,
  organisations,
  submitLabel,
}: {
  defaultValue?: { name: string; email: string; organisationId: string; phone?: string };
  organisations: { id: string; name: string }[];
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useAppForm<{ name: string; email: string; organisationId: string; phone: string }>({
    intent: USER_INTENT,
    defaultValue,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value={USER_INTENT} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.name} label={t("admin.name")} autoComplete="off" required />
      <TextField meta={fields.email} label={t("admin.email")} type="email" autoComplete="off" required />
      <TextField
        meta={fields.phone}
        label={t("admin.phone")}
        help={t("admin.phoneHelp")}
        type="tel"
        autoComplete="off"
      />
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

export function GrantForm({ partnerships }: { partnerships: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const [form, fields] = useAppForm<{ role: string; partnershipId: string }>({ intent: GRANT_INTENT });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value={GRANT_INTENT} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        meta={fields.role}
        label={t("admin.role")}
        required
        placeholder=""
        options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      />
      <SelectField
        meta={fields.partnershipId}
        label={t("admin.partnership")}
        help={t("admin.roleNeedsPartnership", { role: `${t("roles.coordinator")} / ${t("roles.steering")}` })}
        placeholder={t("admin.choosePartnership")}
        options={partnerships.map((p) => ({ value: p.id, label: p.name }))}
      />
      <div>
        <SubmitButton variant="secondary">{t("admin.grantRole")}</SubmitButton>
      </div>
    </Form>
  );
}
