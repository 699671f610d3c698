import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/features/auth/auth.server";
import { parsePeriod } from "~/features/summaries/periods";
import { workingSummaryCsv } from "~/features/summaries/working-summary.server";
import { csvResponse } from "~/lib/csv.server";
import { invariantResponse } from "~/lib/http.server";
import { getFixedT, getLocale } from "~/lib/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const partnershipId = params.partnershipId ?? "";
  const user = await requirePermission(request, "summaries:prepare", partnershipId);
  const period = parsePeriod(params.period ?? "");
  invariantResponse(period);
  const locale = await getLocale(request);
  const input = { partnershipId, period, tableId: params.table ?? "" };
  const result = await workingSummaryCsv(getDb(), user, input, getFixedT(locale), locale);
  invariantResponse(result.ok);
  return csvResponse(result.value.filename, result.value.header, result.value.rows);
}
