// The meeting page: what, when and where; responses at a glance; the invitee's own answer;
// and, for the convener and the plan's lead, moving, cancelling and recording the meeting.
// Every form is a plain POST told apart by `intent`, so the page works without JavaScript.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import {
  CheckboxField,
  CheckboxGroup,
  FormErrors,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
} from "~/components/forms";
import { formatDate, formatDateTime } from "~/lib/time";
import { endOf, formatClock, formatMeetingDate, utcToStockholm } from "./meeting-time";
import { cancelSchema, decisionSchema, declineSchema, recordSchema, rescheduleSchema } from "./meetings.schema";
import type { MeetingPage } from "./meetings.server";

export interface MeetingActionResult {
  intent: string;
  result?: SubmissionResult<string[]>;
  decisionId?: string;
}

type View = MeetingPage & { currentUserId: string };
type ViewInvitee = View["invitees"][number];

function useReplyFor(intent: string): SubmissionResult<string[]> | undefined {
  const actionData = useActionData<MeetingActionResult>();
  return actionData?.intent === intent ? actionData.result : undefined;
}

export function useMeetingWhen() {
  const { t, i18n } = useTranslation();
  return (startsAt: string, durationMinutes: number) =>
    t("meetings.whenValue", {
      date: formatMeetingDate(startsAt, i18n.language),
      start: formatClock(startsAt),
      end: formatClock(endOf(startsAt, durationMinutes)),
    });
}

export function MeetingPageView({ page }: { page: View }) {
  const { t, i18n } = useTranslation();
  const when = useMeetingWhen();
  const { meeting } = page;
  const planName = t("plans.planFor", { kind: t(`plans.kindShort.${meeting.plan_kind}`), name: meeting.person_name });
  const hasSide = page.canRespond || page.canReschedule || (!page.canManage && meeting.status === "scheduled");
  return (
    <article className="meeting">
      <p className="no-print">
        <Link to={`/plans/${meeting.plan_id}`}>{t("meetings.backToPlan")}</Link>
      </p>
      <header className="plan__header">
        <p className="plan__kind">
          <span className={`badge badge--meeting-${meeting.status}`}>{t(`meetings.statuses.${meeting.status}`)}</span>
        </p>
        <h1>{t("meetings.title", { plan: planName })}</h1>
        <p className="lead">{when(meeting.starts_at, meeting.duration_minutes)}</p>
      </header>
      {meeting.status === "cancelled" ? (
        <p className="notice" role="status">
          {t("meetings.cancelledNotice", {
            time: formatDateTime(meeting.cancelled_at, i18n.language),
            reason: meeting.cancel_reason ?? "",
          })}
        </p>
      ) : null}
      <div className={hasSide ? "plan__layout" : "meeting__single"}>
        <div className="plan__main">
          <section className="card" aria-labelledby="meeting-facts-heading">
            <h2 id="meeting-facts-heading">{t("meetings.purposeHeading")}</h2>
            <p className="preserve-lines meeting__purpose">{meeting.purpose}</p>
            <dl className="facts">
              <dt>{t("meetings.when")}</dt>
              <dd>
                {when(meeting.starts_at, meeting.duration_minutes)} (
                {t("meetings.length", { minutes: meeting.duration_minutes })})
              </dd>
              {meeting.place ? (
                <>
                  <dt>{t("meetings.where")}</dt>
                  <dd className="preserve-lines">{meeting.place}</dd>
                </>
              ) : null}
              {meeting.video_link ? (
                <>
                  <dt>{t("meetings.video")}</dt>
                  <dd>
                    <a href={meeting.video_link} rel="noreferrer noopener">
                      {meeting.video_link}
                    </a>
                  </dd>
                </>
              ) : null}
              <dt>{t("meetings.organiser")}</dt>
              <dd>
                {meeting.organiser_name}, {meeting.organiser_organisation_name}
              </dd>
            </dl>
            <h3>{t("meetings.agendaHeading")}</h3>
            {meeting.agenda ? (
              <p className="preserve-lines">{meeting.agenda}</p>
            ) : (
              <p className="muted">{t("meetings.noAgenda")}</p>
            )}
            <p className="muted">
              {t("meetings.summonsSent", { time: formatDateTime(meeting.summons_sent_at, i18n.language) })}
            </p>
            <p className="button-row no-print">
              <Link to={`/meetings/${meeting.id}/letter`} className="button button--secondary">
                {t("meetings.letter")}
              </Link>
              <a href={`/meetings/${meeting.id}/calendar.ics`} className="button button--secondary" download>
                {t("meetings.calendarFile")}
              </a>
            </p>
          </section>
          <ParticipantsSection page={page} />
          {meeting.status === "held" ? <MinutesSection page={page} /> : null}
          {page.canRecord ? <RecordSection page={page} /> : null}
          {meeting.status !== "cancelled" && page.canManage ? (
            <DecisionsSection page={page} />
          ) : meeting.status === "held" ? (
            <DecisionsSection page={page} />
          ) : null}
        </div>
        {hasSide ? (
          <div className="plan__side">
            {page.canRespond ? <ResponseSection page={page} /> : null}
            {page.canReschedule ? <ManageSection page={page} /> : null}
            {!page.canManage && meeting.status === "scheduled" ? (
              <p className="muted">{t("meetings.manageOnly")}</p>
            ) : null}
          </div>
        ) : null}
      </div>
    </article>
  );
}

function ResponseBadge({ invitee }: { invitee: ViewInvitee }) {
  const { t } = useTranslation();
  if (invitee.party !== "staff") return <span className="muted">{t("meetings.letterOnly")}</span>;
  return (
    <>
      <span className={`badge badge--response-${invitee.response}`}>{t(`meetings.responses.${invitee.response}`)}</span>
      {invitee.response === "declined" && invitee.response_reason ? (
        <span className="preserve-lines invitee__reason">{invitee.response_reason}</span>
      ) : null}
      {invitee.replaced_by ? <span className="muted invitee__reason">{t("meetings.replacedBy")}</span> : null}
    </>
  );
}

function inviteeName(t: TFunction, i: ViewInvitee, personName: string): string {
  if (i.party === "person") return t("meetings.personParty", { name: personName });
  if (i.party === "relative") return t("meetings.relativeParty", { name: i.relative_name ?? "" });
  return i.user_name ?? "";
}

function ParticipantsSection({ page }: { page: View }) {
  const { t } = useTranslation();
  const { meeting, counts } = page;
  const held = meeting.status === "held";
  return (
    <section className="card" aria-labelledby="participants-heading">
      <h2 id="participants-heading">{t("meetings.participants")}</h2>
      <p className="meeting__summary">
        {t("meetings.responseSummary", {
          invited: counts.invited,
          accepted: counts.accepted,
          declined: counts.declined,
          pending: counts.pending,
        })}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("meetings.participant")}</th>
            <th scope="col">{t("meetings.organisation")}</th>
            <th scope="col">{t("meetings.kind")}</th>
            <th scope="col">{t("meetings.response")}</th>
            {held ? <th scope="col">{t("meetings.attendance")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {page.invitees.map((i) => (
            <tr key={i.id}>
              <th scope="row">
                {inviteeName(t, i, meeting.person_name)}
                {i.user_id === meeting.organiser_id ? (
                  <>
                    {" "}
                    <span className="badge badge--muted">{t("meetings.organiserBadge")}</span>
                  </>
                ) : null}
                {i.party === "relative" && i.relative_contact ? (
                  <span className="muted invitee__reason">
                    {t("meetings.relativeContactShown", { contact: i.relative_contact })}
                  </span>
                ) : null}
              </th>
              <td>{i.organisation_name ?? "–"}</td>
              <td>{t(`meetings.kinds.${i.kind}`)}</td>
              <td>
                <ResponseBadge invitee={i} />
              </td>
              {held ? <td>{i.attended ? t("meetings.attended") : t("meetings.absent")}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ResponseSection({ page }: { page: View }) {
  const { t } = useTranslation();
  const mine = page.myInvitation!;
  const schema = declineSchema(t);
  const acceptReply = useReplyFor("accept");
  const [form, fields] = useForm({
    id: `decline-${mine.responded_at ?? "none"}`,
    lastResult: useReplyFor("decline"),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section className="card" aria-labelledby="response-heading">
      <h2 id="response-heading">{t("meetings.yourResponse")}</h2>
      <p>{t(`meetings.youAre.${mine.kind}`)}</p>
      <p>{t("meetings.currentResponse", { response: t(`meetings.responses.${mine.response}`).toLowerCase() })}</p>
      {mine.response !== "accepted" ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="accept" />
          <FormErrors errors={acceptReply?.error?.[""] ?? null} />
          <SubmitButton>{t("meetings.accept")}</SubmitButton>
        </Form>
      ) : null}
      <Form method="post" {...getFormProps(form)} key={form.id} className="stack add-form">
        <input type="hidden" name="intent" value="decline" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField
          meta={fields.reason}
          label={t("meetings.declineReason")}
          help={t("meetings.declineReasonHelp")}
          rows={2}
          required
        />
        {page.replacementCandidates.length > 0 ? (
          <SelectField
            meta={fields.replacementUserId}
            label={t("meetings.replacement")}
            help={t("meetings.replacementHelp")}
            placeholder={t("meetings.noReplacement")}
            options={page.replacementCandidates.map((c) => ({ value: c.id, label: c.name }))}
          />
        ) : null}
        <SubmitButton variant="secondary">{t("meetings.decline")}</SubmitButton>
      </Form>
    </section>
  );
}

function ManageSection({ page }: { page: View }) {
  const { t } = useTranslation();
  const { meeting } = page;
  const local = utcToStockholm(meeting.starts_at);
  const rescheduleReply = useReplyFor("reschedule");
  const cancelReply = useReplyFor("cancel");
  const rescheduleValidation = rescheduleSchema(t);
  const cancelValidation = cancelSchema(t);
  const [rescheduleForm, r] = useForm<{
    date: string;
    time: string;
    durationMinutes: string;
    place: string;
    videoLink: string;
  }>({
    id: `reschedule-${meeting.sequence}`,
    lastResult: rescheduleReply,
    defaultValue: {
      date: local.date,
      time: local.time,
      durationMinutes: String(meeting.duration_minutes),
      place: meeting.place ?? "",
      videoLink: meeting.video_link ?? "",
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rescheduleValidation }) as never,
  });
  const [cancelForm, c] = useForm({
    id: "cancel-meeting",
    lastResult: cancelReply,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cancelValidation }),
  });
  return (
    <section className="card" aria-labelledby="manage-heading">
      <h2 id="manage-heading">{t("meetings.manage")}</h2>
      <details open={Boolean(rescheduleReply)}>
        <summary>{t("meetings.reschedule")}</summary>
        <Form method="post" {...getFormProps(rescheduleForm)} className="stack">
          <input type="hidden" name="intent" value="reschedule" />
          <p className="field__help">{t("meetings.rescheduleHelp")}</p>
          <FormErrors id={rescheduleForm.errorId} errors={rescheduleForm.errors} />
          <TextField meta={r.date} label={t("meetings.date")} type="date" required />
          <TextField meta={r.time} label={t("meetings.time")} type="time" required />
          <TextField
            meta={r.durationMinutes}
            label={t("meetings.duration")}
            type="number"
            inputMode="numeric"
            required
          />
          <TextField meta={r.place} label={t("meetings.place")} help={t("meetings.placeHelp")} />
          <TextField meta={r.videoLink} label={t("meetings.videoLink")} type="url" />
          <SubmitButton variant="secondary">{t("meetings.saveReschedule")}</SubmitButton>
        </Form>
      </details>
      <details open={Boolean(cancelReply)} className="add-form">
        <summary>{t("meetings.cancel")}</summary>
        <Form method="post" {...getFormProps(cancelForm)} className="stack">
          <input type="hidden" name="intent" value="cancel" />
          <p className="field__help">{t("meetings.cancelHelp")}</p>
          <FormErrors id={cancelForm.errorId} errors={cancelForm.errors} />
          <TextareaField meta={c.reason} label={t("meetings.cancelReason")} rows={2} required />
          <SubmitButton variant="danger">{t("meetings.cancel")}</SubmitButton>
        </Form>
      </details>
    </section>
  );
}

function RecordSection({ page }: { page: View }) {
  const { t } = useTranslation();
  const schema = recordSchema(t);
  const present = page.invitees.filter((i) => !i.replaced_by);
  const [form, fields] = useForm<{ attended: string[]; minutes: string; nextFollowUp: string }>({
    id: "record",
    lastResult: useReplyFor("record"),
    defaultValue: {
      attended: present.filter((i) => i.party !== "staff" || i.response === "accepted").map((i) => i.id),
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as never,
  });
  return (
    <section className="card" aria-labelledby="record-heading">
      <h2 id="record-heading">{t("meetings.record")}</h2>
      <p className="field__help">{t("meetings.recordHelp")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="record" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <CheckboxGroup
          meta={fields.attended}
          legend={t("meetings.present")}
          options={present.map((i) => ({
            value: i.id,
            label: i.organisation_name
              ? `${inviteeName(t, i, page.meeting.person_name)}, ${i.organisation_name}`
              : inviteeName(t, i, page.meeting.person_name),
          }))}
        />
        <TextareaField meta={fields.minutes} label={t("meetings.minutes")} rows={8} required />
        <TextField
          meta={fields.nextFollowUp}
          label={t("meetings.nextFollowUp")}
          help={t("meetings.nextFollowUpHelp")}
          type="date"
          required
        />
        <SubmitButton>{t("meetings.saveRecord")}</SubmitButton>
      </Form>
    </section>
  );
}

function MinutesSection({ page }: { page: View }) {
  const { t, i18n } = useTranslation();
  const recorder = page.invitees.find((i) => i.user_id === page.meeting.recorded_by)?.user_name ?? "";
  return (
    <section className="card" aria-labelledby="minutes-heading">
      <h2 id="minutes-heading">{t("meetings.minutes")}</h2>
      <p className="preserve-lines">{page.meeting.minutes}</p>
      <p className="muted">
        {t("meetings.heldRecorded", { name: recorder, time: formatDateTime(page.meeting.recorded_at, i18n.language) })}
      </p>
    </section>
  );
}

function DecisionsSection({ page }: { page: View }) {
  const { t, i18n } = useTranslation();
  const actionData = useActionData<MeetingActionResult>();
  const schema = decisionSchema(t);
  // A new id after each saved decision gives an empty form.
  const [form, fields] = useForm({
    id: `add-decision-${page.decisions.length}`,
    lastResult: useReplyFor("add-decision"),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const organisationOptions = page.organisations.map((o) => ({ value: o.id, label: o.name }));
  return (
    <section className="card" aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">{t("meetings.decisions")}</h2>
      {page.decisions.length === 0 ? <p className="muted">{t("meetings.noDecisions")}</p> : null}
      <ul className="action-list">
        {page.decisions.map((d) => {
          const reply =
            actionData?.intent === "decision-action" && actionData.decisionId === d.id ? actionData.result : undefined;
          const errors = reply
            ? Object.values(reply.error ?? {})
                .flat()
                .filter((e): e is string => Boolean(e))
            : [];
          return (
            <li key={d.id} className="action">
              <p className="action__description preserve-lines">{d.text}</p>
              {d.action_id ? (
                <p className="muted">
                  {d.action_due_date
                    ? t("meetings.becameActionDue", {
                        organisation: d.action_organisation_name ?? "",
                        status: t(`plans.actionStatuses.${d.action_status ?? "planned"}`).toLowerCase(),
                        date: formatDate(d.action_due_date, i18n.language),
                      })
                    : t("meetings.becameAction", {
                        organisation: d.action_organisation_name ?? "",
                        status: t(`plans.actionStatuses.${d.action_status ?? "planned"}`).toLowerCase(),
                      })}
                </p>
              ) : page.canDecide ? (
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
        })}
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
