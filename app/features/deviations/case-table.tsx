// The list of cases as coordinators, managers and reporters see it. Lists are sorted by when the
// case was reported, so that date comes first and the event date is labelled as such.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, todayInStockholm } from "~/lib/time";
import type { DeviationStatus, DeviationTable } from "#db/schema";

export interface CaseRow {
  id: string;
  number: number;
  status: DeviationStatus;
  createdAt: string;
  eventDate: string;
  category: DeviationTable["category"];
  /** The case's summary, or the reporter's own text where the viewer may read it. */
  text: string;
  overdue?: boolean;
  /** Shown after the status, e.g. how a closed case ended. */
  statusNote?: string;
  partnershipName?: string;
}

export function CaseTable({ rows, caption }: { rows: CaseRow[]; caption?: string }) {
  const { t, i18n } = useTranslation();
  const withPartnership = rows.some((r) => r.partnershipName);
  return (
    <table className="table">
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">{t("deviations.number")}</th>
          <th scope="col">{t("deviations.reportedColumn")}</th>
          <th scope="col">{t("deviations.eventDateColumn")}</th>
          {withPartnership ? <th scope="col">{t("deviations.partnership")}</th> : null}
          <th scope="col">{t("deviations.category")}</th>
          <th scope="col">{t("deviations.summary")}</th>
          <th scope="col">{t("deviations.status")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.id} className={d.overdue ? "row--attention" : undefined}>
            <td>
              <Link to={`/deviations/${d.id}`}>{t("deviations.caseTitle", { number: d.number })}</Link>
            </td>
            <td className="nowrap">{formatDate(todayInStockholm(new Date(d.createdAt)), i18n.language)}</td>
            <td className="nowrap">{formatDate(d.eventDate, i18n.language)}</td>
            {withPartnership ? <td>{d.partnershipName}</td> : null}
            <td>{t(`deviations.categories.${d.category}`)}</td>
            <td>
              <span className="clamp">{d.text}</span>
            </td>
            <td>
              <span className={`badge badge--dev-${d.status}`}>{t(`deviations.statuses.${d.status}`)}</span>
              {d.statusNote ? ` – ${d.statusNote}` : ""}
              {d.overdue ? (
                <>
                  {" "}
                  <span className="badge badge--warning">{t("deviations.overdue")}</span>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
