import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EmptyState } from "~/components/list";
import { requireUser } from "~/features/auth/auth.server";
import { summariesHome } from "~/features/summaries/snapshot-queries.server";
import { invariantResponse } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { formatDate } from "~/lib/time";

export const meta = pageTitle("summaries.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A custom range posts nothing personal, so it travels as a GET to the summary's own address.
  const url = new URL(request.url);
  const range = url.searchParams.has("from")
    ? {
        from: url.searchParams.get("from") ?? "",
        to: url.searchParams.get("to") ?? "",
        partnershipId: url.searchParams.get("partnershipId") ?? "",
      }
    : null;
  const result = await summariesHome(getDb(), user, range);
  invariantResponse(result.ok);
  const home = result.value;
  if (home.kind === "custom") throw redirect(`/reports/${home.partnershipId}/${home.period.key}`);
  return home;
}

export default function Reports() {
  const { t, i18n } = useTranslation();
  const { periods, coordinated, snapshots, invalidRange } = useLoaderData<typeof loader>();
  const terms = periods.filter((p) => p.kind === "term");
  const tertials = periods.filter((p) => p.kind === "tertial");
  const visible = snapshots.filter((s) => !s.retractedAt || coordinated.some((c) => c.id === s.partnershipId));
  return (
    <>
      <h1>{t("summaries.title")}</h1>
      <p className="lead">{coordinated.length > 0 ? t("summaries.intro") : t("summaries.steeringIntro")}</p>
      {coordinated.map((p) => (
        <section key={p.id} className="card" aria-labelledby={`periods-${p.id}`}>
          <h2 id={`periods-${p.id}`}>
            {t("summaries.working")}: {p.name}
          </h2>
          <h3>{t("summaries.terms")}</h3>
          <ul className="chip-list">
            {terms.map((period) => (
              <li key={period.key}>
                <Link to={`/reports/${p.id}/${period.key}`}>{period.label}</Link>
              </li>
            ))}
          </ul>
          <h3>{t("summaries.tertials")}</h3>
          <ul className="chip-list">
            {tertials.map((period) => (
              <li key={period.key}>
                <Link to={`/reports/${p.id}/${period.key}`}>{period.label}</Link>
              </li>
            ))}
          </ul>
          <h3>{t("summaries.custom")}</h3>
          {invalidRange ? (
            <p className="form-errors" role="alert">
              {t("summaries.invalidRange")}
            </p>
          ) : null}
          <Form method="get" className="field-row">
            <input type="hidden" name="partnershipId" value={p.id} />
            <div className="field">
              <label htmlFor={`from-${p.id}`}>{t("summaries.from")}</label>
              <input id={`from-${p.id}`} type="date" name="from" required />
            </div>
            <div className="field">
              <label htmlFor={`to-${p.id}`}>{t("summaries.to")}</label>
              <input id={`to-${p.id}`} type="date" name="to" required />
            </div>
            <div className="field-row__button">
              <button type="submit" className="button button--secondary">
                {t("summaries.show")}
              </button>
            </div>
          </Form>
        </section>
      ))}
      <section aria-labelledby="snapshots-heading">
        <h2 id="snapshots-heading">{t("summaries.snapshots")}</h2>
        {visible.length === 0 ? (
          <EmptyState>{coordinated.length > 0 ? t("summaries.noSnapshots") : t("summaries.noReleased")}</EmptyState>
        ) : (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("summaries.meeting")}</th>
                  <th scope="col">{t("summaries.period")}</th>
                  <th scope="col">{t("deviations.partnership")}</th>
                  <th scope="col">{t("deviations.status")}</th>
                </tr>
              </thead>
              <tbody>
                {visible.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/reports/snapshots/${s.id}`}>
                        {s.meetingName}, {formatDate(s.meetingDate, i18n.language)}
                      </Link>
                    </td>
                    <td>{s.periodLabel}</td>
                    <td>{s.partnershipName}</td>
                    <td>
                      {s.retractedAt
                        ? t("summaries.retracted")
                        : s.releasedAt
                          ? t("summaries.released")
                          : t("summaries.notReleased")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {visible.length > 1 ? (
              <Form method="get" action="/reports/compare" className="filter-form" aria-labelledby="compare-heading">
                <h3 id="compare-heading">{t("summaries.compare")}</h3>
                {(["a", "b"] as const).map((side, i) => (
                  <div className="field" key={side}>
                    <label htmlFor={`compare-${side}`}>
                      {side === "a" ? t("summaries.compareA") : t("summaries.compareB")}
                    </label>
                    <select id={`compare-${side}`} name={side} defaultValue={visible[i]?.id} required>
                      {visible.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.periodLabel} – {s.meetingName}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
                <button type="submit" className="button button--primary">
                  {t("summaries.compareShow")}
                </button>
              </Form>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
