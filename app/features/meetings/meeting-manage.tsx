// Moving or cancelling the meeting: for its convener and the plan's lead user.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SubmitButton, TextareaField, TextField, useAppForm, useReplyFor } from "~/components/forms";
import { utcToStockholm } from "./meeting-time";
import type { MeetingPage } from "./meeting-types";

export function ManageSection({ page }: { page: MeetingPage }) {
  const { t } = useTranslation();
  const { meeting } = page;
  const local = utcToStockholm(meeting.startsAt);
  const rescheduleReply = useReplyFor("reschedule");
  const cancelReply = useReplyFor("cancel");
  // A new id after each move shows the new time.
  const [rescheduleForm, r] = useAppForm<{
    date: string;
    time: string;
    durationMinutes: string;
    place: string;
    videoLink: string;
  }>({
    intent: "reschedule",
    id: `reschedule-${meeting.sequence}`,
    defaultValue: {
      date: local.date,
      time: local.time,
      durationMinutes: String(meeting.durationMinutes),
      place: meeting.place ?? "",
      videoLink: meeting.videoLink ?? "",
    },
  });
  const [cancelForm, c] = useAppForm<{ reason: string }>({ intent: "cancel", id: "cancel-meeting" });
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
