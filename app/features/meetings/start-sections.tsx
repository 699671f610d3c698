// The start page's meeting cards: my upcoming meetings, unanswered summonses, new
// notifications and suggested deviations.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "~/lib/time";
import type { DeviationSuggestion } from "~/features/deviations/suggestions.server";
import { useMeetingWhen } from "./meeting-page";
import { notificationText } from "~/features/notifications/notification-kinds";
import type { MeetingGlance, StartMeeting } from "./meeting-types";

export interface MeetingsStartData {
  upcomingMeetings: StartMeeting[];
  unanswered: StartMeeting[];
  notifications: { id: string; kind: string; link: string; createdAt: string; meeting: MeetingGlance | null }[];
  suggestions: DeviationSuggestion[];
}

export function MeetingsStart({ data }: { data: MeetingsStartData }) {
  const { t, i18n } = useTranslation();
  const when = useMeetingWhen();
  const planName = (m: Pick<MeetingGlance, "planKind" | "personName">) =>
    t("plans.planFor", { kind: t(`plans.kindShort.${m.planKind}`), name: m.personName });
  return (
    <div className="card-grid card-grid--wide start-meetings">
      <section className="card" aria-labelledby="unanswered-heading">
        <h2 id="unanswered-heading">{t("meetings.start.unanswered")}</h2>
        {data.unanswered.length === 0 ? (
          <p className="muted">{t("meetings.start.noUnanswered")}</p>
        ) : (
          <ul className="plain-list">
            {data.unanswered.map((m) => (
              <li key={m.id}>
                <Link to={`/meetings/${m.id}`}>
                  {t("meetings.start.meetingFor", { plan: planName(m), when: when(m.startsAt, m.durationMinutes) })}
                </Link>{" "}
                <span className="badge badge--warning">{t(`meetings.kinds.${m.kind}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="my-meetings-heading">
        <h2 id="my-meetings-heading">{t("meetings.start.myMeetings")}</h2>
        {data.upcomingMeetings.length === 0 ? (
          <p className="muted">{t("meetings.start.noMeetings")}</p>
        ) : (
          <ul className="plain-list">
            {data.upcomingMeetings.map((m) => (
              <li key={m.id}>
                <Link to={`/meetings/${m.id}`}>{planName(m)}</Link>: {when(m.startsAt, m.durationMinutes)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">{t("meetings.notifications.title")}</h2>
        {data.notifications.length === 0 ? (
          <p className="muted">{t("meetings.notifications.none")}</p>
        ) : (
          <ul className="plain-list">
            {data.notifications.map((n) => (
              <li key={n.id}>
                <Link to={n.link}>
                  {notificationText(t, n.kind)}
                  {n.meeting
                    ? `: ${t("meetings.start.meetingFor", { plan: planName(n.meeting), when: when(n.meeting.startsAt, n.meeting.durationMinutes) })}`
                    : ""}
                </Link>{" "}
                <span className="muted">({formatDateTime(n.createdAt, i18n.language)})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {data.suggestions.length > 0 ? (
        <section className="card suggestions" aria-labelledby="suggestions-heading">
          <h2 id="suggestions-heading">{t("meetings.start.suggestions")}</h2>
          <p className="field__help">{t("meetings.start.suggestionsIntro")}</p>
          <ul className="plain-list">
            {data.suggestions.map((s) => {
              const plan = planName(s);
              const values: Record<string, string | number> = {
                ...s.text.values,
                date: formatDate(String(s.text.values.date), i18n.language),
              };
              return (
                <li key={s.key} className="suggestion">
                  <p>
                    <Link to={`/plans/${s.planId}`}>{plan}</Link>
                  </p>
                  <p>
                    <span className="muted">{t("meetings.start.suggestedText")}:</span>{" "}
                    {String(
                      t(
                        s.text.key as "meetings.suggestions.absent",
                        values as { organisation: string; kind: string; date: string },
                      ),
                    )}
                  </p>
                  <p>
                    <Link to={s.href} className="button button--secondary">
                      {t("meetings.start.report")}
                      <span className="visually-hidden">: {plan}</span>
                    </Link>
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
