// The person as this plan recorded them. While the identity is protected no contact details are
// shown or taken in, on any plan; only the organisation that marked it, on the plan it marked it
// from, is offered to lift it.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, SubmitButton, TextField, useAppForm } from "~/components/forms";
import { formatDate } from "~/lib/time";
import { formatIdentityNumber } from "./identity-number";
import type { PersonOnPlan } from "./person";

function ContactFacts({ person }: { person: PersonOnPlan }) {
  const { t } = useTranslation();
  const facts = (
    [
      ["address", person.address],
      ["phone", person.phone],
      ["email", person.email],
    ] as const
  ).filter(([, value]) => value);
  if (person.protectedIdentity || facts.length === 0) return null;
  return (
    <dl className="facts">
      {facts.map(([key, value]) => (
        <Fragment key={key}>
          <dt>{t(`plans.${key}`)}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

export function PersonSection({
  person,
  editing = false,
  footer,
}: {
  person: PersonOnPlan;
  editing?: boolean;
  /** Below the details: the plan page's link that opens the form. */
  footer?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const [form, fields] = useAppForm<{
    name: string;
    protectedIdentity: string;
    address: string;
    phone: string;
    email: string;
  }>({
    intent: "save-person",
    id: "person",
    defaultValue: {
      name: person.name,
      protectedIdentity: person.protectedIdentity ? "on" : undefined,
      address: person.address ?? "",
      phone: person.phone ?? "",
      email: person.email ?? "",
    },
  });
  return (
    <section aria-labelledby="person-heading" className="card">
      <h2 id="person-heading">{t("plans.personDetails")}</h2>
      <dl className="facts">
        <dt>{t("plans.identityNumber")}</dt>
        <dd>{formatIdentityNumber(person.identityNumber)}</dd>
      </dl>
      {person.name ? null : <p className="notice">{t("persons.nameMissing")}</p>}
      {person.protectedIdentity ? (
        <div className="notice">
          <p>{t("plans.protectedNotice")}</p>
          {person.protection ? (
            <p>
              {t("persons.protectedBy", {
                name: person.protection.markedByName,
                organisation: person.protection.markedByOrganisationName,
                date: formatDate(person.protection.markedAt.slice(0, 10), i18n.language),
              })}
            </p>
          ) : null}
          {person.canLiftProtection ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="lift-protection" />
              <p className="field__help">{t("persons.liftHint")}</p>
              <SubmitButton variant="danger">{t("persons.lift")}</SubmitButton>
            </Form>
          ) : null}
        </div>
      ) : null}
      {editing ? (
        <Form method="post" {...getFormProps(form)} className="stack">
          <input type="hidden" name="intent" value="save-person" />
          <TextField meta={fields.name} label={t("plans.personName")} autoComplete="off" required />
          {person.protectedIdentity ? null : (
            <>
              <CheckboxField
                meta={fields.protectedIdentity}
                label={t("plans.protectedIdentity")}
                help={t("plans.protectedIdentityHint")}
              />
              <TextField meta={fields.address} label={t("plans.address")} autoComplete="off" />
              <TextField meta={fields.phone} label={t("plans.phone")} type="tel" autoComplete="off" />
              <TextField meta={fields.email} label={t("plans.email")} type="email" autoComplete="off" />
            </>
          )}
          <SubmitButton variant="secondary">{t("plans.savePerson")}</SubmitButton>
        </Form>
      ) : null}
      <ContactFacts person={person} />
      {footer}
    </section>
  );
}
