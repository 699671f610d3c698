// One deviation case, shown as the viewer may see it (app/features/access/deviation-policy.ts
// decides who sees what; the server has already left out what this viewer may not read).
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { formatDate, formatDateTime } from "~/lib/time";
import { CaseForm } from "./case-form";
import { CoordinatorPanel } from "./case-coordinator";
import { CaseSteps } from "./case-steps";
import type { DeviationCase } from "./mapping";

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
  const isCoordinator = c.views.includes("coordinator");
  const isReporter = c.views.includes("reporter");
  const isContact = c.views.includes("contact");
  const isManager = c.views.includes("manager");
  // Coordinators handle Lex Heller cases; managers the routine cases of their own organisation.
  const handles = isCoordinator || isManager;
  const open = c.status !== "closed";
  const myRoute = c.routes.find((r) => r.id === ownOrganisationId);
  const date = (d: string | null) => formatDate(d, i18n.language);
  // Contacts and steering members read the coordinator's summary, never the reporter's own words.
  const readsReporterText = handles || isReporter;

  return (
    <article className="case">
      <header>
        <p className="plan__kind">
          {c.partnershipName}
          {c.publishedAt ? ` · ${t("deviations.isPublished", { date: date(c.publishedAt) })}` : ""}
          {c.agendaDate ? ` · ${t("deviations.onAgenda", { date: date(c.agendaDate) })}` : ""}
        </p>
        <h1>{t("deviations.caseTitle", { number: c.number })}</h1>
        <CaseSteps status={c.status} />
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
            {readsReporterText ? (
              <>
                <h3>{t("deviations.description")}</h3>
                <p className="preserve-lines">{c.description}</p>
              </>
            ) : null}
            {readsReporterText && c.triedLocally ? (
              <>
                <h3>{t("deviations.triedLocally")}</h3>
                <p className="preserve-lines">{c.triedLocally}</p>
              </>
            ) : null}
            {readsReporterText && c.suggestedImprovement ? (
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

          {c.handler === "manager" ? (
            <p className="field__help">{t("deviations.handledByManagers")}</p>
          ) : (
            <section className="card" aria-labelledby="routes-heading">
              <h2 id="routes-heading">{t("deviations.routes")}</h2>
              {c.routes.length === 0 ? <p className="muted">{t("deviations.noRoutes")}</p> : null}
              <ul className="plain-list">
                {c.routes.map((r) => (
                  <li key={r.id}>
                    <strong>{r.name}</strong>:{" "}
                    {r.answeredAt
                      ? t("deviations.answeredOn", { date: date(r.answeredAt) })
                      : t("deviations.awaiting", { date: date(r.answerBy) })}
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
                      <strong>{a.organisationName}</strong>{" "}
                      <span className="muted">– {formatDateTime(a.createdAt, i18n.language)}</span>
                    </p>
                    <p className="preserve-lines">{a.body}</p>
                  </li>
                ))}
              </ol>
              {open && ((isContact && myRoute) || (isCoordinator && c.routes.length > 0)) ? (
                <CaseForm<{ organisationId: string; body: string }> intent="answer" key={`answer-${saved}`}>
                  {(fields) => (
                    <>
                      {isCoordinator && !isContact ? (
                        <SelectField
                          meta={fields.organisationId}
                          label={t("deviations.answerFor")}
                          required
                          placeholder=""
                          options={c.routes.map((r) => ({ value: r.id, label: r.name }))}
                        />
                      ) : null}
                      <TextareaField meta={fields.body} label={t("deviations.answer")} rows={4} required />
                      <SubmitButton variant="secondary">
                        {isCoordinator && !isContact ? t("deviations.recordAnswer") : t("deviations.sendAnswer")}
                      </SubmitButton>
                    </>
                  )}
                </CaseForm>
              ) : null}
            </section>
          )}

          {handles || isReporter ? (
            <section className="card" aria-labelledby="questions-heading">
              <h2 id="questions-heading">{t("deviations.questions")}</h2>
              {c.messages.length === 0 ? <p className="muted">{t("deviations.noQuestions")}</p> : null}
              <ol className="timeline">
                {c.messages.map((m) => (
                  <li key={m.id}>
                    <p>
                      <strong>{m.kind === "question" ? t("deviations.question") : t("deviations.reply")}</strong>{" "}
                      <span className="muted">– {formatDateTime(m.createdAt, i18n.language)}</span>
                    </p>
                    <p className="preserve-lines">{m.body}</p>
                  </li>
                ))}
              </ol>
              {handles && open ? (
                <CaseForm<{ body: string }> intent="ask" key={`ask-${saved}`}>
                  {(fields) => (
                    <>
                      <TextareaField meta={fields.body} label={t("deviations.question")} rows={2} required />
                      <SubmitButton variant="secondary">{t("deviations.ask")}</SubmitButton>
                    </>
                  )}
                </CaseForm>
              ) : null}
              {isReporter && !handles && open && c.messages.some((m) => m.kind === "question") ? (
                <CaseForm<{ body: string }> intent="reply" key={`reply-${saved}`}>
                  {(fields) => (
                    <>
                      <TextareaField meta={fields.body} label={t("deviations.reply")} rows={3} required />
                      <SubmitButton variant="secondary">{t("deviations.sendReply")}</SubmitButton>
                    </>
                  )}
                </CaseForm>
              ) : null}
            </section>
          ) : null}
        </div>

        <div className="plan__side">
          {isCoordinator ? (
            <CoordinatorPanel theCase={c} organisations={organisations} defaultAnswerBy={defaultAnswerBy} />
          ) : isManager ? (
            <CoordinatorPanel theCase={c} organisations={[]} defaultAnswerBy={defaultAnswerBy} asManager />
          ) : null}
        </div>
      </div>
      {handles ? (
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
                  {formatDateTime(e.occurredAt, i18n.language)} – {e.userName}:{" "}
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
