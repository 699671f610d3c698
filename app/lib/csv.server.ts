import { stringify } from "csv-stringify/sync";

/** A cell a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with ' so it stays text. */
export function neutralise(value: unknown): string {
  const text = value == null ? "" : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** UTF-8 with a BOM so Excel reads å, ä and ö right; semicolons as Swedish Excel expects. */
export function csvResponse(filename: string, header: string[], rows: unknown[][]): Response {
  const body = stringify([header.map(neutralise), ...rows.map((r) => r.map(neutralise))], {
    delimiter: ";",
    record_delimiter: "\r\n",
  });
  return new Response(`\uFEFF${body}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
