// Decisions taken at the meeting, each of which can become a plan action.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  CheckboxField,
  FormErrors,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useAppForm,
  useReplyFor,
} from "~/components/forms";
import { formatDate } from "~/lib/time";
import type { Decision, MeetingPage } from "./meeting-types";

/** What the action answers when turning one decision into an action fails: which decision it was. */
export interface DecisionActionDetail {
  decisionId: string;
}

export function DecisionsSection({ page }: { page: MeetingPage }) {
  const { t } = useTranslation();
  // A new id after each saved decision gives an empty form.
  const [form, fields] = useAppForm<{
    text: string;
    makeAction: boolean;
    responsibleOrganisationId: string;
    dueDate: string;
  }>({ intent: "add-decision", id: `add-decision-${page.decisions.length}` });
  const organisationOptions = page.organisations.map((o) => ({ value: o.id, label: o.name }));
  return (
    <section className="card" aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">{t("meetings.decisions")}</h2>
      {page.decisions.length === 0 ? <p className="muted">{t("meetings.noDecisions")}</p> : null}
      <ul className="action-list">
        {page.decisions.map((d) => (
          <DecisionItem key={d.id} decision={d} canDecide={page.canDecide} organisationOptions={organisationOptions} />
        ))}
      </ul>
      {page.canDecide ? (
        <Form method="post" {...getFormProps(form)} key={form.id} className="stack add-form">
          <input type="hidden" name="intent" value="add-decision" />
          <h3>{t("meetings.addDecision")}</h3>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextareaField meta={fields.text} label={t("meetings.decision")} rows={2} required />
          <CheckboxField meta={fields.makeAction} label={t("meetings.makeAction")} />
          <div className="field-row">
            <SelectField
              meta={fields.responsibleOrganisationId}
              label={t("meetings.responsibleOrganisation")}
              placeholder=""
              options={organisationOptions}
            />
            <TextField meta={fields.dueDate} label={t("meetings.dueDate")} type="date" />
          </div>
          <SubmitButton variant="secondary">{t("meetings.addDecision")}</SubmitButton>
        </Form>
      ) : page.canManage && page.meeting.status === "scheduled" ? (
        <p className="muted">{t("meetings.decisionsLater")}</p>
      ) : null}
    </section>
  );
}

function DecisionItem({
  decision: d,
  canDecide,
  organisationOptions,
}: {
  decision: Decision;
  canDecide: boolean;
  organisationOptions: { value: string; label: string }[];
}) {
  const { t, i18n } = useTranslation();
  const reply = useReplyFor<DecisionActionDetail>("decision-action");
  const errors =
    reply?.detail?.decisionId === d.id
      ? Object.values(reply.result?.error ?? {})
          .flat()
          .filter((e): e is string => Boolean(e))
      : [];
  const status = t(`plans.actionStatuses.${d.actionStatus ?? "planned"}`).toLowerCase();
  return (
    <li className="action">
      <p className="action__description preserve-lines">{d.text}</p>
      {d.actionId ? (
        <p className="muted">
          {d.actionDueDate
            ? t("meetings.becameActionDue", {
                organisation: d.actionOrganisationName ?? "",
                status,
                date: formatDate(d.actionDueDate, i18n.language),
              })
            : t("meetings.becameAction", { organisation: d.actionOrganisationName ?? "", status })}
        </p>
      ) : canDecide ? (
        <Form method="post" className="action__form">
          <input type="hidden" name="intent" value="decision-action" />
          <input type="hidden" name="decisionId" value={d.id} />
          <FormErrors errors={errors} />
          <div className="field">
            <label htmlFor={`org-${d.id}`}>{t("meetings.responsibleOrganisation")}</label>
            <select id={`org-${d.id}`} name="responsibleOrganisationId" defaultValue="">
              <option value="" />
              {organisationOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`due-${d.id}`}>{t("meetings.dueDate")}</label>
            <input id={`due-${d.id}`} type="date" name="dueDate" />
          </div>
          <button type="submit" className="button button--secondary">
            {t("meetings.toAction")}
            <span className="visually-hidden">: {d.text}</span>
          </button>
        </Form>
      ) : null}
    </li>
  );
}
