// The sign-in sections of the admin pages: a user's linked e-legitimations and second factor, and
// an organisation's provider (read-only, operator configuration) and second-factor switch.
// Removal and reset ask again inside a disclosure, so they work without JavaScript.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, SubmitButton, TextField, useAppForm } from "~/components/forms";
import { EmptyState } from "~/components/list";
import type { OrganisationSignIn, ProviderChoice, UserSignIn } from "./identity-admin.server";
import {
  LINK_INTENT,
  RESET_SECOND_FACTOR_INTENT,
  SECOND_FACTOR_SWITCH_INTENT,
  UNLINK_INTENT,
} from "./identity-admin.schema";

function LinkForm({ providers, version }: { providers: ProviderChoice[]; version: string }) {
  const { t } = useTranslation();
  const [form, fields] = useAppForm<{ providerKey: string; identifier: string }>({
    intent: LINK_INTENT,
    // A new link starts the form afresh: nothing typed or refused before it stays behind.
    id: `${LINK_INTENT}-${version}`,
    defaultValue: providers.length === 1 ? { providerKey: providers[0].key } : undefined,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value={LINK_INTENT} />
      <p className="field__help">{t("identity.linkHint")}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        meta={fields.providerKey}
        label={t("identity.provider")}
        required
        placeholder={providers.length === 1 ? undefined : ""}
        options={providers.map((p) => ({ value: p.key, label: p.name }))}
      />
      <TextField
        meta={fields.identifier}
        label={t("identity.identifier")}
        help={providers
          .map((p) =>
            p.idClaim === "sub"
              ? t("identity.identifierHelpSub", { provider: p.name })
              : t("identity.identifierHelpClaim", { provider: p.name, claim: p.idClaim }),
          )
          .join(" ")}
        autoComplete="off"
        required
      />
      <div>
        <SubmitButton variant="secondary">{t("identity.link")}</SubmitButton>
      </div>
    </Form>
  );
}

/** Changes whenever the list of links does, as a form id can hold it. */
function linksVersion(links: UserSignIn["links"]): string {
  const last = links.at(-1);
  return `${links.length}${last ? `-${last.createdAt}` : ""}`.replace(/[^a-zA-Z0-9-]/g, "");
}

export function UserSignInSection({ signIn }: { signIn: UserSignIn }) {
  const { t } = useTranslation();
  const { links, providers, secondFactor } = signIn;
  return (
    <section aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{t("identity.signInHeading")}</h2>
      <div className="two-columns">
        <div>
          <h3>{t("identity.linkedIdentities")}</h3>
          {links.length === 0 ? (
            <EmptyState>{t("identity.noLinks")}</EmptyState>
          ) : (
            <ul className="identity-list">
              {links.map((link) => (
                <li key={`${link.issuer} ${link.subject}`}>
                  <dl className="facts facts--compact">
                    <dt>{t("identity.provider")}</dt>
                    <dd>{link.providerName ?? <span className="muted">{t("identity.providerGone")}</span>}</dd>
                    <dt>{t("identity.identifier")}</dt>
                    <dd>
                      <code>{link.subject}</code>
                    </dd>
                    <dt>{t("identity.issuer")}</dt>
                    <dd>{link.issuer}</dd>
                  </dl>
                  <details>
                    <summary>
                      {t("identity.unlink")}
                      <span className="visually-hidden"> {link.subject}</span>
                    </summary>
                    <p>{t("identity.unlinkQuestion")}</p>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value={UNLINK_INTENT} />
                      <input type="hidden" name="issuer" value={link.issuer} />
                      <input type="hidden" name="subject" value={link.subject} />
                      <SubmitButton variant="danger">{t("identity.unlinkYes")}</SubmitButton>
                    </Form>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{t("identity.linkHeading")}</h3>
          {providers.length === 0 ? (
            <p>{t("identity.userHasNoProvider")}</p>
          ) : (
            <LinkForm providers={providers} version={linksVersion(links)} />
          )}
        </div>
      </div>
      <h3>{t("identity.userSecondFactor")}</h3>
      <p>
        {secondFactor.enrolled
          ? t("identity.userEnrolled", { count: secondFactor.recoveryCodesLeft })
          : t("identity.userNotEnrolled")}{" "}
        {secondFactor.required ? t("identity.userRequired") : t("identity.userNotRequired")}
      </p>
      {secondFactor.enrolled ? (
        <details>
          <summary>{t("identity.resetSecondFactor")}</summary>
          <p>{t("identity.resetSecondFactorHint")}</p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value={RESET_SECOND_FACTOR_INTENT} />
            <SubmitButton variant="danger">{t("identity.resetSecondFactorYes")}</SubmitButton>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

export function OrganisationSignInSection({ signIn }: { signIn: OrganisationSignIn }) {
  const { t } = useTranslation();
  const [form, fields] = useAppForm<{ secondFactorRequired: boolean }>({
    intent: SECOND_FACTOR_SWITCH_INTENT,
    id: `${SECOND_FACTOR_SWITCH_INTENT}-${signIn.secondFactorRequired}`,
    defaultValue: { secondFactorRequired: signIn.secondFactorRequired ? "on" : undefined },
  });
  return (
    <section aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{t("identity.signInHeading")}</h2>
      <dl className="facts">
        <dt>{t("identity.organisationProvider")}</dt>
        <dd>
          {signIn.providers.length === 0
            ? t("identity.organisationNoProvider")
            : signIn.providers
                .map((p) => t("identity.organisationProviderValue", { name: p.name, claim: p.idClaim }))
                .join(", ")}
        </dd>
        <dt>{t("identity.passwordSignIn")}</dt>
        <dd>{signIn.passwordSignIn ? t("identity.passwordAllowed") : t("identity.passwordNotAllowed")}</dd>
      </dl>
      <p className="field__help">{t("identity.operatorConfigured")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value={SECOND_FACTOR_SWITCH_INTENT} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <CheckboxField
          meta={fields.secondFactorRequired}
          label={t("identity.secondFactorRequired")}
          help={t("identity.secondFactorRequiredHint")}
        />
        <div>
          <SubmitButton variant="secondary">{t("identity.saveSecondFactorRequired")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}
