import type { TFunction } from "i18next";

export const NOTIFICATION_KINDS = [
  "meeting.summons",
  "meeting.invitation",
  "meeting.rescheduled",
  "meeting.cancelled",
  "meeting.declined",
  "deviation.submitted",
  "deviation.in_review",
  "deviation.question",
  "deviation.reply",
  "deviation.routed",
  "deviation.routed_reporter",
  "deviation.answered",
  "deviation.closed",
  "deviation.reopened",
  "improvement.recorded",
  "reminder.answer_due",
  "reminder.answer_overdue",
  "reminder.follow_up_passed",
  "reminder.summons_unanswered",
  "reminder.consent_ending",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The text for a notification kind; kinds are "domain.event", kept nested in the locale files. */
export function notificationText(t: TFunction, kind: string): string {
  return t(`notifications.kinds.${kind}` as never, { defaultValue: kind }) as string;
}

/** What a notification is about, e.g. "Ärende 12" or "Plan (GIP)"; null when it names nothing. */
export function subjectText(
  t: TFunction,
  subject: { type: "deviation" | "plan" | "meeting"; ref: string | null } | null,
): string | null {
  if (!subject) return null;
  return t(`notifications.subject.${subject.type}` as never, { ref: subject.ref ?? "" }) as string;
}

/** The date that matters, worded for the kind, or else for what it is about: "Svara senast 8 dec. 2026". */
export function dueText(t: TFunction, kind: string, subjectType: string, formattedDate: string): string {
  return t(`notifications.due.${kind}` as never, {
    date: formattedDate,
    defaultValue: t(`notifications.due.${subjectType}` as never, { date: formattedDate }),
  }) as string;
}
