// The plan page: an overview of the plan as it is read every day, each section opening its own
// small form on request ("?edit=<section>", a plain link, so it works without JavaScript). Forms
// are told apart by `intent`; after a save the page comes back to the section that changed.
import { Link, useLocation } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ConsentSection } from "~/features/consent/consent-section";
import { PlanMeetingsSection } from "~/features/meetings/plan-meetings";
import { PersonSection } from "~/features/persons/person-section";
import { formatDate } from "~/lib/time";
import { ActionsSection } from "./actions-section";
import { FollowUpsSection, NotesSection } from "./follow-ups-section";
import { HistorySection } from "./history-section";
import { LifecycleSection } from "./lifecycle-section";
import { PlanCoreSection } from "./plan-core-section";
import {
  ActionsOverview,
  ConsentOverview,
  EditLink,
  editLink,
  FollowUpsOverview,
  GoalOverview,
  NotesOverview,
  type PlanSection,
} from "./plan-overview";
import type { PlanView } from "./plan-view";
import { TeamSection } from "./team-section";

export { PLAN_SECTIONS, type PlanSection } from "./plan-overview";

/** A section opened for editing: the anchor the page returns to, and the way back. */
function Editing({ id, children }: { id: PlanSection | "history"; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div id={id} tabIndex={-1} className="editing">
      {children}
      <p className="editing__back">
        <Link to={`.#${id}`} preventScrollReset>
          {t("planPage.backToOverview")}
        </Link>
      </p>
    </div>
  );
}

/**
 * After a save (a redirect to `#section`) or opening a form, the section named by the URL's
 * fragment takes focus, so keyboard and screen-reader users continue where they were.
 */
function useFocusOnFragment() {
  const location = useLocation();
  useEffect(() => {
    if (!location.hash) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "start" });
    }
  }, [location.key, location.hash]);
}

export function PlanPageView({
  page,
  edit,
  removing,
  showHistory,
}: {
  page: PlanView;
  edit: PlanSection | null;
  removing?: string;
  showHistory: boolean;
}) {
  const { t, i18n } = useTranslation();
  useFocusOnFragment();
  const { plan } = page;
  const closed = plan.status === "closed";
  return (
    <article className="plan">
      <header className="plan__header">
        <p className="plan__kind">
          {t(`plans.kinds.${plan.kind}`)} ·{" "}
          <span className={`badge badge--${plan.status}`}>{t(`plans.statuses.${plan.status}`)}</span>
        </p>
        <h1>
          {t("plans.planFor", {
            kind: t(`plans.kindShort.${plan.kind}`),
            name: page.person.name || t("persons.unnamed"),
          })}
        </h1>
        <p className="muted">
          {t("plans.lead")}: {plan.leadUserName}, {plan.leadOrganisationName} · {t("plans.nextFollowUp")}:{" "}
          {plan.nextFollowUp ? formatDate(plan.nextFollowUp, i18n.language) : t("plans.noFollowUpDate")}
          {plan.followUpOverdue ? (
            <>
              {" "}
              <span className="badge badge--warning">{t("plans.followUpOverdue")}</span>
            </>
          ) : null}
        </p>
        <p className="button-row">
          {!closed ? (
            <Link to={`/plans/${plan.id}/meetings/new`} className="button button--primary">
              {t("meetings.convene")}
            </Link>
          ) : null}
          <Link to={`/plans/${plan.id}/my-plan`} className="button button--secondary">
            {t("plans.printMyPlan")}
          </Link>
          <Link to={`/plans/${plan.id}/extract`} className="button button--secondary">
            {t("registerExtract.link")}
          </Link>
        </p>
      </header>
      {page.uncoveredOrganisations.length > 0 ? (
        <p className="notice" role="status">
          {t("plans.uncoveredWarning", { organisations: page.uncoveredOrganisations.map((o) => o.name).join(", ") })}
        </p>
      ) : null}
      <div className="plan__layout">
        <div className="plan__main">
          {edit === "goal" ? (
            <Editing id="goal">
              <PlanCoreSection page={page} />
            </Editing>
          ) : (
            <GoalOverview page={page} />
          )}
          {edit === "actions" ? (
            <Editing id="actions">
              <ActionsSection page={page} open />
            </Editing>
          ) : (
            <ActionsOverview page={page} />
          )}
          {edit === "follow-ups" ? (
            <Editing id="follow-ups">
              <FollowUpsSection followUps={page.followUps} settings={page.settings} open={!closed} />
            </Editing>
          ) : (
            <FollowUpsOverview followUps={page.followUps} closed={closed} />
          )}
        </div>
        <div className="plan__side">
          {page.meetings ? (
            <PlanMeetingsSection
              planId={plan.id}
              meetings={page.meetings}
              closed={closed}
              showConvene={false}
              pastShown={1}
            />
          ) : null}
          <TeamSection page={page} editing={edit === "team"} removing={removing} />
          {edit === "consent" ? (
            <Editing id="consent">
              <ConsentSection
                consents={page.consents}
                isLead={page.isLead}
                leadOrganisationId={plan.leadOrganisationId}
                partners={page.organisations}
                teamOrganisationIds={[...new Set(page.team.map((m) => m.organisationId))]}
              />
            </Editing>
          ) : (
            <ConsentOverview consents={page.consents} isLead={page.isLead} />
          )}
          <div id="person" tabIndex={-1}>
            <PersonSection
              person={page.person}
              editing={edit === "person"}
              footer={
                edit === "person" ? (
                  <p className="editing__back">
                    <Link to=".#person" preventScrollReset>
                      {t("planPage.backToOverview")}
                    </Link>
                  </p>
                ) : closed ? null : (
                  <EditLink to={editLink("person")}>{t("planPage.editPerson")}</EditLink>
                )
              }
            />
          </div>
          {edit === "notes" ? (
            <Editing id="notes">
              <NotesSection notes={page.notes} />
            </Editing>
          ) : (
            <NotesOverview notes={page.notes} />
          )}
          <LifecycleSection plan={plan} isLead={page.isLead} editing={edit === "lifecycle"} />
        </div>
      </div>
      {showHistory ? (
        <Editing id="history">
          <HistorySection history={page.history} open />
        </Editing>
      ) : (
        <p className="plan__history-link">
          <Link to="?history=all#history" preventScrollReset>
            {t("planPage.showHistory")}
          </Link>
        </p>
      )}
    </article>
  );
}
