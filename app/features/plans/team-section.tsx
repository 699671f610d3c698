// The plan's team, with who is not yet covered by a consent. Editing adds members and removes
// them after a confirmation that says what removal means.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SubmitButton, useReplyFor } from "~/components/forms";
import { compositionWarnings } from "./composition";
import { EditLink, editLink, PlanCard } from "./plan-overview";
import type { PlanView, TeamMember } from "./plan-view";

function RemoveConfirmation({ member, isSelf }: { member: TeamMember; isSelf: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="confirm" role="group" aria-labelledby="remove-member-title">
      <h3 id="remove-member-title">{t("planPage.removeTitle", { name: member.name })}</h3>
      <p>{isSelf ? t("planPage.removeSelf") : t("planPage.removeWhatFollows", { name: member.name })}</p>
      <Form method="post" className="button-row" action={`?edit=team#team`}>
        <input type="hidden" name="intent" value="remove-member" />
        <input type="hidden" name="memberId" value={member.id} />
        <SubmitButton variant="danger">{t("planPage.removeConfirm")}</SubmitButton>
        <Link to={editLink("team")} className="button button--secondary" preventScrollReset>
          {t("common.cancel")}
        </Link>
      </Form>
    </div>
  );
}

export function TeamSection({
  page,
  editing,
  removing,
}: {
  page: PlanView;
  editing: boolean;
  /** The member whose removal awaits confirmation. */
  removing?: string;
}) {
  const { t } = useTranslation();
  const addReply = useReplyFor("add-member");
  const removeReply = useReplyFor("remove-member");
  const reply = (addReply ?? removeReply)?.result;
  const covered = new Set(page.coveredOrganisationIds);
  const { plan } = page;
  const toRemove = page.team.find((m) => m.id === removing && m.id !== plan.leadUserId);
  return (
    <PlanCard id="team" title={t("plans.team")}>
      {editing ? <p className="field__help">{t("plans.teamHint")}</p> : null}
      {compositionWarnings(
        plan.kind,
        page.team.map((m) => m.organisationKind),
      ).map((w) => (
        <p key={w} className="callout callout--warning" role="note">
          {t(`plans.composition.${w}`)}
        </p>
      ))}
      <FormErrors errors={reply?.error?.[""] ?? null} />
      {toRemove ? <RemoveConfirmation member={toRemove} isSelf={toRemove.id === page.currentUserId} /> : null}
      <ul className="grant-list">
        {page.team.map((m) => {
          const uncovered = m.organisationId !== plan.leadOrganisationId && !covered.has(m.organisationId);
          return (
            <li key={m.id}>
              <span>
                {m.name}
                {editing ? <br /> : " · "}
                <span className="muted">{m.organisationName}</span>
                {uncovered ? (
                  <>
                    {" "}
                    <span className="badge badge--warning">{t("plans.notCovered")}</span>
                  </>
                ) : null}
              </span>
              {editing && m.id !== plan.leadUserId && m.id !== toRemove?.id ? (
                <Link to={editLink("team", `&remove=${m.id}`)} className="button button--quiet" preventScrollReset>
                  {t("plans.removeMember")}
                  <span className="visually-hidden"> {m.name}</span>
                </Link>
              ) : null}
            </li>
          );
        })}
      </ul>
      {!editing ? (
        plan.status !== "closed" ? (
          <EditLink to={editLink("team")}>{t("planPage.editTeam")}</EditLink>
        ) : null
      ) : page.candidates.length > 0 ? (
        <Form method="post" className="stack" action={`?edit=team#team`}>
          <input type="hidden" name="intent" value="add-member" />
          <div className="field">
            <label htmlFor="add-member">{t("plans.member")}</label>
            <select id="add-member" name="memberId" required>
              <option value="" />
              {page.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} – {c.organisationName}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton variant="secondary">{t("plans.addMember")}</SubmitButton>
        </Form>
      ) : (
        <p className="muted">{t("plans.noCandidates")}</p>
      )}
    </PlanCard>
  );
}
