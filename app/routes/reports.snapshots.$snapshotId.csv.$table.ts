import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requireUser } from "~/features/auth/auth.server";
import { requireReadableSnapshot } from "~/features/summaries/summary-access.server";
import { summaryTableCsv } from "~/features/summaries/summary-csv.server";
import { getLocale, getFixedT } from "~/lib/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const snapshot = await requireReadableSnapshot(getDb(), user, params.snapshotId ?? "");
  const locale = await getLocale(request);
  return summaryTableCsv(snapshot.figures, params.table ?? "", getFixedT(locale), locale, "fryst-sammanstallning");
}
