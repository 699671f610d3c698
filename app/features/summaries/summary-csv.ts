// One table of a summary as CSV, suppressed exactly as on screen (summary-tables.ts is the one
// list both use). The route edge turns it into a download.
import type { TFunction } from "i18next";
import { fail, ok, type Result } from "~/lib/result";
import type { SummaryFigures } from "./summary-figures";
import { formatCell, summaryTables } from "./summary-tables";

export interface CsvTable {
  filename: string;
  header: string[];
  rows: string[][];
}

export function summaryTableCsv(
  figures: SummaryFigures,
  tableId: string,
  t: TFunction,
  locale: string,
  filePrefix: string,
): Result<CsvTable> {
  const table = summaryTables(figures, t, locale).find((tb) => tb.id === tableId);
  if (!table) return fail("not_found");
  const rows = table.rows.map((r) => [r.label, formatCell(r.value, figures.k)]);
  if (table.total !== undefined) rows.push([t("summaries.total"), formatCell(table.total, figures.k)]);
  return ok({
    filename: `${filePrefix}-${figures.period.key}-${table.id}.csv`,
    header: [table.title, t("summaries.value")],
    rows,
  });
}
