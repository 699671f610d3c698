// The plan page: every part of the plan, each edited in place by its own small form
// (told apart by `intent`), all working without JavaScript.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ACTION_STATUSES, PLAN_OUTCOMES } from "#db/schema";
import { CheckboxField, FormErrors, SelectField, SubmitButton, TextareaField, TextField } from "~/components/forms";
import { ConsentSection } from "~/features/consent/consent-section";
import { PlanMeetingsSection, type PlanMeetings } from "~/features/meetings/plan-meetings";
import { formatIdentityNumber } from "~/features/persons/identity-number";
import { formatDate, formatDateTime, todayInStockholm } from "~/lib/time";
import { actionSchema, closeSchema, followUpSchema, noteSchema, personSchema, planCoreSchema } from "./plans.schema";
import type { PlanPage } from "./plans.server";

export interface PlanActionResult {
  intent: string;
  result?: SubmissionResult<string[]>;
  actionId?: string;
  conflict?: { saved: ConflictValues; attempted: ConflictValues };
}

/** Either side of a stale save: the plan's own fields, or an action's. */
interface ConflictValues {
  version: number;
  goal?: string;
  needs?: string;
  nextFollowUp?: string | null;
  leadUserId?: string;
  status?: string;
  dueDate?: string | null;
  savedBy?: string;
  savedAt?: string;
}

export type PlanView = PlanPage & {
  candidates: { id: string; name: string; organisation_name: string }[];
  organisations: { id: string; name: string; kind: string }[];
  currentUserId: string;
  meetings?: PlanMeetings;
};

/** The last submission's reply, when it belongs to this form. */
export function useReplyFor(intent: string): SubmissionResult<string[]> | undefined {
  const actionData = useActionData<PlanActionResult>();
  return actionData?.intent === intent ? actionData.result : undefined;
}

export function PlanPageView({ page }: { page: PlanView }) {
  const { t, i18n } = useTranslation();
  const { plan } = page;
  return (
    <article className="plan">
      <header className="plan__header">
        <p className="plan__kind">
          {t(`plans.kinds.${plan.kind}`)} ·{" "}
          <span className={`badge badge--${plan.status}`}>{t(`plans.statuses.${plan.status}`)}</span>
        </p>
        <h1>{t("plans.planFor", { kind: t(`plans.kindShort.${plan.kind}`), name: plan.person_name })}</h1>
        <p className="muted">
          {t("plans.lead")}: {plan.lead_user_name}, {plan.lead_organisation_name} · {t("plans.nextFollowUp")}:{" "}
          {plan.next_follow_up ? formatDate(plan.next_follow_up, i18n.language) : t("plans.noFollowUpDate")}
          {plan.status === "active" && plan.next_follow_up && plan.next_follow_up < todayInStockholm() ? (
            <>
              {" "}
              <span className="badge badge--warning">{t("plans.followUpOverdue")}</span>
            </>
          ) : null}
        </p>
        <p>
          <Link to={`/plans/${plan.id}/my-plan`} className="button button--secondary">
            {t("plans.printMyPlan")}
          </Link>
        </p>
      </header>
      {page.uncoveredOrganisations.length > 0 ? (
        <p className="notice" role="status">
          {t("plans.uncoveredWarning", { organisations: page.uncoveredOrganisations.map((o) => o.name).join(", ") })}
        </p>
      ) : null}
      <div className="plan__layout">
        <div className="plan__main">
          <PlanCoreSection page={page} />
          {page.meetings ? (
            <PlanMeetingsSection planId={plan.id} meetings={page.meetings} closed={plan.status === "closed"} />
          ) : null}
          <ActionsSection page={page} />
          <FollowUpsSection page={page} />
          <NotesSection page={page} />
        </div>
        <div className="plan__side">
          <LifecycleSection page={page} />
          <PersonSection page={page} />
          <TeamSection page={page} />
          <ConsentSection page={page} />
        </div>
      </div>
      <HistorySection page={page} />
    </article>
  );
}

function ConflictPanel({
  conflict,
  leadNames,
}: {
  conflict: NonNullable<PlanActionResult["conflict"]>;
  leadNames: Map<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const rows: [string, string, string][] = (["goal", "needs", "nextFollowUp", "leadUserId"] as const).map((field) => {
    const show = (v: unknown) =>
      field === "leadUserId"
        ? (leadNames.get(String(v)) ?? "")
        : field === "nextFollowUp"
          ? formatDate(v as string, i18n.language)
          : String(v ?? "");
    return [t(`plans.historyFields.${field}`), show(conflict.saved[field]), show(conflict.attempted[field])];
  });
  return (
    <section className="conflict" role="alert" aria-labelledby="conflict-heading">
      <h3 id="conflict-heading">{t("plans.conflictTitle")}</h3>
      <p>
        {t("plans.conflictText", {
          name: conflict.saved.savedBy ?? "",
          time: formatDateTime(conflict.saved.savedAt, i18n.language),
        })}
      </p>
      <table className="table conflict__table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t("plans.conflictSaved")}</th>
            <th scope="col">{t("plans.conflictYours")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, saved, yours]) => (
            <tr key={label} className={saved !== yours ? "row--attention" : undefined}>
              <th scope="row">{label}</th>
              <td className="preserve-lines">{saved}</td>
              <td className="preserve-lines">{yours}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PlanCoreSection({ page }: { page: PlanView }) {
  const { t } = useTranslation();
  const actionData = useActionData<PlanActionResult>();
  const conflict = actionData?.intent === "save-plan" ? actionData.conflict : undefined;
  const schema = planCoreSchema(t);
  const leadCandidates = page.team.filter((m) => m.organisation_id === page.plan.lead_organisation_id);
  // On a conflict the form keeps what the user typed but is now based on the saved version,
  // so saving again is a deliberate choice made with both versions in view.
  const attempted = conflict?.attempted;
  const [form, fields] = useForm({
    id: conflict ? `plan-core-${conflict.saved.version}` : `plan-core-${page.plan.version}`,
    lastResult: useReplyFor("save-plan"),
    defaultValue: attempted
      ? {
          goal: attempted.goal ?? "",
          needs: attempted.needs ?? "",
          nextFollowUp: attempted.nextFollowUp ?? "",
          leadUserId: attempted.leadUserId ?? "",
        }
      : {
          goal: page.plan.goal,
          needs: page.plan.needs,
          nextFollowUp: page.plan.next_follow_up ?? "",
          leadUserId: page.plan.lead_user_id,
        },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section aria-labelledby="plan-core-heading" className="card">
      <h2 id="plan-core-heading">{t("plans.editPlan")}</h2>
      {conflict ? (
        <ConflictPanel conflict={conflict} leadNames={new Map(page.team.map((m) => [m.id, m.name]))} />
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="save-plan" />
        <input type="hidden" name="version" value={conflict ? conflict.saved.version : page.plan.version} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField meta={fields.goal} label={t("plans.goal")} rows={3} />
        <TextareaField meta={fields.needs} label={t("plans.needs")} rows={3} />
        <TextField
          meta={fields.nextFollowUp}
          label={t("plans.nextFollowUp")}
          type="date"
          required={page.plan.status === "active"}
        />
        <SelectField
          meta={fields.leadUserId}
          label={t("plans.leadUser")}
          required
          options={leadCandidates.map((m) => ({ value: m.id, label: m.name }))}
        />
        <div className="button-row">
          <SubmitButton>{conflict ? t("plans.conflictKeepMine") : t("plans.savePlan")}</SubmitButton>
          {conflict ? (
            <Link to="." className="button button--secondary" reloadDocument>
              {t("plans.conflictDiscard")}
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  );
}

function LifecycleSection({ page }: { page: PlanView }) {
  const { t } = useTranslation();
  const { plan } = page;
  const activateReply = useReplyFor("activate");
  const closeReplyResult = useReplyFor("close");
  const schema = closeSchema(t);
  const [closeForm, closeFields] = useForm({
    id: "close-plan",
    lastResult: closeReplyResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  if (plan.status === "closed") {
    return (
      <section aria-labelledby="lifecycle-heading" className="card">
        <h2 id="lifecycle-heading">{t("plans.lifecycle")}</h2>
        <p>
          {t("plans.statuses.closed")}: {plan.outcome ? t(`plans.outcomes.${plan.outcome}`) : ""}
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="lifecycle-heading" className="card">
      <h2 id="lifecycle-heading">{t("plans.lifecycle")}</h2>
      {!page.isLead ? <p className="muted">{t("plans.leadOnly")}</p> : null}
      {page.isLead && plan.status === "draft" ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="activate" />
          <input type="hidden" name="version" value={plan.version} />
          <FormErrors errors={activateReply?.error?.[""] ?? null} />
          <p className="field__help">{t("plans.activateHint")}</p>
          <SubmitButton>{t("plans.activate")}</SubmitButton>
        </Form>
      ) : null}
      {page.isLead ? (
        <Form method="post" {...getFormProps(closeForm)} className="stack">
          <input type="hidden" name="intent" value="close" />
          <input type="hidden" name="version" value={plan.version} />
          <FormErrors id={closeForm.errorId} errors={closeForm.errors} />
          <SelectField
            meta={closeFields.outcome}
            label={t("plans.outcome")}
            help={t("plans.closeHint")}
            required
            placeholder=""
            options={PLAN_OUTCOMES.map((o) => ({ value: o, label: t(`plans.outcomes.${o}`) }))}
          />
          <SubmitButton variant="secondary">{t("plans.close")}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}

function PersonSection({ page }: { page: PlanView }) {
  const { t } = useTranslation();
  const { plan } = page;
  const schema = personSchema(t);
  const [form, fields] = useForm({
    id: "person",
    lastResult: useReplyFor("save-person"),
    defaultValue: {
      name: plan.person_name,
      protectedIdentity: plan.protected_identity ? "on" : undefined,
      address: plan.address ?? "",
      phone: plan.phone ?? "",
      email: plan.email ?? "",
    },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section aria-labelledby="person-heading" className="card">
      <h2 id="person-heading">{t("plans.personDetails")}</h2>
      <dl className="facts">
        <dt>{t("plans.identityNumber")}</dt>
        <dd>{formatIdentityNumber(plan.identity_number)}</dd>
      </dl>
      {plan.protected_identity ? <p className="notice">{t("plans.protectedNotice")}</p> : null}
      <details>
        <summary>{t("common.edit")}</summary>
        <Form method="post" {...getFormProps(form)} className="stack">
          <input type="hidden" name="intent" value="save-person" />
          <TextField meta={fields.name} label={t("plans.personName")} autoComplete="off" required />
          <CheckboxField
            meta={fields.protectedIdentity}
            label={t("plans.protectedIdentity")}
            help={t("plans.protectedIdentityHint")}
          />
          <TextField meta={fields.address} label={t("plans.address")} autoComplete="off" />
          <TextField meta={fields.phone} label={t("plans.phone")} type="tel" autoComplete="off" />
          <TextField meta={fields.email} label={t("plans.email")} type="email" autoComplete="off" />
          <SubmitButton variant="secondary">{t("plans.savePerson")}</SubmitButton>
        </Form>
      </details>
      {!plan.protected_identity && (plan.address || plan.phone || plan.email) ? (
        <dl className="facts">
          {plan.address ? (
            <>
              <dt>{t("plans.address")}</dt>
              <dd>{plan.address}</dd>
            </>
          ) : null}
          {plan.phone ? (
            <>
              <dt>{t("plans.phone")}</dt>
              <dd>{plan.phone}</dd>
            </>
          ) : null}
          {plan.email ? (
            <>
              <dt>{t("plans.email")}</dt>
              <dd>{plan.email}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </section>
  );
}

function TeamSection({ page }: { page: PlanView }) {
  const { t } = useTranslation();
  const addReply = useReplyFor("add-member");
  const removeReply = useReplyFor("remove-member");
  const reply = addReply ?? removeReply;
  const covered = new Set(page.coveredOrganisationIds);
  return (
    <section aria-labelledby="team-heading" className="card">
      <h2 id="team-heading">{t("plans.team")}</h2>
      <p className="field__help">{t("plans.teamHint")}</p>
      <FormErrors errors={reply?.error?.[""] ?? null} />
      <ul className="grant-list">
        {page.team.map((m) => {
          const uncovered = m.organisation_id !== page.plan.lead_organisation_id && !covered.has(m.organisation_id);
          return (
            <li key={m.id}>
              <span>
                {m.name}
                <br />
                <span className="muted">{m.organisation_name}</span>
                {uncovered ? (
                  <>
                    {" "}
                    <span className="badge badge--warning">{t("plans.notCovered")}</span>
                  </>
                ) : null}
              </span>
              {m.id !== page.plan.lead_user_id ? (
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
                  {c.name} – {c.organisation_name}
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

function ActionsSection({ page }: { page: PlanView }) {
  const { t, i18n } = useTranslation();
  const actionData = useActionData<PlanActionResult>();
  const schema = actionSchema(t);
  const [form, fields] = useForm({
    id: "add-action",
    lastResult: useReplyFor("add-action"),
    defaultValue: { status: "planned" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const updateReply = useReplyFor("update-action");
  return (
    <section aria-labelledby="actions-heading" className="card">
      <h2 id="actions-heading">{t("plans.actions")}</h2>
      {page.actions.length === 0 ? <p className="empty-state">{t("plans.noActions")}</p> : null}
      <ul className="action-list">
        {page.actions.map((a) => {
          const conflict =
            actionData?.intent === "update-action" && actionData.actionId === a.id ? actionData.conflict : undefined;
          return (
            <li key={a.id} className={a.overdue ? "action action--overdue" : "action"}>
              <p className="action__description preserve-lines">{a.description}</p>
              <p className="muted">
                {a.organisation_name}
                {a.user_name ? `, ${a.user_name}` : ""}
                {a.start_date ? ` · ${t("plans.startDate")} ${formatDate(a.start_date, i18n.language)}` : ""}
                {a.due_date ? ` · ${t("plans.dueDate")} ${formatDate(a.due_date, i18n.language)}` : ""}
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
                    saved: t(`plans.actionStatuses.${conflict.saved.status as "planned"}`),
                    yours: t(`plans.actionStatuses.${conflict.attempted.status as "planned"}`),
                  })}
                </p>
              ) : null}
              {updateReply && actionData?.actionId === undefined && updateReply.initialValue?.actionId === a.id ? (
                <FormErrors
                  errors={Object.values(updateReply.error ?? {})
                    .flat()
                    .filter((e): e is string => Boolean(e))}
                />
              ) : null}
              <Form method="post" className="action__form">
                <input type="hidden" name="intent" value="update-action" />
                <input type="hidden" name="actionId" value={a.id} />
                <input type="hidden" name="version" value={conflict ? conflict.saved.version : a.version} />
                <div className="field">
                  <label htmlFor={`status-${a.id}`}>{t("plans.actionStatus")}</label>
                  <select
                    id={`status-${a.id}`}
                    name="status"
                    defaultValue={conflict ? String(conflict.attempted.status) : a.status}
                  >
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
                    defaultValue={conflict ? String(conflict.attempted.dueDate ?? "") : (a.due_date ?? "")}
                  />
                </div>
                <button type="submit" className="button button--secondary">
                  {t("plans.updateAction")}
                  <span className="visually-hidden">: {a.description}</span>
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
      <details className="add-form" open={Boolean(form.errors || Object.values(fields).some((f) => f.errors))}>
        <summary>{t("plans.addAction")}</summary>
        <Form method="post" {...getFormProps(form)} className="stack" key={page.actions.length}>
          <input type="hidden" name="intent" value="add-action" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextareaField meta={fields.description} label={t("plans.actionDescription")} rows={2} required />
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
            options={page.team.map((m) => ({ value: m.id, label: `${m.name} – ${m.organisation_name}` }))}
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

function FollowUpsSection({ page }: { page: PlanView }) {
  const { t, i18n } = useTranslation();
  const schema = followUpSchema(t);
  const [form, fields] = useForm({
    id: "follow-up",
    lastResult: useReplyFor("record-follow-up"),
    defaultValue: { heldOn: todayInStockholm() },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section aria-labelledby="follow-ups-heading" className="card">
      <h2 id="follow-ups-heading">{t("plans.followUps")}</h2>
      {page.followUps.length === 0 ? (
        <p className="empty-state">{t("plans.noFollowUps")}</p>
      ) : (
        <ol className="timeline">
          {page.followUps.map((f) => (
            <li key={f.id}>
              <p>
                <strong>{formatDate(f.held_on, i18n.language)}</strong>{" "}
                <span className="muted">– {f.recorded_by_name}</span>
              </p>
              <p className="preserve-lines">{f.reviewed}</p>
              <p className="muted">
                {t("plans.nextFollowUp")}: {formatDate(f.next_date, i18n.language)}
              </p>
            </li>
          ))}
        </ol>
      )}
      <details className="add-form" open={Boolean(Object.values(fields).some((f) => f.errors))}>
        <summary>{t("plans.recordFollowUp")}</summary>
        <Form method="post" {...getFormProps(form)} className="stack" key={page.followUps.length}>
          <input type="hidden" name="intent" value="record-follow-up" />
          <TextField meta={fields.heldOn} label={t("plans.heldOn")} type="date" required />
          <TextareaField meta={fields.reviewed} label={t("plans.reviewed")} rows={3} required />
          <TextField meta={fields.nextDate} label={t("plans.nextFollowUp")} type="date" required />
          <SubmitButton variant="secondary">{t("plans.recordFollowUp")}</SubmitButton>
        </Form>
      </details>
    </section>
  );
}

function NotesSection({ page }: { page: PlanView }) {
  const { t, i18n } = useTranslation();
  const schema = noteSchema(t);
  const [form, fields] = useForm({
    id: "note",
    lastResult: useReplyFor("add-note"),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section aria-labelledby="notes-heading" className="card">
      <h2 id="notes-heading">{t("plans.notes")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack" key={page.notes.length}>
        <input type="hidden" name="intent" value="add-note" />
        <TextareaField meta={fields.body} label={t("plans.note")} rows={3} required />
        <SubmitButton variant="secondary">{t("plans.addNote")}</SubmitButton>
      </Form>
      {page.notes.length === 0 ? (
        <p className="muted">{t("plans.noNotes")}</p>
      ) : (
        <ol className="timeline">
          {page.notes.map((n) => (
            <li key={n.id}>
              <p>
                <strong>{n.author_name}</strong>{" "}
                <span className="muted">
                  – {n.organisation_name}, {formatDateTime(n.created_at, i18n.language)}
                </span>
              </p>
              <p className="preserve-lines">{n.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function HistorySection({ page }: { page: PlanView }) {
  const { t, i18n } = useTranslation();
  const describe = (values: Record<string, unknown> | null) =>
    values
      ? Object.entries(values)
          .map(
            ([k, v]) =>
              `${t([`plans.historyFields.${k}`, `meetings.historyFields.${k}`] as never, { defaultValue: k }) as string}: ${v ?? "–"}`,
          )
          .join("; ")
      : "";
  return (
    <section aria-labelledby="history-heading" className="card plan__history">
      <details>
        <summary>
          <h2 id="history-heading" className="inline-heading">
            {t("plans.history")}
          </h2>
        </summary>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.user")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("plans.conflictSaved")}</th>
            </tr>
          </thead>
          <tbody>
            {page.history.map((h) => (
              <tr key={h.id}>
                <td>{formatDateTime(h.occurred_at, i18n.language)}</td>
                <td>{h.user_name}</td>
                <td>
                  {
                    t([`plans.historyChanges.${h.change}`, `meetings.historyChanges.${h.change}`] as never, {
                      defaultValue: h.change,
                    }) as string
                  }
                </td>
                <td className="preserve-lines">
                  {h.before ? <span className="muted">{describe(h.before)} → </span> : null}
                  {describe(h.after)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
