// One deviation case, shown as the viewer may see it (see deviations.server.ts for who sees what).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  CLOSING_OUTCOMES,
  DEVIATION_CATEGORIES,
  DEVIATION_CONSEQUENCES,
  DEVIATION_KINDS,
  ESCALATION_LEVELS,
} from "#db/schema";
import {
  CheckboxGroup,
  FormErrors,
  RadioGroup,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
} from "~/components/forms";
import { formatDate, formatDateTime } from "~/lib/time";
import type { DeviationCase } from "./deviations.server";

export interface CaseActionResult {
  intent: string;
  result?: SubmissionResult<string[]>;
}

function useReply(intent: string) {
  const actionData = useActionData<CaseActionResult>();
  return actionData?.intent === intent ? actionData.result : undefined;
}

/** A small Conform form for one intent: errors and typed values come back on a 400. */
function IntentForm({
  intent,
  defaultValue,
  children,
}: {
  intent: string;
  defaultValue?: Record<string, unknown>;
  children: (fields: ReturnType<typeof useForm<Record<string, string | string[]>>>[1]) => ReactNode;
}) {
  const [form, fields] = useForm<Record<string, string | string[]>>({
    id: `case-${intent}`,
    lastResult: useReply(intent),
    defaultValue: defaultValue as never,
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value={intent} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {children(fields)}
    </Form>
  );
}

type Props = {
  theCase: DeviationCase;
  organisations: { id: string; name: string }[];
  defaultAnswerBy: string;
  ownOrganisationId: string;
};

export function CasePage({ theCase: c, organisations, defaultAnswerBy, ownOrganisationId }: Props) {
  // Forms start empty again after a successful save: they are keyed on what saving changes.
  const saved = `${c.version}-${c.answers.length}-${c.messages.length}`;
  const { t, i18n } = useTranslation();
  const isCoordinator = c.viewers.includes("coordinator");
  const isReporter = c.viewers.includes("reporter");
  const isContact = c.viewers.includes("contact");
  const open = c.status !== "closed";
  const myRoute = c.routes.find((r) => r.id === ownOrganisationId);
  const date = (d: string | null) => formatDate(d, i18n.language);

  return (
    <article className="case">
      <header>
        <p className="plan__kind">
          {c.partnershipName} ·{" "}
          <span className={`badge badge--dev-${c.status}`}>{t(`deviations.statuses.${c.status}`)}</span>
          {c.publishedAt ? ` · ${t("deviations.isPublished", { date: date(c.publishedAt) })}` : ""}
          {c.agendaDate ? ` · ${t("deviations.onAgenda", { date: date(c.agendaDate) })}` : ""}
        </p>
        <h1>{t("deviations.caseTitle", { number: c.number })}</h1>
      </header>
      <div className="plan__layout">
        <div className="plan__main">
          <section className="card" aria-labelledby="case-facts">
            <h2 id="case-facts">{t("deviations.lexHeller")}</h2>
            <dl className="facts">
              <dt>{t("deviations.eventDate")}</dt>
              <dd>{date(c.eventDate)}</dd>
              <dt>{t("deviations.kind")}</dt>
              <dd>{t(`deviations.kinds.${c.kind}`)}</dd>
              <dt>{t("deviations.category")}</dt>
              <dd>{t(`deviations.categories.${c.category}`)}</dd>
              <dt>{t("deviations.consequence")}</dt>
              <dd>{t(`deviations.consequences.${c.consequence}`)}</dd>
              <dt>{t("deviations.parties")}</dt>
              <dd>{c.parties.map((p) => p.name).join(", ") || t("common.none")}</dd>
              {c.escalationLevel ? (
                <>
                  <dt>{t("deviations.escalationLevel")}</dt>
                  <dd>{t(`deviations.escalationLevels.${c.escalationLevel}`)}</dd>
                </>
              ) : null}
              {c.planId ? (
                <>
                  <dt>{t("deviations.linkedPlan")}</dt>
                  <dd>
                    <Link to={`/plans/${c.planId}`}>{t("deviations.openPlan")}</Link>
                  </dd>
                </>
              ) : null}
            </dl>
            <h3>{t("deviations.summary")}</h3>
            <p className="preserve-lines">{c.summary || <span className="muted">{t("deviations.noSummary")}</span>}</p>
            <h3>{t("deviations.description")}</h3>
            <p className="preserve-lines">{c.description}</p>
            {c.triedLocally ? (
              <>
                <h3>{t("deviations.triedLocally")}</h3>
                <p className="preserve-lines">{c.triedLocally}</p>
              </>
            ) : null}
            {c.suggestedImprovement ? (
              <>
                <h3>{t("deviations.suggestedImprovement")}</h3>
                <p className="preserve-lines">{c.suggestedImprovement}</p>
              </>
            ) : null}
          </section>

          {c.closingOutcome ? (
            <section className="card callout" aria-labelledby="outcome-heading">
              <h2 id="outcome-heading">{t("deviations.outcome")}</h2>
              <p>
                <strong>{t(`deviations.closingOutcomes.${c.closingOutcome}`)}</strong>
                {c.closedAt ? ` – ${date(c.closedAt)}` : ""}
              </p>
              {c.closingNote ? <p className="preserve-lines">{c.closingNote}</p> : null}
            </section>
          ) : null}

          <section className="card" aria-labelledby="routes-heading">
            <h2 id="routes-heading">{t("deviations.routes")}</h2>
            {c.routes.length === 0 ? <p className="muted">{t("deviations.noRoutes")}</p> : null}
            <ul className="plain-list">
              {c.routes.map((r) => (
                <li key={r.id}>
                  <strong>{r.name}</strong>:{" "}
                  {r.answered_at
                    ? t("deviations.answeredOn", { date: date(r.answered_at) })
                    : t("deviations.awaiting", { date: date(r.answer_by) })}
                  {r.overdue ? (
                    <>
                      {" "}
                      <span className="badge badge--warning">{t("deviations.overdue")}</span>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
            <ol className="timeline">
              {c.answers.map((a) => (
                <li key={a.id}>
                  <p>
                    <strong>{a.organisation_name}</strong>{" "}
                    <span className="muted">– {formatDateTime(a.created_at, i18n.language)}</span>
                  </p>
                  <p className="preserve-lines">{a.body}</p>
                </li>
              ))}
            </ol>
            {open && ((isContact && myRoute) || (isCoordinator && c.routes.length > 0)) ? (
              <IntentForm intent="answer" key={`answer-${saved}`}>
                {(fields) => (
                  <>
                    {isCoordinator && !isContact ? (
                      <SelectField
                        meta={fields.organisationId as never}
                        label={t("deviations.answerFor")}
                        required
                        placeholder=""
                        options={c.routes.map((r) => ({ value: r.id, label: r.name }))}
                      />
                    ) : null}
                    <TextareaField meta={fields.body as never} label={t("deviations.answer")} rows={4} required />
                    <SubmitButton variant="secondary">
                      {isCoordinator && !isContact ? t("deviations.recordAnswer") : t("deviations.sendAnswer")}
                    </SubmitButton>
                  </>
                )}
              </IntentForm>
            ) : null}
          </section>

          {isCoordinator || isReporter ? (
            <section className="card" aria-labelledby="questions-heading">
              <h2 id="questions-heading">{t("deviations.questions")}</h2>
              {c.messages.length === 0 ? <p className="muted">{t("deviations.noQuestions")}</p> : null}
              <ol className="timeline">
                {c.messages.map((m) => (
                  <li key={m.id}>
                    <p>
                      <strong>{m.kind === "question" ? t("deviations.question") : t("deviations.reply")}</strong>{" "}
                      <span className="muted">– {formatDateTime(m.created_at, i18n.language)}</span>
                    </p>
                    <p className="preserve-lines">{m.body}</p>
                  </li>
                ))}
              </ol>
              {isCoordinator && open ? (
                <IntentForm intent="ask" key={`ask-${saved}`}>
                  {(fields) => (
                    <>
                      <TextareaField meta={fields.body as never} label={t("deviations.question")} rows={2} required />
                      <SubmitButton variant="secondary">{t("deviations.ask")}</SubmitButton>
                    </>
                  )}
                </IntentForm>
              ) : null}
              {isReporter && !isCoordinator && open && c.messages.some((m) => m.kind === "question") ? (
                <IntentForm intent="reply" key={`reply-${saved}`}>
                  {(fields) => (
                    <>
                      <TextareaField meta={fields.body as never} label={t("deviations.reply")} rows={3} required />
                      <SubmitButton variant="secondary">{t("deviations.sendReply")}</SubmitButton>
                    </>
                  )}
                </IntentForm>
              ) : null}
            </section>
          ) : null}
        </div>

        <div className="plan__side">
          {isCoordinator ? (
            <>
              <section className="card" aria-labelledby="reporter-heading">
                <h2 id="reporter-heading">{t("deviations.reporter")}</h2>
                {c.reporter ? (
                  <p>
                    {c.reporter.name}, {c.reporter.organisation_name} ({t(`roles.${c.reporter.role as "caseworker"}`)})
                    <br />
                    <span className="muted">{t("deviations.reportedOn", { date: date(c.createdAt) })}</span>
                  </p>
                ) : null}
                <p className="field__help">{t("deviations.reporterHidden")}</p>
              </section>
              {open ? (
                <section className="card" aria-labelledby="triage-heading">
                  <h2 id="triage-heading">{t("deviations.triage")}</h2>
                  <IntentForm
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
                        <RadioGroup
                          meta={fields.kind as never}
                          legend={t("deviations.kind")}
                          required
                          options={DEVIATION_KINDS.map((k) => ({ value: k, label: t(`deviations.kinds.${k}`) }))}
                        />
                        <SelectField
                          meta={fields.category as never}
                          label={t("deviations.category")}
                          required
                          options={DEVIATION_CATEGORIES.map((v) => ({
                            value: v,
                            label: t(`deviations.categories.${v}`),
                          }))}
                        />
                        <SelectField
                          meta={fields.consequence as never}
                          label={t("deviations.consequence")}
                          required
                          options={DEVIATION_CONSEQUENCES.map((v) => ({
                            value: v,
                            label: t(`deviations.consequences.${v}`),
                          }))}
                        />
                        <CheckboxGroup
                          meta={fields.partyIds as never}
                          legend={t("deviations.parties")}
                          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
                        />
                        <TextareaField
                          meta={fields.summary as never}
                          label={t("deviations.summary")}
                          help={t("deviations.summaryHint")}
                          rows={4}
                          required
                        />
                        <SubmitButton variant="secondary">{t("deviations.saveTriage")}</SubmitButton>
                      </>
                    )}
                  </IntentForm>
                </section>
              ) : null}
              {open && c.status !== "submitted" ? (
                <section className="card" aria-labelledby="route-heading">
                  <h2 id="route-heading">{t("deviations.route")}</h2>
                  <p className="field__help">{t("deviations.routeHint")}</p>
                  <IntentForm
                    intent="route"
                    defaultValue={{
                      organisationIds: c.parties.map((p) => p.id),
                      answerBy: c.answerBy ?? defaultAnswerBy,
                    }}
                  >
                    {(fields) => (
                      <>
                        <CheckboxGroup
                          meta={fields.organisationIds as never}
                          legend={t("deviations.routeTo")}
                          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
                        />
                        <TextField
                          meta={fields.answerBy as never}
                          label={t("deviations.answerBy")}
                          type="date"
                          required
                        />
                        <SubmitButton variant="secondary">{t("deviations.route")}</SubmitButton>
                      </>
                    )}
                  </IntentForm>
                </section>
              ) : null}
              <section className="card" aria-labelledby="steering-heading">
                <h2 id="steering-heading">{t("deviations.agenda")}</h2>
                <IntentForm intent="agenda" defaultValue={{ agendaDate: c.agendaDate ?? "" }}>
                  {(fields) => (
                    <>
                      <TextField meta={fields.agendaDate as never} label={t("deviations.agendaDate")} type="date" />
                      <SubmitButton variant="secondary">{t("deviations.setAgenda")}</SubmitButton>
                    </>
                  )}
                </IntentForm>
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value={c.publishedAt ? "unpublish" : "publish"} />
                  <SubmitButton variant="secondary">
                    {c.publishedAt ? t("deviations.unpublish") : t("deviations.publish")}
                  </SubmitButton>
                </Form>
              </section>
              {open ? (
                <section className="card" aria-labelledby="close-heading">
                  <h2 id="close-heading">{t("deviations.close")}</h2>
                  <IntentForm intent="close">
                    {(fields) => (
                      <>
                        <SelectField
                          meta={fields.outcome as never}
                          label={t("deviations.closingOutcome")}
                          required
                          placeholder=""
                          options={CLOSING_OUTCOMES.map((o) => ({
                            value: o,
                            label: t(`deviations.closingOutcomes.${o}`),
                          }))}
                        />
                        <SelectField
                          meta={fields.escalationLevel as never}
                          label={t("deviations.escalationLevel")}
                          placeholder=""
                          options={ESCALATION_LEVELS.map((l) => ({
                            value: l,
                            label: t(`deviations.escalationLevels.${l}`),
                          }))}
                        />
                        <TextareaField
                          meta={fields.note as never}
                          label={t("deviations.closingNote")}
                          rows={4}
                          required
                        />
                        <SubmitButton>{t("deviations.close")}</SubmitButton>
                      </>
                    )}
                  </IntentForm>
                  <IntentForm intent="escalate">
                    {(fields) => (
                      <>
                        <SelectField
                          meta={fields.level as never}
                          label={t("deviations.escalationLevel")}
                          required
                          placeholder=""
                          options={ESCALATION_LEVELS.map((l) => ({
                            value: l,
                            label: t(`deviations.escalationLevels.${l}`),
                          }))}
                        />
                        <SubmitButton variant="secondary">{t("deviations.escalate")}</SubmitButton>
                      </>
                    )}
                  </IntentForm>
                </section>
              ) : (
                <section className="card" aria-labelledby="reopen-heading">
                  <h2 id="reopen-heading">{t("deviations.reopen")}</h2>
                  <IntentForm intent="reopen">
                    {(fields) => (
                      <>
                        <TextareaField
                          meta={fields.reason as never}
                          label={t("deviations.reopenReason")}
                          rows={2}
                          required
                        />
                        <SubmitButton variant="secondary">{t("deviations.reopen")}</SubmitButton>
                      </>
                    )}
                  </IntentForm>
                </section>
              )}
            </>
          ) : null}
        </div>
      </div>
      {isCoordinator ? (
        <section className="card plan__history" aria-labelledby="case-history">
          <details>
            <summary>
              <h2 id="case-history" className="inline-heading">
                {t("deviations.history")}
              </h2>
            </summary>
            <ol className="timeline">
              {c.events.map((e) => (
                <li key={e.id}>
                  {formatDateTime(e.occurred_at, i18n.language)} – {e.user_name}:{" "}
                  {t(`deviations.changes.${e.change}` as never, { defaultValue: e.change }) as string}
                  {e.details && "reason" in e.details ? ` (${String(e.details.reason)})` : ""}
                </li>
              ))}
            </ol>
          </details>
        </section>
      ) : null}
    </article>
  );
}
