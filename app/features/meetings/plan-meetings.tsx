// The plan page's meetings card: upcoming and past meetings, and the way to convene one.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useMeetingWhen } from "./meeting-page";
import type { PlanMeeting, PlanMeetings } from "./meeting-types";

export type { PlanMeetings };

function MeetingList({ meetings }: { meetings: PlanMeeting[] }) {
  const { t } = useTranslation();
  const when = useMeetingWhen();
  return (
    <ul className="action-list">
      {meetings.map((m) => (
        <li key={m.id} className="action">
          <p className="action__description">
            <Link to={`/meetings/${m.id}`}>{when(m.startsAt, m.durationMinutes)}</Link>{" "}
            <span className={`badge badge--meeting-${m.status}`}>{t(`meetings.statuses.${m.status}`)}</span>
          </p>
          <p className="preserve-lines">{m.purpose}</p>
          {m.status === "scheduled" ? (
            <p className="muted">
              {t("meetings.responseSummary", {
                invited: m.counts.invited,
                accepted: m.counts.accepted,
                declined: m.counts.declined,
                pending: m.counts.pending,
              })}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function PlanMeetingsSection({
  planId,
  meetings,
  closed,
  showConvene = true,
  pastShown,
}: {
  planId: string;
  meetings: PlanMeetings;
  closed: boolean;
  /** The plan page's header offers convening already. */
  showConvene?: boolean;
  /** How many past meetings to list (the latest first); all of them when not given. */
  pastShown?: number;
}) {
  const { t } = useTranslation();
  return (
    <section id="meetings" aria-labelledby="meetings-heading" className="card">
      <h2 id="meetings-heading">{t("meetings.meetings")}</h2>
      {!closed && showConvene ? (
        <p>
          <Link to={`/plans/${planId}/meetings/new`} className="button button--primary">
            {t("meetings.convene")}
          </Link>
        </p>
      ) : null}
      <h3>{t("meetings.upcoming")}</h3>
      {meetings.upcoming.length === 0 ? (
        <p className="muted">{t("meetings.noUpcoming")}</p>
      ) : (
        <MeetingList meetings={meetings.upcoming} />
      )}
      <h3>{t("meetings.past")}</h3>
      {meetings.past.length === 0 ? (
        <p className="muted">{t("meetings.noPast")}</p>
      ) : (
        <MeetingList meetings={pastShown === undefined ? meetings.past : meetings.past.slice(0, pastShown)} />
      )}
    </section>
  );
}
