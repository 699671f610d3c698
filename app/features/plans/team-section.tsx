// The plan's team, with who is not yet covered by a consent.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SubmitButton, useReplyFor } from "~/components/forms";
import { compositionWarnings } from "./composition";
import type { PlanView } from "./plan-view";

export function TeamSection({ page }: { page: PlanView }) {
  const { t } = useTranslation();
  const addReply = useReplyFor("add-member");
  const removeReply = useReplyFor("remove-member");
  const reply = (addReply ?? removeReply)?.result;
  const covered = new Set(page.coveredOrganisationIds);
  const { plan } = page;
  return (
    <section aria-labelledby="team-heading" className="card">
      <h2 id="team-heading">{t("plans.team")}</h2>
      <p className="field__help">{t("plans.teamHint")}</p>
      {compositionWarnings(
        plan.kind,
        page.team.map((m) => m.organisationKind),
      ).map((w) => (
        <p key={w} className="callout callout--warning" role="note">
          {t(`plans.composition.${w}`)}
        </p>
      ))}
      <FormErrors errors={reply?.error?.[""] ?? null} />
      <ul className="grant-list">
        {page.team.map((m) => {
          const uncovered = m.organisationId !== plan.leadOrganisationId && !covered.has(m.organisationId);
          return (
            <li key={m.id}>
              <span>
                {m.name}
                <br />
                <span className="muted">{m.organisationName}</span>
                {uncovered ? (
                  <>
                    {" "}
                    <span className="badge badge--warning">{t("plans.notCovered")}</span>
                  </>
                ) : null}
              </span>
              {m.id !== plan.leadUserId ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove-member" />
                  <input type="hidden" name="memberId" value={m.id} />
                  <button type="submit" className="button button--quiet">
                    {t("plans.removeMember")}
                    <span className="visually-hidden"> {m.name}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
      {page.candidates.length > 0 ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="add-member" />
          <div className="field">
            <label htmlFor="add-member">{t("plans.member")}</label>
            <select id="add-member" name="memberId" required>
              <option value="" />
              {page.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} – {c.organisationName}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton variant="secondary">{t("plans.addMember")}</SubmitButton>
        </Form>
      ) : (
        <p className="muted">{t("plans.noCandidates")}</p>
      )}
    </section>
  );
}
