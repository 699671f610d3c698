// The invitee's own answer: accept, or decline with a reason and perhaps a colleague instead.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, SubmitButton, TextareaField, useAppForm, useReplyFor } from "~/components/forms";
import type { MeetingPage } from "./meeting-types";

export function ResponseSection({ page }: { page: MeetingPage }) {
  const { t } = useTranslation();
  const mine = page.myInvitation!;
  const acceptReply = useReplyFor("accept");
  // A new id after each answer gives an empty form.
  const [form, fields] = useAppForm<{ reason: string; replacementUserId: string }>({
    intent: "decline",
    id: `decline-${mine.respondedAt ?? "none"}`,
  });
  return (
    <section className="card" aria-labelledby="response-heading">
      <h2 id="response-heading">{t("meetings.yourResponse")}</h2>
      <p>{t(`meetings.youAre.${mine.kind}`)}</p>
      <p>{t("meetings.currentResponse", { response: t(`meetings.responses.${mine.response}`).toLowerCase() })}</p>
      {mine.response !== "accepted" ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="accept" />
          <FormErrors errors={acceptReply?.result?.error?.[""] ?? null} />
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
