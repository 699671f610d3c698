// The one mapping from stored snapshot rows to the camelCase objects the rest of the app sees.
import { fromJson } from "#db/portable";
import type { SummaryFigures } from "./summary-figures";

/** A frozen summary as a list shows it. */
export interface SnapshotListItem {
  id: string;
  partnershipId: string;
  partnershipName: string;
  periodKey: string;
  periodLabel: string;
  meetingName: string;
  meetingDate: string;
  createdAt: string;
  releasedAt: string | null;
  retractedAt: string | null;
}

/** A frozen summary with its figures, as its own page shows it. */
export interface Snapshot extends SnapshotListItem {
  createdByName: string;
  retractionReason: string | null;
  figures: SummaryFigures;
}

export interface SnapshotListRow {
  id: string;
  partnership_id: string;
  partnership_name: string;
  period_key: string;
  period_label: string;
  meeting_name: string;
  meeting_date: string;
  created_at: string;
  released_at: string | null;
  retracted_at: string | null;
}

export interface SnapshotRow extends SnapshotListRow {
  created_by_name: string;
  retraction_reason: string | null;
  figures: string;
}

export function toSnapshotListItem(row: SnapshotListRow): SnapshotListItem {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    partnershipName: row.partnership_name,
    periodKey: row.period_key,
    periodLabel: row.period_label,
    meetingName: row.meeting_name,
    meetingDate: row.meeting_date,
    createdAt: row.created_at,
    releasedAt: row.released_at,
    retractedAt: row.retracted_at,
  };
}

export function toSnapshot(row: SnapshotRow): Snapshot {
  return {
    ...toSnapshotListItem(row),
    createdByName: row.created_by_name,
    retractionReason: row.retraction_reason,
    figures: fromJson<SummaryFigures>(row.figures, null as never),
  };
}

/** The columns both shapes are read with; the full one adds its own. */
export const SNAPSHOT_LIST_COLUMNS = [
  "summary_snapshots.id",
  "summary_snapshots.partnership_id",
  "partnerships.name as partnership_name",
  "summary_snapshots.period_key",
  "summary_snapshots.period_label",
  "summary_snapshots.meeting_name",
  "summary_snapshots.meeting_date",
  "summary_snapshots.created_at",
  "summary_snapshots.released_at",
  "summary_snapshots.retracted_at",
] as const;
