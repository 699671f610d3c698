// The meeting page: what, when and where; responses at a glance; the invitee's own answer;
// and, for the convener and the plan's lead, moving, cancelling and recording the meeting.
// Every form is a plain POST told apart by `intent`, so the page works without JavaScript.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/time";
import { DecisionsSection } from "./meeting-decisions";
import { ManageSection } from "./meeting-manage";
import { ParticipantsSection } from "./meeting-participants";
import { MinutesSection, RecordSection } from "./meeting-record";
import { ResponseSection } from "./meeting-response";
import { endOf, formatClock, formatMeetingDate } from "./meeting-time";
import type { MeetingPage } from "./meeting-types";

export function useMeetingWhen() {
  const { t, i18n } = useTranslation();
  return (startsAt: string, durationMinutes: number) =>
    t("meetings.whenValue", {
      date: formatMeetingDate(startsAt, i18n.language),
      start: formatClock(startsAt),
      end: formatClock(endOf(startsAt, durationMinutes)),
    });
}

export function MeetingPageView({ page }: { page: MeetingPage }) {
  const { t, i18n } = useTranslation();
  const when = useMeetingWhen();
  const { meeting } = page;
  const planName = t("plans.planFor", { kind: t(`plans.kindShort.${meeting.planKind}`), name: meeting.personName });
  const hasSide = page.canRespond || page.canReschedule || (!page.canManage && meeting.status === "scheduled");
  return (
    <article className="meeting">
      <p className="no-print">
        <Link to={`/plans/${meeting.planId}`}>{t("meetings.backToPlan")}</Link>
      </p>
      <header className="plan__header">
        <p className="plan__kind">
          <span className={`badge badge--meeting-${meeting.status}`}>{t(`meetings.statuses.${meeting.status}`)}</span>
        </p>
        <h1>{t("meetings.title", { plan: planName })}</h1>
        <p className="lead">{when(meeting.startsAt, meeting.durationMinutes)}</p>
      </header>
      {meeting.status === "cancelled" ? (
        <p className="notice" role="status">
          {t("meetings.cancelledNotice", {
            time: formatDateTime(meeting.cancelledAt, i18n.language),
            reason: meeting.cancelReason ?? "",
          })}
        </p>
      ) : null}
      <div className={hasSide ? "plan__layout" : "meeting__single"}>
        <div className="plan__main">
          <FactsSection page={page} />
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

function FactsSection({ page }: { page: MeetingPage }) {
  const { t, i18n } = useTranslation();
  const when = useMeetingWhen();
  const { meeting } = page;
  return (
    <section className="card" aria-labelledby="meeting-facts-heading">
      <h2 id="meeting-facts-heading">{t("meetings.purposeHeading")}</h2>
      <p className="preserve-lines meeting__purpose">{meeting.purpose}</p>
      <dl className="facts">
        <dt>{t("meetings.when")}</dt>
        <dd>{`${when(meeting.startsAt, meeting.durationMinutes)} (${t("meetings.length", { minutes: meeting.durationMinutes })})`}</dd>
        {meeting.place ? (
          <>
            <dt>{t("meetings.where")}</dt>
            <dd className="preserve-lines">{meeting.place}</dd>
          </>
        ) : null}
        {meeting.videoLink ? (
          <>
            <dt>{t("meetings.video")}</dt>
            <dd>
              <a href={meeting.videoLink} rel="noreferrer noopener">
                {meeting.videoLink}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t("meetings.organiser")}</dt>
        <dd>
          {meeting.organiserName}, {meeting.organiserOrganisationName}
        </dd>
      </dl>
      <h3>{t("meetings.agendaHeading")}</h3>
      {meeting.agenda ? (
        <p className="preserve-lines">{meeting.agenda}</p>
      ) : (
        <p className="muted">{t("meetings.noAgenda")}</p>
      )}
      <p className="muted">
        {t("meetings.summonsSent", { time: formatDateTime(meeting.summonsSentAt, i18n.language) })}
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
  );
}
