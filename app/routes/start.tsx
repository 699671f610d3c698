import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/features/auth/auth.server";
import { MeetingsStart } from "~/features/meetings/start-sections";
import { startPage } from "~/features/start/start.server";
import { WorkQueues } from "~/features/start/work-queues";
import { formatDate } from "~/lib/time";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("start.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return startPage(getDb(), user);
}

export default function Start() {
  const { t, i18n } = useTranslation();
  const { name, isAdmin, work, meetings, queues } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("start.welcome", { name })}</h1>
      <p className="lead">{t("start.intro")}</p>
      <WorkQueues queues={queues} />
      {work ? (
        <div className="card-grid card-grid--wide">
          <section className="card" aria-labelledby="overdue-heading">
            <h2 id="overdue-heading">{t("start.overdueActions")}</h2>
            {work.overdueActions.length === 0 ? (
              <p className="muted">{t("start.noOverdueActions")}</p>
            ) : (
              <ul className="plain-list">
                {work.overdueActions.map((a) => (
                  <li key={a.id}>
                    <Link to={`/plans/${a.planId}`}>{a.personName || t("persons.unnamed")}</Link>: {a.description}{" "}
                    <span className="badge badge--warning">{formatDate(a.dueDate, i18n.language)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="follow-up-heading">
            <h2 id="follow-up-heading">{t("start.followUpsDue")}</h2>
            {work.followUps.length === 0 ? (
              <p className="muted">{t("start.noFollowUpsDue")}</p>
            ) : (
              <ul className="plain-list">
                {work.followUps.map((f) => (
                  <li key={f.planId}>
                    <Link to={`/plans/${f.planId}`}>{f.personName || t("persons.unnamed")}</Link> (
                    {t(`plans.kindShort.${f.kind}`)}):{" "}
                    <span className={f.overdue ? "badge badge--warning" : undefined}>
                      {formatDate(f.nextFollowUp, i18n.language)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="consent-heading">
            <h2 id="consent-heading">{t("plans.consentMissing")}</h2>
            {work.uncoveredPlans.length === 0 ? (
              <p className="muted">{t("start.allCovered")}</p>
            ) : (
              <ul className="plain-list">
                {work.uncoveredPlans.map((p) => (
                  <li key={p.planId}>
                    <Link to={`/plans/${p.planId}`}>{p.personName || t("persons.unnamed")}</Link>:{" "}
                    {p.organisations.join(", ")}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      ) : null}
      {meetings ? <MeetingsStart data={meetings} /> : null}
      {work ? (
        <p>
          <Link to="/plans" className="button button--secondary">
            {t("plans.myPlans")}
          </Link>{" "}
          <Link to="/plans/new" className="button button--primary">
            {t("plans.newPlan")}
          </Link>
        </p>
      ) : null}
      {isAdmin ? (
        <section className="card" aria-labelledby="admin-heading">
          <h2 id="admin-heading">{t("nav.admin")}</h2>
          <p>{t("start.adminIntro")}</p>
          <Link to="/admin" className="button button--secondary">
            {t("start.goToAdmin")}
          </Link>
        </section>
      ) : null}
      {queues.length === 0 && !work ? <p className="empty-state">{t("start.nothingYet")}</p> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
