import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requireUser } from "~/features/auth/auth.server";
import { snapshotTableCsv } from "~/features/summaries/snapshot-queries.server";
import { csvResponse } from "~/lib/csv.server";
import { invariantResponse } from "~/lib/http.server";
import { getFixedT, getLocale } from "~/lib/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const input = { snapshotId: params.snapshotId ?? "", tableId: params.table ?? "" };
  const result = await snapshotTableCsv(getDb(), user, input, getFixedT(locale), locale);
  invariantResponse(result.ok);
  return csvResponse(result.value.filename, result.value.header, result.value.rows);
}
