// Follow-ups (each sets the next date) and the team's notes.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/forms";
import type { PlanSettings } from "~/features/organisations/partnership-settings";
import { formatDate, formatDateTime, todayInStockholm } from "~/lib/time";
import type { FollowUp, Note } from "./plan-view";

export function FollowUpsSection({
  followUps,
  settings,
  open = false,
}: {
  followUps: FollowUp[];
  settings: PlanSettings;
  open?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const steps = settings.progressionSteps;
  const [form, fields] = useAppForm<{
    heldOn: string;
    reviewed: string;
    progressionStep: string;
    nextDate: string;
    intervalReason: string;
  }>({
    intent: "record-follow-up",
    id: "follow-up",
    defaultValue: { heldOn: todayInStockholm() },
  });
  return (
    <section aria-labelledby="follow-ups-heading" className="card">
      <h2 id="follow-ups-heading">{t("plans.followUps")}</h2>
      {followUps.length === 0 ? (
        <p className="empty-state">{t("plans.noFollowUps")}</p>
      ) : (
        <ol className="timeline">
          {followUps.map((f) => (
            <li key={f.id}>
              <p>
                <strong>{formatDate(f.heldOn, i18n.language)}</strong>{" "}
                <span className="muted">– {f.recordedByName}</span>
              </p>
              <p className="preserve-lines">{f.reviewed}</p>
              {f.progressionStep !== null ? (
                <p>
                  {t("plans.progressionStepShown", {
                    step: f.progressionStep,
                    of: steps.length,
                    name: steps[f.progressionStep - 1] ?? "",
                  })}
                </p>
              ) : null}
              <p className="muted">
                {t("plans.nextFollowUp")}: {formatDate(f.nextDate, i18n.language)}
              </p>
              {f.intervalReason ? (
                <p className="muted preserve-lines">{t("plans.followUpReasonShown", { reason: f.intervalReason })}</p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <details className="add-form" open={open || Boolean(Object.values(fields).some((f) => f.errors))}>
        <summary>{t("plans.recordFollowUp")}</summary>
        <Form method="post" {...getFormProps(form)} className="stack" key={followUps.length}>
          <input type="hidden" name="intent" value="record-follow-up" />
          <TextField meta={fields.heldOn} label={t("plans.heldOn")} type="date" required />
          <TextareaField meta={fields.reviewed} label={t("plans.reviewed")} rows={3} required />
          <SelectField
            meta={fields.progressionStep}
            label={t("plans.progressionStep")}
            help={t("plans.progressionStepHint")}
            required
            placeholder=""
            options={steps.map((name, i) => ({ value: String(i + 1), label: `${i + 1}. ${name}` }))}
          />
          <TextField meta={fields.nextDate} label={t("plans.nextFollowUp")} type="date" required />
          <TextareaField
            meta={fields.intervalReason}
            label={t("plans.followUpReason")}
            help={t("plans.followUpReasonHint", { count: settings.maxFollowUpMonths })}
            rows={2}
          />
          <SubmitButton variant="secondary">{t("plans.recordFollowUp")}</SubmitButton>
        </Form>
      </details>
    </section>
  );
}

export function NotesSection({ notes }: { notes: Note[] }) {
  const { t } = useTranslation();
  const [form, fields] = useAppForm<{ body: string }>({ intent: "add-note", id: "note" });
  return (
    <section aria-labelledby="notes-heading" className="card">
      <h2 id="notes-heading">{t("plans.notes")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack" key={notes.length}>
        <input type="hidden" name="intent" value="add-note" />
        <TextareaField meta={fields.body} label={t("plans.note")} rows={3} required />
        <SubmitButton variant="secondary">{t("plans.addNote")}</SubmitButton>
      </Form>
      {notes.length === 0 ? <p className="muted">{t("plans.noNotes")}</p> : <NoteList notes={notes} />}
    </section>
  );
}

/** The team's notes, newest first; clipped to two lines each in the plan's overview. */
export function NoteList({ notes, label, clipped = false }: { notes: Note[]; label?: string; clipped?: boolean }) {
  const { i18n } = useTranslation();
  return (
    <ol className="timeline" aria-label={label}>
      {notes.map((n) => (
        <li key={n.id}>
          <p>
            <strong>{n.authorName}</strong>{" "}
            <span className="muted">
              – {n.organisationName}, {formatDateTime(n.createdAt, i18n.language)}
            </span>
          </p>
          <p className={clipped ? "preserve-lines clamp" : "preserve-lines"}>{n.body}</p>
        </li>
      ))}
    </ol>
  );
}
