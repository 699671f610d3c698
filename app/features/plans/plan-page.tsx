// The plan page: every part of the plan, each edited in place by its own small form (told apart
// by `intent`), all working without JavaScript. Each section lives in its own module.
import { Link } from "@remix-run/react";
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
import type { PlanView } from "./plan-view";
import { TeamSection } from "./team-section";

export function PlanPageView({ page }: { page: PlanView }) {
  const { t, i18n } = useTranslation();
  const { plan } = page;
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
        <p>
          <Link to={`/plans/${plan.id}/my-plan`} className="button button--secondary">
            {t("plans.printMyPlan")}
          </Link>{" "}
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
          <PlanCoreSection page={page} />
          {page.meetings ? (
            <PlanMeetingsSection planId={plan.id} meetings={page.meetings} closed={plan.status === "closed"} />
          ) : null}
          <ActionsSection page={page} />
          <FollowUpsSection followUps={page.followUps} settings={page.settings} />
          <NotesSection notes={page.notes} />
        </div>
        <div className="plan__side">
          <LifecycleSection plan={plan} isLead={page.isLead} />
          <PersonSection person={page.person} />
          <TeamSection page={page} />
          <ConsentSection
            consents={page.consents}
            isLead={page.isLead}
            leadOrganisationId={plan.leadOrganisationId}
            partners={page.organisations}
            teamOrganisationIds={[...new Set(page.team.map((m) => m.organisationId))]}
          />
        </div>
      </div>
      <HistorySection history={page.history} />
    </article>
  );
}
