import type { LoaderFunctionArgs } from "@remix-run/node";
import { Fragment, type ReactNode } from "react";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton } from "~/components/print-button";
import { requirePermission } from "~/features/auth/auth.server";
import { registerExtract, type ExtractPlan } from "~/features/register-extract/extract.server";
import { notFound } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { formatDate, formatDateTime } from "~/lib/time";

export const meta = pageTitle("registerExtract.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "extract:produce");
  const planId = params.planId ?? "";
  const extract = await registerExtract(getDb(), user, planId, "page");
  if (!extract.ok) throw notFound();
  return { planId, extract: extract.value };
}

function List<T>({ items, render }: { items: T[]; render: (item: T, i: number) => ReactNode }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p>{t("registerExtract.none")}</p>;
  return (
    <ul className="plain-list">
      {items.map((item, i) => (
        <li key={i}>{render(item, i)}</li>
      ))}
    </ul>
  );
}

function PlanSection({ plan, n }: { plan: ExtractPlan; n: number }) {
  const { t, i18n } = useTranslation();
  const date = (d: string | null) => formatDate(d, i18n.language);
  const id = `plan-${n}`;
  return (
    <section aria-labelledby={id} className="extract__plan">
      <h3 id={id}>{t("registerExtract.plan", { kind: plan.kind, organisation: plan.leadOrganisation })}</h3>
      <dl className="facts">
        <dt>{t("registerExtract.planStatus")}</dt>
        <dd>{t(`registerExtract.statuses.${plan.status}`)}</dd>
        <dt>{t("registerExtract.planCreated")}</dt>
        <dd>{date(plan.createdAt)}</dd>
        {plan.closedAt ? (
          <>
            <dt>{t("registerExtract.planClosed")}</dt>
            <dd>{date(plan.closedAt)}</dd>
          </>
        ) : null}
        <dt>{t("registerExtract.goal")}</dt>
        <dd className="preserve-lines">{plan.goal || "–"}</dd>
        <dt>{t("registerExtract.needs")}</dt>
        <dd className="preserve-lines">{plan.needs || "–"}</dd>
      </dl>
      <h4>{t("registerExtract.consentsHeading")}</h4>
      <List
        items={plan.consents}
        render={(c) => (
          <>
            {t("registerExtract.consentLine", {
              given: date(c.givenOn),
              from: date(c.validFrom),
              until: date(c.validUntil),
              organisations: c.organisations.join(", "),
              purpose: c.purpose,
            })}
            {c.withdrawnAt ? ` ${t("registerExtract.consentWithdrawn", { date: date(c.withdrawnAt) })}` : ""}
          </>
        )}
      />
      <h4>{t("registerExtract.actionsHeading")}</h4>
      <List
        items={plan.actions}
        render={(a) => (
          <>
            {t("registerExtract.actionLine", { description: a.description, organisation: a.organisation })} (
            {t(`plans.actionStatuses.${a.status}`).toLowerCase()})
          </>
        )}
      />
      <h4>{t("registerExtract.followUpsHeading")}</h4>
      <List
        items={plan.followUps}
        render={(f) => t("registerExtract.followUpLine", { date: date(f.heldOn), reviewed: f.reviewed })}
      />
      <h4>{t("registerExtract.notesHeading")}</h4>
      <List
        items={plan.notes}
        render={(note) => (
          <>
            <span className="muted">{formatDateTime(note.createdAt, i18n.language)}</span>
            <br />
            <span className="preserve-lines">{note.body}</span>
          </>
        )}
      />
      <h4>{t("registerExtract.meetingsHeading")}</h4>
      <List
        items={plan.meetings}
        render={(m) => (
          <>
            {t("registerExtract.meetingLine", { date: formatDateTime(m.startsAt, i18n.language), purpose: m.purpose })}
            {m.letter ? ` ${t("registerExtract.letterSent")}` : ""}
            {m.minutes ? (
              <>
                <br />
                <span className="preserve-lines">{m.minutes}</span>
              </>
            ) : null}
          </>
        )}
      />
    </section>
  );
}

// The register extract: plain Swedish, made to be printed and handed to the person.
export default function RegisterExtractPage() {
  const { t, i18n } = useTranslation();
  const { planId, extract } = useLoaderData<typeof loader>();
  const { person } = extract;
  return (
    <article className="my-plan extract">
      <p className="no-print">
        <Link to={`/plans/${planId}`}>{t("registerExtract.backToPlan")}</Link>{" "}
        <PrintButton label={t("registerExtract.print")} />{" "}
        <a href={`/plans/${planId}/extract.json`} download className="button button--secondary">
          {t("registerExtract.download")}
        </a>
      </p>
      <h1>{t("registerExtract.title")}</h1>
      <p className="lead">{t("registerExtract.intro", { organisation: extract.organisation })}</p>
      <p className="muted">
        {t("registerExtract.produced", {
          date: formatDate(extract.producedAt, i18n.language),
          organisation: extract.organisation,
        })}
      </p>

      <section aria-labelledby="person-heading">
        <h2 id="person-heading">{t("registerExtract.personHeading")}</h2>
        <dl className="facts">
          <dt>{t("registerExtract.identityNumber")}</dt>
          <dd>{person.identityNumber}</dd>
          {person.details.map((d, i) => (
            <Fragment key={i}>
              <dt>{t("registerExtract.name")}</dt>
              <dd>{d.name || "–"}</dd>
              {d.address ? (
                <>
                  <dt>{t("registerExtract.address")}</dt>
                  <dd>{d.address}</dd>
                </>
              ) : null}
              {d.phone ? (
                <>
                  <dt>{t("registerExtract.phone")}</dt>
                  <dd>{d.phone}</dd>
                </>
              ) : null}
              {d.email ? (
                <>
                  <dt>{t("registerExtract.email")}</dt>
                  <dd>{d.email}</dd>
                </>
              ) : null}
            </Fragment>
          ))}
        </dl>
        {person.protectedIdentity ? <p>{t("registerExtract.protected")}</p> : null}
      </section>

      <section aria-labelledby="plans-heading">
        <h2 id="plans-heading">{t("registerExtract.plansHeading")}</h2>
        {extract.plans.map((plan, n) => (
          <PlanSection key={plan.id} plan={plan} n={n} />
        ))}
      </section>

      <section aria-labelledby="reads-heading">
        <h2 id="reads-heading">{t("registerExtract.readsHeading")}</h2>
        <p>{extract.staffNames ? t("registerExtract.readsStaffIntro") : t("registerExtract.readsIntro")}</p>
        <List
          items={extract.reads}
          render={(r) =>
            r.name
              ? t("registerExtract.readLineStaff", {
                  date: formatDate(r.date, i18n.language),
                  name: r.name,
                  organisation: r.organisation,
                })
              : t("registerExtract.readLine", { date: formatDate(r.date, i18n.language), organisation: r.organisation })
          }
        />
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
