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
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The text for a notification kind; kinds are "domain.event", kept nested in the locale files. */
export function notificationText(t: TFunction, kind: string): string {
  return t(`notifications.kinds.${kind}` as never, { defaultValue: kind }) as string;
}
