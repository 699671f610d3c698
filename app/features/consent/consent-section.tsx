import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CONSENT_CATEGORIES, CONSENT_FORMS, CONSENT_GRANTORS } from "#db/schema";
import {
  CheckboxGroup,
  FormErrors,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
} from "~/components/forms";
import { useReplyFor, type PlanView } from "~/features/plans/plan-page";
import { consentSchema } from "~/features/plans/plans.schema";
import { addDays, formatDate, todayInStockholm } from "~/lib/time";

interface ConsentFields {
  grantor: string;
  childView: string;
  organisationIds: string[];
  categories: string[];
  purpose: string;
  givenOn: string;
  form: string;
  validFrom: string;
  validUntil: string;
}

export function ConsentSection({ page }: { page: PlanView }) {
  const { t, i18n } = useTranslation();
  const schema = consentSchema(t);
  const today = todayInStockholm();
  const teamOrganisationIds = [...new Set(page.team.map((m) => m.organisation_id))].filter(
    (id) => id !== page.plan.lead_organisation_id,
  );
  const [form, fields] = useForm<ConsentFields>({
    id: "consent",
    lastResult: useReplyFor("record-consent"),
    defaultValue: {
      grantor: "self",
      form: "written",
      givenOn: today,
      validFrom: today,
      validUntil: addDays(today, 365),
      organisationIds: teamOrganisationIds,
    },
    shouldValidate: "onSubmit",
    // The schema's output types (enums, arrays) are narrower than the form's string fields.
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as never,
  });
  const withdrawReply = useReplyFor("withdraw-consent");

  return (
    <section aria-labelledby="consent-heading" className="card">
      <h2 id="consent-heading">{t("consent.title")}</h2>
      {page.consents.length === 0 ? <p className="empty-state">{t("consent.none")}</p> : null}
      <ol className="consent-list" aria-label={t("consent.history")}>
        {page.consents.map((c) => (
          <li key={c.id} className={`consent consent--${c.state}`}>
            <p>
              <span className={`badge badge--consent-${c.state}`}>
                {t(`consent.states.${c.state}`, { date: formatDate(c.valid_from, i18n.language) })}
              </span>{" "}
              {formatDate(c.valid_from, i18n.language)} – {formatDate(c.valid_until, i18n.language)}
            </p>
            <dl className="facts facts--compact">
              <dt>{t("consent.organisations")}</dt>
              <dd>{c.organisations.map((o) => o.name).join(", ")}</dd>
              <dt>{t("consent.categories")}</dt>
              <dd>{c.categories.map((k) => t(`consent.categoryNames.${k as "health"}`)).join(", ")}</dd>
              <dt>{t("consent.purpose")}</dt>
              <dd className="preserve-lines">{c.purpose}</dd>
              <dt>{t("consent.grantor")}</dt>
              <dd>
                {t(`consent.grantors.${c.grantor}`)}
                {c.child_view ? ` – ${t("consent.childView")}: ${c.child_view}` : ""}
              </dd>
              <dt>{t("consent.form")}</dt>
              <dd>
                {t(`consent.forms.${c.form}`)}, {formatDate(c.given_on, i18n.language)}
              </dd>
              <dt>{t("consent.documentedBy")}</dt>
              <dd>{c.documented_by_name}</dd>
              {c.withdrawn_at ? (
                <>
                  <dt>{t("consent.states.withdrawn")}</dt>
                  <dd>
                    {t("consent.withdrawnOn", {
                      date: formatDate(c.withdrawn_at, i18n.language),
                      name: c.withdrawn_by_name ?? "",
                    })}
                    {c.withdrawal_reason ? `: ${c.withdrawal_reason}` : ""}
                  </dd>
                </>
              ) : null}
            </dl>
            {page.isLead && !c.withdrawn_at && c.state !== "expired" ? (
              <details>
                <summary>{t("consent.withdraw")}</summary>
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="withdraw-consent" />
                  <input type="hidden" name="consentId" value={c.id} />
                  {withdrawReply?.initialValue?.consentId === c.id ? (
                    <FormErrors errors={withdrawReply.error?.reason ?? null} />
                  ) : null}
                  <div className="field">
                    <label htmlFor={`reason-${c.id}`}>{t("consent.withdrawalReason")}</label>
                    <textarea
                      id={`reason-${c.id}`}
                      name="reason"
                      rows={2}
                      required
                      defaultValue={
                        withdrawReply?.initialValue?.consentId === c.id
                          ? String(withdrawReply.initialValue?.reason ?? "")
                          : ""
                      }
                    />
                  </div>
                  <SubmitButton variant="danger">{t("consent.withdraw")}</SubmitButton>
                </Form>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      {page.isLead ? (
        <details className="add-form" open={Boolean(Object.values(fields).some((f) => f.errors))}>
          <summary>{t("consent.record")}</summary>
          <p className="field__help">{t("consent.recordHint")}</p>
          <Form method="post" {...getFormProps(form)} className="stack">
            <input type="hidden" name="intent" value="record-consent" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <RadioGroup
              meta={fields.grantor}
              legend={t("consent.grantor")}
              required
              options={CONSENT_GRANTORS.map((g) => ({ value: g, label: t(`consent.grantors.${g}`) }))}
            />
            <TextareaField meta={fields.childView} label={t("consent.childView")} rows={2} />
            <CheckboxGroup
              meta={fields.organisationIds}
              legend={t("consent.organisations")}
              options={page.organisations
                .filter((o) => o.id !== page.plan.lead_organisation_id)
                .map((o) => ({ value: o.id, label: o.name }))}
            />
            <CheckboxGroup
              meta={fields.categories}
              legend={t("consent.categories")}
              options={CONSENT_CATEGORIES.map((c) => ({ value: c, label: t(`consent.categoryNames.${c}`) }))}
            />
            <TextareaField meta={fields.purpose} label={t("consent.purpose")} rows={2} required />
            <SelectField
              meta={fields.form}
              label={t("consent.form")}
              required
              options={CONSENT_FORMS.map((f) => ({ value: f, label: t(`consent.forms.${f}`) }))}
            />
            <TextField meta={fields.givenOn} label={t("consent.givenOn")} type="date" required />
            <div className="field-row">
              <TextField meta={fields.validFrom} label={t("consent.validFrom")} type="date" required />
              <TextField meta={fields.validUntil} label={t("consent.validUntil")} type="date" required />
            </div>
            <SubmitButton variant="secondary">{t("consent.record")}</SubmitButton>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
