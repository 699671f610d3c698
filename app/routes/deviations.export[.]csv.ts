import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requireUser } from "~/features/auth/auth.server";
import { actorOf } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { readDeviationFilter } from "~/features/deviations/deviations.schema";
import { coordinatorExport } from "~/features/deviations/deviations.server";
import { csvResponse } from "~/lib/csv.server";
import { notFound } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const coordinated = user.grants
    .filter((g) => g.role === "coordinator" && g.partnershipId)
    .map((g) => g.partnershipId!);
  const requested = url.searchParams.get("partnershipId");
  const partnershipId = requested ?? coordinated[0];
  if (!partnershipId || !coordinated.includes(partnershipId)) throw notFound();
  const db = getDb();
  const rows = await coordinatorExport(db, partnershipId, readDeviationFilter(url));
  await audit(db, {
    actor: actorOf(user),
    action: "deviation.export",
    recordType: "deviation",
    details: { rows: rows.length },
  });
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
    rows.map((r) => [
      r.number,
      t(`deviations.statuses.${r.status}`),
      r.event_date,
      t(`deviations.kinds.${r.kind}`),
      t(`deviations.categories.${r.category}`),
      t(`deviations.consequences.${r.consequence}`),
      r.summary,
      r.answer_by ?? "",
      r.closing_outcome ? t(`deviations.closingOutcomes.${r.closing_outcome}`) : "",
      r.escalation_level ? t(`deviations.escalationLevels.${r.escalation_level}`) : "",
      r.closed_at?.slice(0, 10) ?? "",
    ]),
  );
}
