// Deviations the app suggests to a plan's lead user from the plan's meetings and actions
// (DESIGN.md "Plan meetings"): shown on the start page, never filed automatically. Everything
// goes through the access rule's list fragment; the link carries ids only.
import type { DB } from "#db/client.server";
import { fromBool } from "#db/portable";
import type { PlanKind } from "#db/schema";
import { planAccessFilter, type AccessUser } from "~/features/access/access.server";
import { utcToStockholm } from "~/features/meetings/meeting-time";
import { addDays, daysBetween, todayInStockholm } from "~/lib/time";

export interface DeviationSuggestion {
  key: string;
  kind: "meeting_absence" | "overdue_action";
  planId: string;
  planKind: PlanKind;
  personName: string;
  /** Link to the deviation form: ids only, never personal data. */
  href: string;
  /** A prefilled, de-identified text: translation key and values. */
  text: {
    key: "meetings.suggestions.declined" | "meetings.suggestions.absent" | "meetings.suggestions.overdueAction";
    values: Record<string, string | number>;
  };
}

const RECENT_DAYS = 90;

/**
 * Suggestions for the plan's lead user, never filed automatically (DESIGN.md "Plan meetings"):
 * a summoned organisation that declined without a replacement or did not attend, and actions
 * overdue by more than the partnership's overdue_action_days.
 */
export async function deviationSuggestions(db: DB, user: AccessUser, now = new Date()): Promise<DeviationSuggestion[]> {
  const today = todayInStockholm(now);
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const invitees = await db
    .selectFrom("meeting_invitees")
    .innerJoin("meetings", "meetings.id", "meeting_invitees.meeting_id")
    .innerJoin("plans", "plans.id", "meetings.plan_id")
    .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
    .leftJoin("organisations", "organisations.id", "meeting_invitees.organisation_id")
    .select([
      "meetings.id as meeting_id",
      "meetings.starts_at",
      "meetings.status",
      "plans.id as plan_id",
      "plans.kind as plan_kind",
      "person.name as person_name",
      "meeting_invitees.kind",
      "meeting_invitees.organisation_id",
      "organisations.name as organisation_name",
      "meeting_invitees.response",
      "meeting_invitees.replaced_by",
      "meeting_invitees.attended",
    ])
    .where(planAccessFilter(user, today))
    .where("plans.lead_user_id", "=", user.id)
    .where("plans.status", "!=", "closed")
    .where("meetings.status", "!=", "cancelled")
    .where("meetings.starts_at", ">=", since)
    .where("meeting_invitees.party", "=", "staff")
    .orderBy("meetings.starts_at", "desc")
    .execute();

  const suggestions: DeviationSuggestion[] = [];
  const byMeetingOrg = new Map<string, typeof invitees>();
  for (const row of invitees) {
    const key = `${row.meeting_id}:${row.organisation_id}`;
    byMeetingOrg.set(key, [...(byMeetingOrg.get(key) ?? []), row]);
  }
  for (const [key, rows] of byMeetingOrg) {
    if (!rows.some((r) => r.kind === "summons")) continue;
    const first = rows[0];
    const held = first.status === "held";
    // The organisation took part if anyone from it attended (held) or has accepted (not yet held).
    const present = rows.some((r) => (held ? fromBool(r.attended) : r.response === "accepted"));
    if (present) continue;
    const declinedWithoutReplacement = rows.some(
      (r) => r.kind === "summons" && r.response === "declined" && !r.replaced_by,
    );
    const absent = held && rows.some((r) => r.kind === "summons");
    if (!declinedWithoutReplacement && !absent) continue;
    const date = utcToStockholm(first.starts_at).date;
    suggestions.push({
      key,
      kind: "meeting_absence",
      planId: first.plan_id,
      planKind: first.plan_kind,
      personName: first.person_name,
      href: `/deviations/new?${new URLSearchParams({ suggestion: "meeting_absence", planId: first.plan_id, meetingId: first.meeting_id, organisationId: first.organisation_id ?? "" })}`,
      text: {
        key: absent ? "meetings.suggestions.absent" : "meetings.suggestions.declined",
        values: { organisation: first.organisation_name ?? "", kind: first.plan_kind, date },
      },
    });
  }

  // A plan's partnership is one its lead organisation belongs to; with several, the strictest limit counts.
  const limit = await db
    .selectFrom("organisation_partnerships")
    .innerJoin("partnerships", "partnerships.id", "organisation_partnerships.partnership_id")
    .select((eb) => eb.fn.min<number>("partnerships.overdue_action_days").as("days"))
    .where("organisation_partnerships.organisation_id", "=", user.organisationId)
    .executeTakeFirst();
  const days = limit?.days == null ? 14 : Number(limit.days);
  const overdue = await db
    .selectFrom("plan_actions")
    .innerJoin("plans", "plans.id", "plan_actions.plan_id")
    .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
    .innerJoin("organisations", "organisations.id", "plan_actions.responsible_organisation_id")
    .select([
      "plan_actions.id",
      "plan_actions.due_date",
      "plans.id as plan_id",
      "plans.kind as plan_kind",
      "person.name as person_name",
      "organisations.id as organisation_id",
      "organisations.name as organisation_name",
    ])
    .where(planAccessFilter(user, today))
    .where("plans.lead_user_id", "=", user.id)
    .where("plans.lead_organisation_id", "=", user.organisationId)
    .where("plans.status", "!=", "closed")
    .where("plan_actions.status", "in", ["planned", "ongoing"])
    .where("plan_actions.due_date", "<", addDays(today, -days))
    .orderBy("plan_actions.due_date")
    .limit(50)
    .execute();
  for (const a of overdue) {
    suggestions.push({
      key: a.id,
      kind: "overdue_action",
      planId: a.plan_id,
      planKind: a.plan_kind,
      personName: a.person_name,
      href: `/deviations/new?${new URLSearchParams({ suggestion: "overdue_action", planId: a.plan_id, actionId: a.id, organisationId: a.organisation_id })}`,
      text: {
        key: "meetings.suggestions.overdueAction",
        values: {
          organisation: a.organisation_name,
          kind: a.plan_kind,
          days: daysBetween(a.due_date!, today),
          date: a.due_date!,
        },
      },
    });
  }
  return suggestions;
}
