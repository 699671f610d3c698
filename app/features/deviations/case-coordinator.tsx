// The coordinator's side of a case: who reported it, triage, routing, the steering group's
// agenda and publishing, closing and escalation, reopening. A manager handling a routine case of
// their own organisation gets the same panel without what belongs to the partnership (kind and
// parties, routing, the steering group's agenda, publishing), and the reporter only when the
// reporter is of the manager's organisation.
import { Form } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  CLOSING_OUTCOMES,
  DEVIATION_CATEGORIES,
  DEVIATION_CONSEQUENCES,
  DEVIATION_KINDS,
  ESCALATION_LEVELS,
} from "#db/schema";
import { CheckboxGroup, RadioGroup, SelectField, SubmitButton, TextareaField, TextField } from "~/components/forms";
import { formatDate } from "~/lib/time";
import { CaseForm } from "./case-form";
import { mayPublish, nextActionFor, type NextAction } from "./steps";
import type { DeviationCase } from "./mapping";

type Section = "triage" | "route" | "agenda" | "close" | "reopen";

export function CoordinatorPanel({
  theCase: c,
  organisations,
  defaultAnswerBy,
  asManager = false,
}: {
  theCase: DeviationCase;
  organisations: { id: string; name: string }[];
  defaultAnswerBy: string;
  asManager?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const open = c.status !== "closed";
  const organisationOptions = organisations.map((o) => ({ value: o.id, label: o.name }));
  const escalationOptions = ESCALATION_LEVELS.map((l) => ({ value: l, label: t(`deviations.escalationLevels.${l}`) }));
  const next = nextActionFor(c.status, asManager ? "manager" : "coordinator");
  const variant = (action: NextAction) => (action === next ? "primary" : "secondary");
  // Only what fits the step: triage until the case is routed (and once answered, to finish the
  // summary before publishing), routing while in review or awaiting answers, the steering group
  // once triaged, closing while open, reopening once closed.
  const sections: Partial<Record<Section, ReactNode>> = {
    triage:
      open && c.status !== "awaiting_response" ? (
        <section className="card" aria-labelledby="triage-heading">
          <h2 id="triage-heading">{asManager ? t("deviations.managerPanel") : t("deviations.triage")}</h2>
          <CaseForm<{ kind: string; category: string; consequence: string; partyIds: string[]; summary: string }>
            intent="triage"
            defaultValue={{
              kind: c.kind,
              category: c.category,
              consequence: c.consequence,
              partyIds: c.parties.map((p) => p.id),
              summary: c.summary,
            }}
          >
            {(fields) => (
              <>
                {asManager ? (
                  <input type="hidden" name={fields.kind.name} value="routine" />
                ) : (
                  <RadioGroup
                    meta={fields.kind}
                    legend={t("deviations.kind")}
                    required
                    options={DEVIATION_KINDS.map((k) => ({ value: k, label: t(`deviations.kinds.${k}`) }))}
                  />
                )}
                <SelectField
                  meta={fields.category}
                  label={t("deviations.category")}
                  required
                  options={DEVIATION_CATEGORIES.map((v) => ({ value: v, label: t(`deviations.categories.${v}`) }))}
                />
                <SelectField
                  meta={fields.consequence}
                  label={t("deviations.consequence")}
                  required
                  options={DEVIATION_CONSEQUENCES.map((v) => ({
                    value: v,
                    label: t(`deviations.consequences.${v}`),
                  }))}
                />
                {asManager ? null : (
                  <CheckboxGroup
                    meta={fields.partyIds}
                    legend={t("deviations.parties")}
                    options={organisationOptions}
                  />
                )}
                <TextareaField
                  meta={fields.summary}
                  label={t("deviations.summary")}
                  help={t("deviations.summaryHint")}
                  rows={4}
                  required
                />
                <SubmitButton variant={variant("triage")}>{t("deviations.saveTriage")}</SubmitButton>
              </>
            )}
          </CaseForm>
        </section>
      ) : null,
    route:
      !asManager && (c.status === "in_review" || c.status === "awaiting_response") ? (
        <section className="card" aria-labelledby="route-heading">
          <h2 id="route-heading">{t("deviations.route")}</h2>
          <p className="field__help">{t("deviations.routeHint")}</p>
          <CaseForm<{ organisationIds: string[]; answerBy: string }>
            intent="route"
            defaultValue={{ organisationIds: c.parties.map((p) => p.id), answerBy: c.answerBy ?? defaultAnswerBy }}
          >
            {(fields) => (
              <>
                <CheckboxGroup
                  meta={fields.organisationIds}
                  legend={t("deviations.routeTo")}
                  options={organisationOptions}
                />
                <TextField meta={fields.answerBy} label={t("deviations.answerBy")} type="date" required />
                <SubmitButton variant={variant("route")}>{t("deviations.route")}</SubmitButton>
              </>
            )}
          </CaseForm>
        </section>
      ) : null,
    agenda:
      !asManager && c.status !== "submitted" ? (
        <section className="card" aria-labelledby="steering-heading">
          <h2 id="steering-heading">{t("deviations.agenda")}</h2>
          <CaseForm<{ agendaDate: string }> intent="agenda" defaultValue={{ agendaDate: c.agendaDate ?? "" }}>
            {(fields) => (
              <>
                <TextField meta={fields.agendaDate} label={t("deviations.agendaDate")} type="date" />
                <SubmitButton variant="secondary">{t("deviations.setAgenda")}</SubmitButton>
              </>
            )}
          </CaseForm>
          {c.publishedAt || mayPublish(c.status) ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value={c.publishedAt ? "unpublish" : "publish"} />
              <SubmitButton variant="secondary">
                {c.publishedAt ? t("deviations.unpublish") : t("deviations.publish")}
              </SubmitButton>
            </Form>
          ) : (
            <p className="field__help">{t("deviations.publishAfterAnswer")}</p>
          )}
        </section>
      ) : null,
    close: open ? (
      <section className="card" aria-labelledby="close-heading">
        <h2 id="close-heading">{t("deviations.close")}</h2>
        <CaseForm<{ outcome: string; escalationLevel: string; note: string }>
          intent="close"
          defaultValue={{ escalationLevel: c.escalationLevel ?? "" }}
        >
          {(fields) => (
            <>
              <SelectField
                meta={fields.outcome}
                label={t("deviations.closingOutcome")}
                required
                placeholder=""
                options={CLOSING_OUTCOMES.map((o) => ({ value: o, label: t(`deviations.closingOutcomes.${o}`) }))}
              />
              <SelectField
                meta={fields.escalationLevel}
                label={t("deviations.escalationLevel")}
                help={t("deviations.escalationLevelHelp")}
                placeholder=""
                options={escalationOptions}
              />
              <TextareaField meta={fields.note} label={t("deviations.closingNote")} rows={4} required />
              <SubmitButton variant={variant("close")}>{t("deviations.close")}</SubmitButton>
            </>
          )}
        </CaseForm>
      </section>
    ) : null,
    reopen: open ? null : (
      <section className="card" aria-labelledby="reopen-heading">
        <h2 id="reopen-heading">{t("deviations.reopen")}</h2>
        <CaseForm<{ reason: string }> intent="reopen">
          {(fields) => (
            <>
              <TextareaField meta={fields.reason} label={t("deviations.reopenReason")} rows={2} required />
              <SubmitButton variant="secondary">{t("deviations.reopen")}</SubmitButton>
            </>
          )}
        </CaseForm>
      </section>
    ),
  };
  // The next natural action comes first, right under who reported the case.
  const order = (["triage", "route", "close", "reopen", "agenda"] as Section[]).sort(
    (a, b) => Number(b === next) - Number(a === next),
  );
  return (
    <>
      <section className="card" aria-labelledby="reporter-heading">
        <h2 id="reporter-heading">{t("deviations.reporter")}</h2>
        {c.reporter ? (
          <p>
            {c.reporter.name}, {c.reporter.organisationName} ({t(`roles.${c.reporter.role as "caseworker"}`)})
            <br />
            <span className="muted">
              {t("deviations.reportedOn", { date: formatDate(c.createdAt, i18n.language) })}
            </span>
          </p>
        ) : (
          <p>{t("deviations.reporterOtherOrganisation")}</p>
        )}
        <p className="field__help">{t("deviations.reporterHidden")}</p>
      </section>
      {order.map((key) => (
        <Fragment key={key}>{sections[key]}</Fragment>
      ))}
    </>
  );
}
