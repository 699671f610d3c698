// The meeting part of a summary: planning meetings held in the period on the partnership's plans,
// and the summoned staff who attended them. Nothing is suppressed here.
import type { DB } from "#db/client.server";
import { daysBetweenInstants, leadOrganisationIds, type Counts, type SummaryScope } from "./summary-scope.server";

export interface MeetingCounts {
  held: number;
  daysSummonsToMeeting: number[];
  /** Summoned staff invitees by kind of organisation, and how many of them attended. */
  summonedByKind: Counts;
  attendedByKind: Counts;
  summoned: number;
  attended: number;
}

export async function meetingCounts(db: DB, scope: SummaryScope): Promise<MeetingCounts> {
  // CROSS JOIN keeps the period's few meetings as the outer loop (SQLite keeps its written
  // order); an inner join walked every plan.
  const heldMeetings = () =>
    db
      .selectFrom("meetings")
      .crossJoin("plans")
      .whereRef("plans.id", "=", "meetings.plan_id")
      .where("plans.lead_organisation_id", "in", leadOrganisationIds(scope))
      .where("meetings.status", "=", "held")
      .where("meetings.held_at", ">=", scope.bounds.from)
      .where("meetings.held_at", "<", scope.bounds.to);
  const meetings = await heldMeetings().select(["meetings.summons_sent_at", "meetings.starts_at"]).execute();
  const summoned = await heldMeetings()
    .innerJoin("meeting_invitees", "meeting_invitees.meeting_id", "meetings.id")
    .select(["meeting_invitees.organisation_kind", "meeting_invitees.attended"])
    .where("meeting_invitees.kind", "=", "summons")
    .where("meeting_invitees.party", "=", "staff")
    .execute();
  const summonedByKind: Counts = new Map();
  const attendedByKind: Counts = new Map();
  for (const inv of summoned) {
    const kind = inv.organisation_kind ?? "other";
    summonedByKind.set(kind, (summonedByKind.get(kind) ?? 0) + 1);
    if (inv.attended === 1) attendedByKind.set(kind, (attendedByKind.get(kind) ?? 0) + 1);
  }
  return {
    held: meetings.length,
    daysSummonsToMeeting: meetings.map((m) => daysBetweenInstants(m.summons_sent_at, m.starts_at)),
    summonedByKind,
    attendedByKind,
    summoned: summoned.length,
    attended: [...attendedByKind.values()].reduce((a, b) => a + b, 0),
  };
}
