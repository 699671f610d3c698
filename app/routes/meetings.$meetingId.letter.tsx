import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton } from "~/components/print-button";
import { requirePermission } from "~/features/auth/auth.server";
import { endOf, formatClock, formatMeetingDate } from "~/features/meetings/meeting-time";
import { meetingLetter } from "~/features/meetings/meetings.server";
import { invariantResponse } from "~/lib/http.server";
import { formatDate } from "~/lib/time";

export const meta: MetaFunction = () => [{ title: "Samsyn – brev om möte" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const letter = await meetingLetter(getDb(), user, params.meetingId ?? "");
  invariantResponse(letter.ok);
  return letter.value;
}

// The person's letter: plain language, printable on one A4 page.
export default function MeetingLetter() {
  const { t, i18n } = useTranslation();
  const letter = useLoaderData<typeof loader>();
  const lang = i18n.language;
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
        <PrintButton label={t("meetings.letterPage.print")} />
      </div>
      <p className="letter__sender">
        {letter.organiser.organisation}
        <br />
        {formatDate(letter.today, lang)}
      </p>
      <h1>{t(`meetings.letterPage.heading.${letter.personKind ?? "invitation"}`)}</h1>
      <p>{t("meetings.letterPage.greeting", { name: letter.personName })}</p>
      <p>{t("meetings.letterPage.text")}</p>

      <h2>{t("meetings.letterPage.why")}</h2>
      <p className="preserve-lines">{letter.purpose}</p>

      <h2>{t("meetings.letterPage.when")}</h2>
      <p className="letter__big">
        {t("meetings.letterPage.whenValue", {
          date: formatMeetingDate(letter.startsAt, lang),
          start: formatClock(letter.startsAt),
          end: formatClock(endOf(letter.startsAt, letter.durationMinutes)),
        })}
      </p>

      <h2>{t("meetings.letterPage.where")}</h2>
      {letter.place ? <p className="letter__big preserve-lines">{letter.place}</p> : null}
      {letter.videoLink ? <p>{t("meetings.letterPage.video", { link: letter.videoLink })}</p> : null}

      <h2>{t("meetings.letterPage.who")}</h2>
      <ul>
        <li>{t("meetings.letterPage.you")}</li>
        {letter.coming.map((c) => (
          <li key={c.id}>
            {c.name}, {c.organisation}
          </li>
        ))}
        {letter.relative ? <li>{t("meetings.letterPage.relative", { name: letter.relative })}</li> : null}
      </ul>

      {letter.agenda ? (
        <>
          <h2>{t("meetings.letterPage.agenda")}</h2>
          <p className="preserve-lines">{letter.agenda}</p>
        </>
      ) : null}

      <h2>{t("meetings.letterPage.change")}</h2>
      <p>
        {t("meetings.letterPage.changeText", {
          name: letter.organiser.name,
          organisation: letter.organiser.organisation,
        })}
        <br />
        {t("meetings.letterPage.email", { email: letter.organiser.email })}
      </p>
      <p>{t("meetings.letterPage.bringSomeone")}</p>
      <p>
        {t("meetings.letterPage.regards")}
        <br />
        {letter.organiser.name}
        <br />
        {letter.organiser.organisation}
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
