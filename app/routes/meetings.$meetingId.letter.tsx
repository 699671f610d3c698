import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton } from "~/components/print-button";
import { requirePermission } from "~/features/auth/auth.server";
import { endOf, formatClock, formatMeetingDate } from "~/features/meetings/meeting-time";
import { meetingLetter } from "~/features/meetings/meetings.server";
import { invariantResponse } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { formatDate } from "~/lib/time";
import letterStyles from "~/styles/letter.css?url";

export const meta = pageTitle("meetings.letterPage.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: letterStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const letter = await meetingLetter(getDb(), user, params.meetingId ?? "");
  invariantResponse(letter.ok);
  return letter.value;
}

// The person's letter: plain language on one A4 page, the address where a C5 window envelope
// shows it (none at all for a protected identity), and how to reach the convener.
export default function MeetingLetter() {
  const { t, i18n } = useTranslation();
  const letter = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const { organiser, recipient } = letter;
  return (
    <article className="letter">
      <div className="no-print letter__tools">
        <p>
          <Link to={`/meetings/${letter.meetingId}`}>{t("meetings.backToMeeting")}</Link>
        </p>
        <p className="muted">{t("meetings.letterPage.intro")}</p>
        {letter.status === "cancelled" ? (
          <p className="notice" role="status">
            {t("meetings.letterPage.cancelledNotice")}
          </p>
        ) : null}
        {letter.personKind === null ? <p className="notice">{t("meetings.letterPage.notInvited")}</p> : null}
        {recipient.protectedIdentity ? (
          <p className="notice">{t("meetings.letterPage.protectedNotice")}</p>
        ) : !recipient.address ? (
          <p className="notice">{t("meetings.letterPage.noAddress")}</p>
        ) : null}
        <PrintButton label={t("meetings.letterPage.print")} />
      </div>
      <div className="letter__page">
        <header className="letter__head">
          <div className="letter__address" aria-label={t("meetings.letterPage.recipient")} role="group">
            {recipient.protectedIdentity ? null : (
              <p>
                {recipient.name}
                {recipient.address ? (
                  <>
                    <br />
                    <span className="preserve-lines">{recipient.address}</span>
                  </>
                ) : null}
              </p>
            )}
          </div>
          <div className="letter__sender">
            <p>
              <strong>{organiser.organisation}</strong>
              <br />
              {formatDate(letter.today, lang)}
            </p>
            <p>
              {t("meetings.letterPage.contactPerson")}
              <br />
              {organiser.name}
              {organiser.phone ? (
                <>
                  <br />
                  {t("meetings.letterPage.phone", { phone: organiser.phone })}
                </>
              ) : null}
              <br />
              {t("meetings.letterPage.email", { email: organiser.email })}
            </p>
          </div>
        </header>
        <div className="letter__body">
          <h1>{t(`meetings.letterPage.heading.${letter.personKind ?? "invitation"}`)}</h1>
          <p>{t("meetings.letterPage.greeting", { name: letter.personName })}</p>
          <p>{t("meetings.letterPage.text")}</p>

          <h2>{t("meetings.letterPage.why")}</h2>
          <p className="preserve-lines">{letter.purpose}</p>

          <div className="letter__when-where">
            <div>
              <h2>{t("meetings.letterPage.when")}</h2>
              <p className="letter__big">
                {t("meetings.letterPage.whenValue", {
                  date: formatMeetingDate(letter.startsAt, lang),
                  start: formatClock(letter.startsAt),
                  end: formatClock(endOf(letter.startsAt, letter.durationMinutes)),
                })}
              </p>
            </div>
            <div>
              <h2>{t("meetings.letterPage.where")}</h2>
              {letter.place ? <p className="letter__big preserve-lines">{letter.place}</p> : null}
              {letter.videoLink ? <p>{t("meetings.letterPage.video", { link: letter.videoLink })}</p> : null}
            </div>
          </div>

          <h2>{t("meetings.letterPage.who")}</h2>
          <ul className="letter__who">
            <li>{t("meetings.letterPage.you")}</li>
            {letter.externals.map((e) => (
              <li key={e.id}>
                {e.name}, {t(`meetings.externalRoles.${e.role}`)}
              </li>
            ))}
            {letter.coming.map((c) => (
              <li key={c.id}>
                {c.name}, {c.organisation}
              </li>
            ))}
          </ul>

          {letter.agenda ? (
            <>
              <h2>{t("meetings.letterPage.agenda")}</h2>
              <p className="preserve-lines">{letter.agenda}</p>
            </>
          ) : null}

          <h2>{t("meetings.letterPage.change")}</h2>
          <p>
            {organiser.phone
              ? t("meetings.letterPage.changeTextPhone", {
                  name: organiser.name,
                  organisation: organiser.organisation,
                  phone: organiser.phone,
                  email: organiser.email,
                })
              : t("meetings.letterPage.changeTextEmail", {
                  name: organiser.name,
                  organisation: organiser.organisation,
                  email: organiser.email,
                })}{" "}
            {t("meetings.letterPage.bringSomeone")}
          </p>
          <p className="letter__signature">
            {t("meetings.letterPage.regards")}
            <br />
            {organiser.name}, {organiser.organisation}
          </p>
        </div>
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
