import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton } from "~/components/print-button";
import { requirePermission } from "~/features/auth/auth.server";
import { getMyPlan } from "~/features/plans/plan-page.server";
import type { MyPlan } from "~/features/plans/plan-view";
import { notFound } from "~/lib/http.server";
import { formatDate } from "~/lib/time";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("plans.myPlanTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const planId = params.planId ?? "";
  const myPlan = await getMyPlan(getDb(), user, planId);
  if (!myPlan.ok) throw notFound();
  return { planId, myPlan: myPlan.value };
}

function ActionList({ actions }: { actions: MyPlan["actions"] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="my-plan__actions">
      {actions.map((a) => (
        <li key={a.id}>
          <strong>{a.description}</strong>
          {a.byPerson ? null : (
            <>
              <br />
              {a.person ? `${a.person}, ` : ""}
              {a.organisation}
            </>
          )}
          {a.dueDate ? ` – ${t("plans.myPlanWhen", { date: formatDate(a.dueDate, i18n.language) })}` : ""}
          {a.status === "done" ? ` (${t("plans.actionStatuses.done").toLowerCase()})` : ""}
        </li>
      ))}
    </ul>
  );
}

// "Min plan": the person's own copy, in plain language, made to be printed and handed over.
export default function MyPlan() {
  const { t, i18n } = useTranslation();
  const { planId, myPlan } = useLoaderData<typeof loader>();
  const own = myPlan.actions.filter((a) => a.byPerson);
  const others = myPlan.actions.filter((a) => !a.byPerson);
  return (
    <article className="my-plan">
      <p className="no-print">
        <Link to={`/plans/${planId}`}>{t("plans.backToPlan")}</Link> <PrintButton label={t("plans.print")} />
      </p>
      <h1>
        {t("plans.myPlanTitle")} – {myPlan.personName}
      </h1>
      <p className="lead">{t("plans.myPlanIntro")}</p>

      <section aria-labelledby="goal-heading">
        <h2 id="goal-heading">{t("plans.myPlanGoal")}</h2>
        <p className="my-plan__goal preserve-lines">{myPlan.goal || "–"}</p>
      </section>

      {own.length > 0 ? (
        <section aria-labelledby="self-heading">
          <h2 id="self-heading">{t("planPage.myPlanSelf")}</h2>
          <ActionList actions={own} />
        </section>
      ) : null}

      <section aria-labelledby="who-heading">
        <h2 id="who-heading">{t("plans.myPlanWhoDoesWhat")}</h2>
        {others.length === 0 ? <p>–</p> : <ActionList actions={others} />}
      </section>

      <section aria-labelledby="next-heading">
        <h2 id="next-heading">{t("plans.myPlanNext")}</h2>
        <p className="my-plan__next">
          {!myPlan.nextFollowUp
            ? t("plans.myPlanNoDate")
            : myPlan.nextFollowUpPassed
              ? t("planPage.myPlanNextPassed", { date: formatDate(myPlan.nextFollowUp, i18n.language) })
              : formatDate(myPlan.nextFollowUp, i18n.language)}
        </p>
      </section>

      <section aria-labelledby="contacts-heading">
        <h2 id="contacts-heading">{t("plans.myPlanContacts")}</h2>
        <p>{t("plans.myPlanResponsible", { name: myPlan.leadUserName, organisation: myPlan.leadOrganisationName })}</p>
        <ul className="plain-list">
          {myPlan.contacts.map((c) => (
            <li key={c.id}>
              {c.name}, {c.organisation} – {c.email}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
