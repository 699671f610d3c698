import type { TFunction } from "i18next";
import { csvResponse } from "~/lib/csv.server";
import { notFound } from "~/lib/http.server";
import type { SummaryFigures } from "./summaries.server";
import { formatCell, summaryTables } from "./summary-tables";

/** One table of a summary as CSV, suppressed exactly as on screen. */
export function summaryTableCsv(
  figures: SummaryFigures,
  tableId: string,
  t: TFunction,
  locale: string,
  filePrefix: string,
): Response {
  const table = summaryTables(figures, t, locale).find((tb) => tb.id === tableId);
  if (!table) throw notFound();
  const rows = table.rows.map((r) => [r.label, formatCell(r.value, figures.k)]);
  if (table.total !== undefined) rows.push([t("summaries.total"), formatCell(table.total, figures.k)]);
  return csvResponse(`${filePrefix}-${figures.period.key}-${table.id}.csv`, [table.title, t("summaries.value")], rows);
}
