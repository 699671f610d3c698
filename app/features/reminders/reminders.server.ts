// Reminders: the dates people must not miss, sent once per person and item. Each kind is a
// query for what is due today; a row in reminders_sent (unique per user, kind, item and
// occasion) is written in the same transaction as the notification, so a reminder goes out
// once even when the job runs again. Nothing is sent on a weekend or a Swedish public holiday;
// what fell due then is sent on the next working day. E-mail follows the user's choices
// (notifications/mail.server.ts).
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";
import { activeConsent } from "~/features/access/access.server";
import { contactsOf } from "~/features/deviations/workflow.server";
import { notify, type NotificationSubject } from "~/features/notifications/notifications.server";
import type { NotificationKind } from "~/features/notifications/notification-kinds";
import { inTransaction } from "~/lib/transaction.server";
import { addDays, todayInStockholm } from "~/lib/time";
import { addWorkingDays, isWorkingDay, workingDaysUntil } from "~/lib/working-days";

export interface Reminder {
  userIds: string[];
  kind: NotificationKind;
  itemId: string;
  /** Which reminder of the item this is; a new follow-up date is a new occasion. */
  occasion: string;
  link: string;
  planId: string | null;
  subject: NotificationSubject;
}

/** Answer-by dates three working days ahead, and answer-by dates that have passed. */
async function answersDue(db: DB, today: string): Promise<Reminder[]> {
  const rows = await db
    .selectFrom("deviation_routes as r")
    .innerJoin("deviations as d", "d.id", "r.deviation_id")
    .select(["r.deviation_id", "r.organisation_id", "r.answer_by", "d.number"])
    .where("r.answered_at", "is", null)
    .where("d.status", "=", "awaiting_response")
    .where("r.answer_by", "<=", addWorkingDays(today, 3))
    .execute();
  const reminders: Reminder[] = [];
  for (const row of rows) {
    const passed = row.answer_by < today;
    reminders.push({
      userIds: await contactsOf(db, [row.organisation_id]),
      kind: passed ? "reminder.answer_overdue" : "reminder.answer_due",
      itemId: `${row.deviation_id}:${row.organisation_id}`,
      occasion: passed ? "passed" : "ahead",
      link: `/deviations/${row.deviation_id}`,
      planId: null,
      subject: { type: "deviation", ref: String(row.number), dueOn: row.answer_by },
    });
  }
  return reminders;
}

/** Active plans whose next follow-up date has passed: the lead caseworker, once per date. */
async function followUpsPassed(db: DB, today: string): Promise<Reminder[]> {
  const rows = await db
    .selectFrom("plans")
    .select(["id", "kind", "lead_user_id", "next_follow_up"])
    .where("status", "=", "active")
    .where("next_follow_up", "<", today)
    .execute();
  return rows.map((p) => ({
    userIds: [p.lead_user_id],
    kind: "reminder.follow_up_passed",
    itemId: p.id,
    occasion: p.next_follow_up!,
    link: `/plans/${p.id}`,
    planId: p.id,
    subject: { type: "plan", ref: p.kind, dueOn: p.next_follow_up },
  }));
}

/** Summonses still unanswered two working days before the meeting. */
async function summonsesUnanswered(db: DB, today: string, now: Date): Promise<Reminder[]> {
  const rows = await db
    .selectFrom("meeting_invitees as i")
    .innerJoin("meetings as m", "m.id", "i.meeting_id")
    .select(["i.id", "i.user_id", "m.id as meeting_id", "m.plan_id", "m.starts_at"])
    .where("i.kind", "=", "summons")
    .where("i.response", "=", "pending")
    .where("i.user_id", "is not", null)
    .where("m.status", "=", "scheduled")
    .where("m.starts_at", ">", nowIso(now))
    // Two working days can span a weekend and a holiday run; the exact count is taken below.
    .where("m.starts_at", "<", nowIso(new Date(now.getTime() + 7 * 86_400_000)))
    .execute();
  return rows
    .filter((r) => {
      const day = todayInStockholm(new Date(r.starts_at));
      return day > today && workingDaysUntil(today, day) <= 2;
    })
    .map((r) => ({
      userIds: [r.user_id!],
      kind: "reminder.summons_unanswered",
      itemId: r.id,
      occasion: "ahead",
      link: `/meetings/${r.meeting_id}`,
      planId: r.plan_id,
      subject: { type: "meeting", ref: null, dueOn: todayInStockholm(new Date(r.starts_at)) },
    }));
}

/** Consents on active plans that end within 30 days: the lead caseworker, once per end date. */
async function consentsEnding(db: DB, today: string): Promise<Reminder[]> {
  const rows = await db
    .selectFrom("consents")
    .innerJoin("plans", "plans.id", "consents.plan_id")
    .select(["consents.id", "consents.valid_until", "plans.id as plan_id", "plans.kind", "plans.lead_user_id"])
    .where("plans.status", "=", "active")
    .where((eb) => activeConsent(eb, today))
    .where("consents.valid_until", "<=", addDays(today, 30))
    .execute();
  return rows.map((c) => ({
    userIds: [c.lead_user_id],
    kind: "reminder.consent_ending",
    itemId: c.id,
    occasion: c.valid_until,
    link: `/plans/${c.plan_id}`,
    planId: c.plan_id,
    subject: { type: "plan", ref: c.kind, dueOn: c.valid_until },
  }));
}

/** What is due today, before checking what was already sent. */
export async function dueReminders(db: DB, now: Date): Promise<Reminder[]> {
  const today = todayInStockholm(now);
  return [
    ...(await answersDue(db, today)),
    ...(await followUpsPassed(db, today)),
    ...(await summonsesUnanswered(db, today, now)),
    ...(await consentsEnding(db, today)),
  ];
}

/** Sends what is due and not yet sent; returns how many notifications went out. */
export async function sendReminders(db: DB, now = new Date()): Promise<number> {
  if (!isWorkingDay(todayInStockholm(now))) return 0;
  let sent = 0;
  for (const reminder of await dueReminders(db, now)) {
    for (const userId of new Set(reminder.userIds)) {
      sent += await inTransaction(db, async (trx) => {
        const claimed = await trx
          .insertInto("reminders_sent")
          .values({
            user_id: userId,
            kind: reminder.kind,
            item_id: reminder.itemId,
            occasion: reminder.occasion,
            sent_at: nowIso(now),
          })
          .onConflict((oc) => oc.columns(["user_id", "kind", "item_id", "occasion"]).doNothing())
          .executeTakeFirst();
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return 0;
        await notify(trx, {
          userIds: [userId],
          kind: reminder.kind,
          link: reminder.link,
          planId: reminder.planId,
          subject: reminder.subject,
          now,
        });
        return 1;
      });
    }
  }
  return sent;
}
