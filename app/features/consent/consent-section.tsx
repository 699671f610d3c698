// The plan's consent history and, for the lead organisation, recording and withdrawing consents.
import { getFormProps } from "@conform-to/react";
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
  useAppForm,
  useReplyFor,
} from "~/components/forms";
import { addDays, formatDate, todayInStockholm } from "~/lib/time";
import type { ConsentRecord } from "./consent";

// A type, not an interface: useAppForm needs an index signature.
type ConsentFields = {
  grantor: string;
  childView: string;
  organisationIds: string[];
  categories: string[];
  purpose: string;
  givenOn: string;
  form: string;
  validFrom: string;
  validUntil: string;
};

export function ConsentSection({
  consents,
  isLead,
  leadOrganisationId,
  partners,
  teamOrganisationIds,
}: {
  consents: ConsentRecord[];
  /** Only the lead organisation records and withdraws consents. */
  isLead: boolean;
  leadOrganisationId: string;
  /** The organisations a consent may name: partners of the lead organisation. */
  partners: { id: string; name: string }[];
  teamOrganisationIds: string[];
}) {
  const { t, i18n } = useTranslation();
  const today = todayInStockholm();
  const [form, fields] = useAppForm<ConsentFields>({
    intent: "record-consent",
    id: "consent",
    defaultValue: {
      grantor: "self",
      form: "written",
      givenOn: today,
      validFrom: today,
      validUntil: addDays(today, 365),
      organisationIds: teamOrganisationIds.filter((id) => id !== leadOrganisationId),
    },
  });
  const withdrawReply = useReplyFor("withdraw-consent")?.result;

  return (
    <section aria-labelledby="consent-heading" className="card">
      <h2 id="consent-heading">{t("consent.title")}</h2>
      {consents.length === 0 ? <p className="empty-state">{t("consent.none")}</p> : null}
      <ol className="consent-list" aria-label={t("consent.history")}>
        {consents.map((c) => (
          <li key={c.id} className={`consent consent--${c.state}`}>
            <p>
              <span className={`badge badge--consent-${c.state}`}>
                {t(`consent.states.${c.state}`, { date: formatDate(c.validFrom, i18n.language) })}
              </span>{" "}
              {formatDate(c.validFrom, i18n.language)} – {formatDate(c.validUntil, i18n.language)}
            </p>
            <dl className="facts facts--compact">
              <dt>{t("consent.organisations")}</dt>
              <dd>{c.organisations.map((o) => o.name).join(", ")}</dd>
              <dt>{t("consent.categories")}</dt>
              <dd>{c.categories.map((k) => t(`consent.categoryNames.${k}`)).join(", ")}</dd>
              <dt>{t("consent.purpose")}</dt>
              <dd className="preserve-lines">{c.purpose}</dd>
              <dt>{t("consent.grantor")}</dt>
              <dd>
                {t(`consent.grantors.${c.grantor}`)}
                {c.childView ? ` – ${t("consent.childView")}: ${c.childView}` : ""}
              </dd>
              <dt>{t("consent.form")}</dt>
              <dd>
                {t(`consent.forms.${c.form}`)}, {formatDate(c.givenOn, i18n.language)}
              </dd>
              <dt>{t("consent.documentedBy")}</dt>
              <dd>{c.documentedByName}</dd>
              {c.withdrawnAt ? (
                <>
                  <dt>{t("consent.states.withdrawn")}</dt>
                  <dd>
                    {t("consent.withdrawnOn", {
                      date: formatDate(c.withdrawnAt, i18n.language),
                      name: c.withdrawnByName ?? "",
                    })}
                    {c.withdrawalReason ? `: ${c.withdrawalReason}` : ""}
                  </dd>
                </>
              ) : null}
            </dl>
            {isLead && !c.withdrawnAt && c.state !== "expired" ? (
              <details>
                <summary>{t("consent.withdraw")}</summary>
                <Form method="post" className="stack">
                  <p>{t("planPage.withdrawWhatFollows")}</p>
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
      {isLead ? (
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
              options={partners.filter((o) => o.id !== leadOrganisationId).map((o) => ({ value: o.id, label: o.name }))}
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
