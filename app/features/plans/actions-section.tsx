// Who does what: the plan's actions, each saved on its own, and the form for a new one.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ACTION_STATUSES } from "#db/schema";
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
import type { ActionConflict, PlanAction, PlanView } from "./plan-view";

function ActionItem({ action: a }: { action: PlanAction }) {
  const { t, i18n } = useTranslation();
  const reply = useReplyFor<ActionConflict>("update-action");
  const conflict = reply?.detail?.actionId === a.id ? reply.detail : undefined;
  // A form that did not parse (no conflict) shows its errors by the action it was about.
  const errors =
    reply && !reply.detail && reply.result?.initialValue?.actionId === a.id
      ? Object.values(reply.result.error ?? {})
          .flat()
          .filter((e): e is string => Boolean(e))
      : null;
  return (
    <li className={a.overdue ? "action action--overdue" : "action"}>
      <p className="action__description preserve-lines">{a.description}</p>
      <p className="muted">
        {a.insatsType ? `${a.insatsType} · ` : ""}
        {a.organisationName}
        {a.userName ? `, ${a.userName}` : ""}
        {a.startDate ? ` · ${t("plans.startDate")} ${formatDate(a.startDate, i18n.language)}` : ""}
        {a.dueDate ? ` · ${t("plans.dueDate")} ${formatDate(a.dueDate, i18n.language)}` : ""}
        {a.overdue ? (
          <>
            {" "}
            <span className="badge badge--warning">{t("plans.overdue")}</span>
          </>
        ) : null}
      </p>
      {conflict ? (
        <p className="form-errors" role="alert">
          {t("plans.actionConflict", {
            saved: t(`plans.actionStatuses.${conflict.saved.status}`),
            yours: t(`plans.actionStatuses.${conflict.attempted.status}`),
          })}
        </p>
      ) : null}
      {errors ? <FormErrors errors={errors} /> : null}
      <Form method="post" className="action__form">
        <input type="hidden" name="intent" value="update-action" />
        <input type="hidden" name="actionId" value={a.id} />
        <input type="hidden" name="version" value={conflict ? conflict.saved.version : a.version} />
        <div className="field">
          <label htmlFor={`status-${a.id}`}>{t("plans.actionStatus")}</label>
          <select id={`status-${a.id}`} name="status" defaultValue={conflict ? conflict.attempted.status : a.status}>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`plans.actionStatuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`due-${a.id}`}>{t("plans.dueDate")}</label>
          <input
            id={`due-${a.id}`}
            type="date"
            name="dueDate"
            defaultValue={conflict ? (conflict.attempted.dueDate ?? "") : (a.dueDate ?? "")}
          />
        </div>
        <button type="submit" className="button button--secondary">
          {t("plans.updateAction")}
          <span className="visually-hidden">: {a.description}</span>
        </button>
      </Form>
    </li>
  );
}

export function ActionsSection({ page, open = false }: { page: PlanView; open?: boolean }) {
  const { t } = useTranslation();
  const [form, fields] = useAppForm<{
    description: string;
    responsibleOrganisationId: string;
    responsibleUserId: string;
    startDate: string;
    dueDate: string;
    status: string;
    insatsType: string;
    byPerson: string;
  }>({ intent: "add-action", defaultValue: { status: "planned" } });
  return (
    <section aria-labelledby="actions-heading" className="card">
      <h2 id="actions-heading">{t("plans.actions")}</h2>
      {page.actions.length === 0 ? <p className="empty-state">{t("plans.noActions")}</p> : null}
      <ul className="action-list">
        {page.actions.map((a) => (
          <ActionItem key={a.id} action={a} />
        ))}
      </ul>
      <details className="add-form" open={open || Boolean(form.errors || Object.values(fields).some((f) => f.errors))}>
        <summary>{t("plans.addAction")}</summary>
        <Form method="post" {...getFormProps(form)} className="stack" key={page.actions.length}>
          <input type="hidden" name="intent" value="add-action" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextareaField meta={fields.description} label={t("plans.actionDescription")} rows={2} required />
          <CheckboxField meta={fields.byPerson} label={t("planPage.byPersonField")} help={t("planPage.byPersonHelp")} />
          <SelectField
            meta={fields.insatsType}
            label={t("plans.insatsType")}
            required
            placeholder=""
            options={page.settings.actionTypes.map((type) => ({ value: type, label: type }))}
          />
          <SelectField
            meta={fields.responsibleOrganisationId}
            label={t("plans.responsibleOrganisation")}
            required
            placeholder=""
            options={page.organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <SelectField
            meta={fields.responsibleUserId}
            label={t("plans.responsibleUser")}
            placeholder={t("plans.nobody")}
            options={page.team.map((m) => ({ value: m.id, label: `${m.name} – ${m.organisationName}` }))}
          />
          <div className="field-row">
            <TextField meta={fields.startDate} label={t("plans.startDate")} type="date" />
            <TextField meta={fields.dueDate} label={t("plans.dueDate")} type="date" />
          </div>
          <SelectField
            meta={fields.status}
            label={t("plans.actionStatus")}
            options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`plans.actionStatuses.${s}`) }))}
          />
          <SubmitButton variant="secondary">{t("plans.addAction")}</SubmitButton>
        </Form>
      </details>
    </section>
  );
}
