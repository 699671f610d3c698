// Recording the meeting once its day has come (attendance, minutes, next follow-up), and the
// minutes as kept.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, FormErrors, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/forms";
import { formatDateTime } from "~/lib/time";
import { inviteeName } from "./meeting-participants";
import type { MeetingPage } from "./meeting-types";

export function RecordSection({ page }: { page: MeetingPage }) {
  const { t } = useTranslation();
  const present = page.invitees.filter((i) => !i.replacedBy);
  const [form, fields] = useAppForm<{ attended: string[]; minutes: string; nextFollowUp: string }>({
    intent: "record",
    // Those who said they would come are ticked to begin with.
    defaultValue: {
      attended: present.filter((i) => i.party !== "staff" || i.response === "accepted").map((i) => i.id),
    },
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
            label: i.organisationName
              ? `${inviteeName(t, i, page.meeting.personName)}, ${i.organisationName}`
              : inviteeName(t, i, page.meeting.personName),
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

export function MinutesSection({ page }: { page: MeetingPage }) {
  const { t, i18n } = useTranslation();
  const recorder = page.invitees.find((i) => i.userId === page.meeting.recordedBy)?.userName ?? "";
  return (
    <section className="card" aria-labelledby="minutes-heading">
      <h2 id="minutes-heading">{t("meetings.minutes")}</h2>
      <p className="preserve-lines">{page.meeting.minutes}</p>
      <p className="muted">
        {t("meetings.heldRecorded", { name: recorder, time: formatDateTime(page.meeting.recordedAt, i18n.language) })}
      </p>
    </section>
  );
}
