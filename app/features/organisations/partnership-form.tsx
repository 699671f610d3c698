import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PARTNERSHIP_KINDS } from "#db/schema";
import { FormErrors, SelectField, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/forms";
import { DEFAULT_PLAN_SETTINGS } from "./partnership-settings";

export const PARTNERSHIP_INTENT = "partnership";

type Fields = {
  name: string;
  kind: string;
  answerDays: number;
  suppressionK: number;
  overdueActionDays: number;
  maxFollowUpMonths: number;
  /** One name per line. */
  actionTypes: string;
  progressionSteps: string;
};

export function PartnershipForm({ defaultValue, submitLabel }: { defaultValue?: Fields; submitLabel: string }) {
  const { t } = useTranslation();
  const [form, fields] = useAppForm<Fields>({
    intent: PARTNERSHIP_INTENT,
    defaultValue: defaultValue ?? {
      kind: "samordningsforbund",
      answerDays: 30,
      suppressionK: 3,
      overdueActionDays: 14,
      maxFollowUpMonths: DEFAULT_PLAN_SETTINGS.maxFollowUpMonths,
      actionTypes: DEFAULT_PLAN_SETTINGS.actionTypes.join("\n"),
      progressionSteps: DEFAULT_PLAN_SETTINGS.progressionSteps.join("\n"),
    },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.name} label={t("admin.name")} required />
      <SelectField
        meta={fields.kind}
        label={t("admin.partnershipKind")}
        required
        options={PARTNERSHIP_KINDS.map((k) => ({ value: k, label: t(`partnershipKinds.${k}`) }))}
      />
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
      <fieldset className="stack">
        <legend>{t("admin.planSettings")}</legend>
        <TextField
          meta={fields.maxFollowUpMonths}
          label={t("admin.maxFollowUpMonths")}
          help={t("admin.maxFollowUpMonthsHelp")}
          type="number"
          inputMode="numeric"
          required
        />
        <TextareaField
          meta={fields.actionTypes}
          label={t("admin.actionTypes")}
          help={t("admin.actionTypesHelp")}
          rows={7}
          required
        />
        <TextareaField
          meta={fields.progressionSteps}
          label={t("admin.progressionSteps")}
          help={t("admin.progressionStepsHelp")}
          rows={5}
          required
        />
      </fieldset>
      <div>
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
