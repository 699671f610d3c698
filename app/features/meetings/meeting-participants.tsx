// Who is invited, how, and what each has answered (and, once held, who attended).
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Invitee, MeetingPage } from "./meeting-types";

/** The invitee as the page names them: staff by name, the person and a relative by their part. */
export function inviteeName(t: TFunction, i: Invitee, personName: string): string {
  if (i.party === "person") return t("meetings.personParty", { name: personName });
  if (i.party === "relative")
    return t("meetings.externalParty", {
      name: i.relativeName ?? "",
      role: t(`meetings.externalRoles.${i.externalRole ?? "relative"}`),
    });
  return i.userName ?? "";
}

function ResponseBadge({ invitee }: { invitee: Invitee }) {
  const { t } = useTranslation();
  if (invitee.party !== "staff") return <span className="muted">{t("meetings.letterOnly")}</span>;
  return (
    <>
      <span className={`badge badge--response-${invitee.response}`}>{t(`meetings.responses.${invitee.response}`)}</span>
      {invitee.response === "declined" && invitee.responseReason ? (
        <span className="preserve-lines invitee__reason">{invitee.responseReason}</span>
      ) : null}
      {invitee.replacedBy ? <span className="muted invitee__reason">{t("meetings.replacedBy")}</span> : null}
    </>
  );
}

export function ParticipantsSection({ page }: { page: MeetingPage }) {
  const { t } = useTranslation();
  const { meeting, counts } = page;
  const held = meeting.status === "held";
  return (
    <section className="card" aria-labelledby="participants-heading">
      <h2 id="participants-heading">{t("meetings.participants")}</h2>
      <p className="meeting__summary">
        {t("meetings.responseSummary", {
          invited: counts.invited,
          accepted: counts.accepted,
          declined: counts.declined,
          pending: counts.pending,
        })}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("meetings.participant")}</th>
            <th scope="col">{t("meetings.organisation")}</th>
            <th scope="col">{t("meetings.kind")}</th>
            <th scope="col">{t("meetings.response")}</th>
            {held ? <th scope="col">{t("meetings.attendance")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {page.invitees.map((i) => (
            <tr key={i.id}>
              <th scope="row">
                {inviteeName(t, i, meeting.personName)}
                {i.userId === meeting.organiserId ? (
                  <>
                    {" "}
                    <span className="badge badge--muted">{t("meetings.organiserBadge")}</span>
                  </>
                ) : null}
                {i.party === "relative" && i.relativeContact ? (
                  <span className="muted invitee__reason">
                    {t("meetings.relativeContactShown", { contact: i.relativeContact })}
                  </span>
                ) : null}
              </th>
              <td>{i.organisationName ?? "–"}</td>
              <td>{t(`meetings.kinds.${i.kind}`)}</td>
              <td>
                <ResponseBadge invitee={i} />
              </td>
              {held ? <td>{i.attended ? t("meetings.attended") : t("meetings.absent")}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
