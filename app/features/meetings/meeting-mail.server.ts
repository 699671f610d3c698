// The e-mails and calendar entries a meeting sends. They are kept minimal on purpose:
// the time, the place, the kind of plan in general words and a link into Samsyn, where the
// access rule guards the rest. No identity number and no name of the person, ever: the
// message crosses an open channel and admins can read the outbox.
import type { TFunction } from "i18next";
import type { DB } from "#db/client.server";
import type { InvitationKind } from "#db/schema";
import { getEnv } from "~/lib/env.server";
import { getFixedT } from "~/lib/i18n.server";
import type { MailMessage } from "~/lib/mail.server";
import { isLocale, type Locale } from "~/locales/locales";
import { meetingCalendar, type CalendarAttendee, type CalendarMethod } from "./calendar.server";
import { endOf, formatClock, formatMeetingDate } from "./meeting-time";

export type MailKind = "request" | "rescheduled" | "cancelled";

async function loadForMail(db: DB, meetingId: string) {
  const meeting = await db
    .selectFrom("meetings")
    .innerJoin("plans", "plans.id", "meetings.plan_id")
    .innerJoin("users as organiser", "organiser.id", "meetings.organiser_id")
    .innerJoin("organisations as organiser_org", "organiser_org.id", "organiser.organisation_id")
    .select([
      "meetings.id",
      "meetings.starts_at",
      "meetings.duration_minutes",
      "meetings.place",
      "meetings.video_link",
      "meetings.status",
      "meetings.sequence",
      "meetings.organiser_id",
      "plans.kind as plan_kind",
      "organiser.name as organiser_name",
      "organiser.email as organiser_email",
      "organiser_org.name as organiser_organisation_name",
    ])
    .where("meetings.id", "=", meetingId)
    .executeTakeFirstOrThrow();
  const staff = await db
    .selectFrom("meeting_invitees")
    .innerJoin("users", "users.id", "meeting_invitees.user_id")
    .select([
      "meeting_invitees.kind",
      "meeting_invitees.response",
      "meeting_invitees.replaced_by",
      "users.id as user_id",
      "users.name",
      "users.email",
      "users.locale",
    ])
    .where("meeting_invitees.meeting_id", "=", meetingId)
    .where("meeting_invitees.party", "=", "staff")
    .orderBy("users.name")
    .execute();
  return { meeting, staff };
}

type MailData = Awaited<ReturnType<typeof loadForMail>>;

const url = (meetingId: string) => `${getEnv().APP_URL}/meetings/${meetingId}`;

function when(data: MailData, t: TFunction, locale: Locale) {
  const { starts_at, duration_minutes } = data.meeting;
  return t("meetings.whenValue", {
    date: formatMeetingDate(starts_at, locale),
    start: formatClock(starts_at),
    end: formatClock(endOf(starts_at, duration_minutes)),
  });
}

function calendarText(data: MailData, method: CalendarMethod, t: TFunction) {
  const { meeting } = data;
  const attendees: CalendarAttendee[] = data.staff
    .filter((s) => !s.replaced_by)
    .map((s) => ({
      name: s.name,
      email: s.email,
      kind: s.user_id === meeting.organiser_id ? "organiser" : s.kind,
      response: s.response,
    }));
  return meetingCalendar({
    method,
    meetingId: meeting.id,
    sequence: meeting.sequence,
    startsAt: meeting.starts_at,
    durationMinutes: meeting.duration_minutes,
    cancelled: meeting.status === "cancelled",
    summary: t("meetings.mail.calendarSummary", { kind: meeting.plan_kind }),
    description: t("meetings.mail.calendarDescription", { url: url(meeting.id) }),
    location: [meeting.place, meeting.video_link].filter(Boolean).join(" – ") || null,
    url: url(meeting.id),
    organiser: { name: meeting.organiser_name, email: meeting.organiser_email },
    attendees,
  });
}

/** The calendar file a team member downloads from the meeting page. */
export async function meetingCalendarText(db: DB, meetingId: string, locale: Locale): Promise<string> {
  return calendarText(await loadForMail(db, meetingId), "PUBLISH", getFixedT(locale));
}

/** One message per recipient, in the recipient's language, with the calendar entry attached. */
export async function meetingMails(
  db: DB,
  meetingId: string,
  { kind, onlyUserIds }: { kind: MailKind; onlyUserIds: string[] },
): Promise<MailMessage[]> {
  const data = await loadForMail(db, meetingId);
  const { meeting } = data;
  const wanted = new Set(onlyUserIds);
  const method: CalendarMethod = kind === "cancelled" ? "CANCEL" : "REQUEST";
  return data.staff
    .filter((s) => wanted.has(s.user_id) && s.user_id !== meeting.organiser_id)
    .map((s) => {
      const locale: Locale = isLocale(s.locale) ? s.locale : "sv";
      const t = getFixedT(locale);
      const variant: InvitationKind | "rescheduled" | "cancelled" = kind === "request" ? s.kind : kind;
      const whenText = when(data, t, locale);
      const lines = [
        t("meetings.mail.greeting", { name: s.name }),
        "",
        t(`meetings.mail.body.${variant}`, { kind: meeting.plan_kind }),
        "",
        t("meetings.mail.when", { value: whenText }),
        ...(meeting.place ? [t("meetings.mail.where", { value: meeting.place })] : []),
        ...(meeting.video_link ? [t("meetings.mail.video", { value: meeting.video_link })] : []),
        t("meetings.mail.organiser", {
          name: meeting.organiser_name,
          organisation: meeting.organiser_organisation_name,
        }),
        t("meetings.mail.purpose", { kind: meeting.plan_kind }),
        "",
        t(kind === "cancelled" ? "meetings.mail.linkCancelled" : "meetings.mail.link", { url: url(meeting.id) }),
        "",
        t("meetings.mail.footer"),
      ];
      return {
        to: s.email,
        subject: t(`meetings.mail.subject.${variant}`, { kind: meeting.plan_kind, date: whenText }),
        text: lines.join("\n"),
        calendar: { method, content: calendarText(data, method, t) },
      };
    });
}
