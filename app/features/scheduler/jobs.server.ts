// The jobs Samsyn runs on a schedule, in Swedish time.
import { sendDigests, sendNotificationMail } from "~/features/notifications/mail.server";
import { sendReminders } from "~/features/reminders/reminders.server";
import { todayInStockholm } from "~/lib/time";
import { isWorkingDay } from "~/lib/working-days";
import type { Job } from "./scheduler.server";

export const JOBS: readonly Job[] = [
  // Early, so that reminders are in the 07:00 digest. Non-working days send nothing.
  { name: "reminders", cron: "0 6 * * *", run: async (db, now) => void (await sendReminders(db, now)) },
  { name: "notification-mail", cron: "* * * * *", run: async (db, now) => void (await sendNotificationMail(db, now)) },
  {
    name: "daily-digest",
    cron: "0 7 * * *",
    // What came on a weekend or a holiday is in the next working day's digest.
    run: async (db, now) => void (isWorkingDay(todayInStockholm(now)) && (await sendDigests(db, now))),
  },
];
