// Reading frozen summaries: one snapshot, one of its tables as CSV, two side by side, and the
// summaries home page. Who may read what is the snapshot policy's answer; a snapshot the user
// may not read is not_found, exactly like one that does not exist. Page reads are audited.
import type { TFunction } from "i18next";
import type { DB } from "#db/client.server";
import { actorOf, type CurrentUser } from "~/features/access/current-user";
import { mayPrepareSummaries, mayReadSnapshot, snapshotListScope } from "~/features/access/snapshot-policy";
import { audit } from "~/features/audit/audit.server";
import { partnershipNames } from "~/features/organisations/organisations.server";
import { notFoundFailure, ok, type Result } from "~/lib/result";
import { todayInStockholm } from "~/lib/time";
import { parsePeriod, recentPeriods, type Period } from "./periods";
import { summaryTableCsv, type CsvTable } from "./summary-csv";
import {
  SNAPSHOT_LIST_COLUMNS,
  toSnapshot,
  toSnapshotListItem,
  type Snapshot,
  type SnapshotListItem,
} from "./snapshot-row.server";

async function readableSnapshot(db: DB, user: CurrentUser, id: string): Promise<Snapshot | undefined> {
  const row = await db
    .selectFrom("summary_snapshots")
    .innerJoin("partnerships", "partnerships.id", "summary_snapshots.partnership_id")
    .innerJoin("users", "users.id", "summary_snapshots.created_by")
    .select([
      ...SNAPSHOT_LIST_COLUMNS,
      "summary_snapshots.figures",
      "summary_snapshots.retraction_reason",
      "users.name as created_by_name",
    ])
    .where("summary_snapshots.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const snapshot = toSnapshot(row);
  return mayReadSnapshot(user, snapshot) ? snapshot : undefined;
}

const recordRead = (db: DB, user: CurrentUser, snapshot: Snapshot) =>
  audit(db, { actor: actorOf(user), action: "summary.read", recordType: "summary_snapshot", recordId: snapshot.id });

/** One snapshot's page; `mayManage` when the user may release or retract it. */
export async function readSnapshot(
  db: DB,
  user: CurrentUser,
  id: string,
): Promise<Result<{ snapshot: Snapshot; mayManage: boolean }>> {
  const snapshot = await readableSnapshot(db, user, id);
  if (!snapshot) return notFoundFailure();
  await recordRead(db, user, snapshot);
  return ok({ snapshot, mayManage: mayPrepareSummaries(user, snapshot.partnershipId) });
}

export async function snapshotTableCsv(
  db: DB,
  user: CurrentUser,
  input: { snapshotId: string; tableId: string },
  t: TFunction,
  locale: string,
): Promise<Result<CsvTable>> {
  const snapshot = await readableSnapshot(db, user, input.snapshotId);
  if (!snapshot) return notFoundFailure();
  return summaryTableCsv(snapshot.figures, input.tableId, t, locale, "fryst-sammanstallning");
}

/** Two snapshots side by side; both must be readable, and both reads are audited. */
export async function compareSnapshots(
  db: DB,
  user: CurrentUser,
  ids: { a: string; b: string },
): Promise<Result<{ a: Snapshot; b: Snapshot }>> {
  const a = await readableSnapshot(db, user, ids.a);
  if (!a) return notFoundFailure();
  const b = await readableSnapshot(db, user, ids.b);
  if (!b) return notFoundFailure();
  for (const s of [a, b]) await recordRead(db, user, s);
  return ok({ a, b });
}

async function listSnapshots(db: DB, partnershipIds: string[], { releasedOnly }: { releasedOnly: boolean }) {
  if (partnershipIds.length === 0) return [];
  let query = db
    .selectFrom("summary_snapshots")
    .innerJoin("partnerships", "partnerships.id", "summary_snapshots.partnership_id")
    .select(SNAPSHOT_LIST_COLUMNS)
    .where("summary_snapshots.partnership_id", "in", partnershipIds);
  if (releasedOnly)
    query = query
      .where("summary_snapshots.released_at", "is not", null)
      .where("summary_snapshots.retracted_at", "is", null);
  const rows = await query
    .orderBy("summary_snapshots.meeting_date", "desc")
    .orderBy("summary_snapshots.created_at", "desc")
    .limit(200)
    .execute();
  return rows.map(toSnapshotListItem);
}

export type SummariesHome =
  /** A valid custom range the user may prepare: its summary has an address of its own. */
  | { kind: "custom"; partnershipId: string; period: Period }
  | {
      kind: "page";
      periods: Period[];
      /** Partnerships whose live summaries the user prepares. */
      coordinated: { id: string; name: string }[];
      snapshots: SnapshotListItem[];
      invalidRange: boolean;
    };

/**
 * The summaries home page: live periods to open where the user prepares summaries, and the
 * snapshots they may read. `range` is a custom period asked for from the page's own form.
 */
export async function summariesHome(
  db: DB,
  user: CurrentUser,
  range: { from: string; to: string; partnershipId: string } | null,
  today = todayInStockholm(),
): Promise<Result<SummariesHome>> {
  const scope = snapshotListScope(user);
  if (scope.every.length === 0 && scope.releasedOnly.length === 0) return notFoundFailure();
  if (range) {
    const period = parsePeriod(`${range.from}--${range.to}`);
    if (period?.kind === "custom" && scope.every.includes(range.partnershipId))
      return ok({ kind: "custom", partnershipId: range.partnershipId, period });
  }
  const names = await partnershipNames(db, [...scope.every, ...scope.releasedOnly]);
  return ok({
    kind: "page",
    periods: recentPeriods(today),
    coordinated: scope.every.map((id) => ({ id, name: names.get(id) ?? id })),
    snapshots: [
      ...(await listSnapshots(db, scope.every, { releasedOnly: false })),
      ...(await listSnapshots(db, scope.releasedOnly, { releasedOnly: true })),
    ],
    invalidRange: range !== null,
  });
}
