import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requireUser } from "~/features/auth/auth.server";
import { readDeviationFilter } from "~/features/deviations/deviations.schema";
import { exportDeviations } from "~/features/deviations/deviations.server";
import { csvResponse } from "~/lib/csv.server";
import { notFound } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const result = await exportDeviations(
    getDb(),
    user,
    url.searchParams.get("partnershipId") ?? undefined,
    readDeviationFilter(url),
  );
  if (!result.ok) throw notFound();
  const t = await getT(request);
  const c = (k: string) => t(`deviations.csv.${k}` as never) as string;
  return csvResponse(
    "avvikelser.csv",
    [
      c("number"),
      c("status"),
      c("eventDate"),
      c("kind"),
      c("category"),
      c("consequence"),
      c("summary"),
      c("answerBy"),
      c("closingOutcome"),
      c("escalationLevel"),
      c("closedAt"),
    ],
    result.value.map((r) => [
      r.number,
      t(`deviations.statuses.${r.status}`),
      r.eventDate,
      t(`deviations.kinds.${r.kind}`),
      t(`deviations.categories.${r.category}`),
      t(`deviations.consequences.${r.consequence}`),
      r.summary,
      r.answerBy ?? "",
      r.closingOutcome ? t(`deviations.closingOutcomes.${r.closingOutcome}`) : "",
      r.escalationLevel ? t(`deviations.escalationLevels.${r.escalationLevel}`) : "",
      r.closedAt?.slice(0, 10) ?? "",
    ]),
  );
}
