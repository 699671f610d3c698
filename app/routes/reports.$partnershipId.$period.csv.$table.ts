import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requireUser } from "~/features/auth/auth.server";
import { parsePeriod } from "~/features/summaries/periods";
import { computeSummary } from "~/features/summaries/summaries.server";
import { requireCoordinatorOf } from "~/features/summaries/summary-access.server";
import { summaryTableCsv } from "~/features/summaries/summary-csv.server";
import { notFound } from "~/lib/http.server";
import { getLocale, getFixedT } from "~/lib/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requireCoordinatorOf(user, params.partnershipId ?? "");
  const period = parsePeriod(params.period ?? "");
  if (!period) throw notFound();
  const locale = await getLocale(request);
  const figures = await computeSummary(getDb(), params.partnershipId!, period);
  return summaryTableCsv(figures, params.table ?? "", getFixedT(locale), locale, "sammanstallning");
}
