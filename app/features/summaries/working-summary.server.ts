// The live summary a coordinator prepares, on screen and as CSV. Both answer not_found to anyone
// who may not prepare the partnership's summaries, and for a partnership that does not exist.
import type { TFunction } from "i18next";
import type { DB } from "#db/client.server";
import type { PartnershipKind } from "#db/schema";
import { actorOf, type CurrentUser } from "~/features/access/current-user";
import { mayPrepareSummaries } from "~/features/access/snapshot-policy";
import { audit } from "~/features/audit/audit.server";
import { notFoundFailure, ok, type Result } from "~/lib/result";
import type { Period } from "./periods";
import { withImprovementRegister } from "~/features/improvements/register-figures.server";
import { computeSummary } from "./summaries.server";
import { summaryTableCsv, type CsvTable } from "./summary-csv";
import type { SummaryFigures } from "./summary-figures";

export interface WorkingSummary {
  partnership: { id: string; name: string; kind: PartnershipKind };
  figures: SummaryFigures;
}

async function partnershipToPrepare(db: DB, user: CurrentUser, partnershipId: string) {
  if (!mayPrepareSummaries(user, partnershipId)) return undefined;
  return db
    .selectFrom("partnerships")
    .select(["id", "name", "kind"])
    .where("id", "=", partnershipId)
    .executeTakeFirst();
}

export async function workingSummary(
  db: DB,
  user: CurrentUser,
  partnershipId: string,
  period: Period,
  now = new Date(),
): Promise<Result<WorkingSummary>> {
  const partnership = await partnershipToPrepare(db, user, partnershipId);
  if (!partnership) return notFoundFailure();
  const figures = await withImprovementRegister(
    db,
    await computeSummary(db, partnership.id, period, now),
    partnership.id,
    period,
    now,
  );
  await audit(db, {
    actor: actorOf(user),
    action: "summary.compute",
    recordType: "summary",
    recordId: null,
    details: { period: period.key },
  });
  return ok({ partnership, figures });
}

export async function workingSummaryCsv(
  db: DB,
  user: CurrentUser,
  input: { partnershipId: string; period: Period; tableId: string },
  t: TFunction,
  locale: string,
): Promise<Result<CsvTable>> {
  const partnership = await partnershipToPrepare(db, user, input.partnershipId);
  if (!partnership) return notFoundFailure();
  const figures = await computeSummary(db, partnership.id, input.period);
  return summaryTableCsv(figures, input.tableId, t, locale, "sammanstallning");
}
