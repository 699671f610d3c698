import { useTranslation } from "react-i18next";
import { BarChart, TrendChart } from "~/components/charts";
import { ImprovementRegisterSection } from "~/features/improvements/register-section";
import type { SummaryFigures } from "./summary-figures";
import { formatCell, summaryTables, type SummaryTable } from "./summary-tables";

function DataTable({ table, k, csvHref }: { table: SummaryTable; k: number; csvHref?: string }) {
  const { t } = useTranslation();
  return (
    <div className="data-table">
      <table className="table table--compact">
        <caption>{table.title}</caption>
        <thead>
          <tr>
            <th scope="col">{t("summaries.figure")}</th>
            <th scope="col" className="num">
              {t("summaries.value")}
            </th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td className="num">{formatCell(r.value, k)}</td>
            </tr>
          ))}
        </tbody>
        {table.total !== undefined ? (
          <tfoot>
            <tr>
              <th scope="row">{t("summaries.total")}</th>
              <td className="num">{formatCell(table.total, k)}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
      {csvHref ? (
        <a className="csv-link" href={`${csvHref}csv/${table.id}`} download>
          {t("summaries.exportCsv")}
          <span className="visually-hidden"> – {t("summaries.exportTable", { title: table.title })}</span>
        </a>
      ) : null}
    </div>
  );
}

function Figure({ table, k, csvHref }: { table: SummaryTable; k: number; csvHref?: string }) {
  const { t } = useTranslation();
  if (!table.chart) return <DataTable table={table} k={k} csvHref={csvHref} />;
  return (
    <div className="figure">
      <BarChart
        title={t("summaries.chartOf", { title: table.title })}
        description={t("summaries.chartDescription")}
        k={k}
        rows={table.rows.map((r) => ({
          label: r.label,
          value: typeof r.value === "number" || r.value === null || r.value === "masked" ? r.value : null,
        }))}
      />
      <DataTable table={table} k={k} csvHref={csvHref} />
    </div>
  );
}

/** A summary, live or frozen. `csvHref` is the prefix each table's CSV file name is appended to. */
export function SummaryView({ figures, csvHref }: { figures: SummaryFigures; csvHref?: string }) {
  const { t, i18n } = useTranslation();
  const tables = summaryTables(figures, t, i18n.language);
  const byId = new Map(tables.map((tb) => [tb.id, tb]));
  // A snapshot frozen before a table existed simply lacks it.
  const show = (...ids: string[]) =>
    ids.flatMap((id) => {
      const table = byId.get(id);
      return table ? [<Figure key={id} table={table} k={figures.k} csvHref={csvHref} />] : [];
    });
  return (
    <div className="summary">
      <p className="field__help">{t("summaries.suppressionNote", { k: figures.k })}</p>
      <section aria-labelledby="sum-deviations" className="summary__section">
        <h2 id="sum-deviations">{t("summaries.deviationsHeading")}</h2>
        {show(
          "deviation-counts",
          "deviations-by-category",
          "deviations-by-party",
          "deviations-by-consequence",
          "deviations-by-kind",
          "deviations-routine-by-category",
          "deviations-routine-by-organisation-kind",
          "deviations-status",
          "deviations-escalations",
          "deviations-timing",
        )}
        <h3>{t("summaries.improvements")}</h3>
        {figures.deviations.improvements.length === 0 ? (
          <p className="muted">{t("summaries.noImprovements")}</p>
        ) : (
          <ul className="plain-list improvements">
            {figures.deviations.improvements.map((i) => (
              <li key={i.number}>
                <strong>{t("deviations.caseTitle", { number: i.number })}:</strong> {i.summary}
              </li>
            ))}
          </ul>
        )}
      </section>
      {figures.improvementRegister ? (
        <ImprovementRegisterSection register={figures.improvementRegister} k={figures.k} />
      ) : null}
      <section aria-labelledby="sum-plans" className="summary__section">
        <h2 id="sum-plans">{t("summaries.plansHeading")}</h2>
        {show(
          "plans-overview",
          "plans-by-kind",
          "plans-organisation-kinds",
          "plans-follow-ups",
          "plans-cadence",
          "plans-progression",
          "plans-by-outcome",
          "plans-new-by-age",
          "plans-new-by-gender",
          "plans-active-by-age",
          "plans-active-by-gender",
          "plans-closed-by-age",
          "plans-closed-by-gender",
          "actions-by-kind-and-type",
        )}
      </section>
      <section aria-labelledby="sum-meetings" className="summary__section">
        <h2 id="sum-meetings">{t("summaries.meetingsHeading")}</h2>
        {show("meetings-overview", "meetings-summoned", "meetings-attended")}
      </section>
      <section aria-labelledby="sum-trend" className="summary__section">
        <h2 id="sum-trend">{t("summaries.trendHeading")}</h2>
        <div className="figure">
          <TrendChart
            title={t("summaries.trendHeading")}
            description={t("summaries.trendDescription")}
            k={figures.k}
            series={[t("summaries.trendDeviations"), t("summaries.trendPlans")]}
            points={figures.trend.map((p) => ({ label: p.label, values: [p.deviations, p.newPlans] }))}
          />
          <DataTable table={byId.get("trend")!} k={figures.k} csvHref={csvHref} />
        </div>
      </section>
    </div>
  );
}
