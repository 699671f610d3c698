// Notifications by e-mail, as each user chooses: per kind, and a daily digest of what is unread.
// Mail leaves Samsyn's access rule, so it carries only what the notification itself shows (a
// kind, a case number or plan kind, a date) and a link with random ids, never a name.
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";
import { loadCurrentUser } from "~/features/auth/auth.server";
import { getFixedT } from "~/lib/i18n.server";
import { getEnv } from "~/lib/env.server";
import { sendMail, type MailMessage } from "~/lib/mail.server";
import { formatDate, todayInStockholm } from "~/lib/time";
import { DEFAULT_LOCALE, isLocale } from "~/locales/resources";
import { dueText, NOTIFICATION_KINDS, notificationText, subjectText } from "./notification-kinds";
import { listNotifications, type Notification } from "./notifications.server";

export const DIGEST = "digest";

export interface MailChoices {
  kinds: string[];
  digest: boolean;
}

export async function mailChoicesOf(db: DB, userId: string): Promise<MailChoices> {
  const rows = await db.selectFrom("notification_mail_choices").select("kind").where("user_id", "=", userId).execute();
  const chosen = rows.map((r) => r.kind);
  return { kinds: chosen.filter((k) => k !== DIGEST), digest: chosen.includes(DIGEST) };
}

/** Replaces the user's own choices; kinds Samsyn does not know are ignored. */
export async function setMailChoices(db: DB, userId: string, choices: MailChoices): Promise<void> {
  const known = new Set<string>(NOTIFICATION_KINDS);
  const kinds = [...new Set(choices.kinds.filter((k) => known.has(k)))];
  if (choices.digest) kinds.push(DIGEST);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("notification_mail_choices").where("user_id", "=", userId).execute();
    if (kinds.length > 0)
      await trx
        .insertInto("notification_mail_choices")
        .values(kinds.map((kind) => ({ user_id: userId, kind })))
        .execute();
  });
}

function lineFor(t: ReturnType<typeof getFixedT>, locale: string, n: Notification): string {
  const parts = [notificationText(t, n.kind)];
  const subject = subjectText(t, n.subject);
  if (subject) parts.push(subject);
  if (n.subject?.dueOn) parts.push(dueText(t, n.kind, n.subject.type, formatDate(n.subject.dueOn, locale)));
  return parts.join(" · ");
}

function appUrl(path: string): string {
  return new URL(path, getEnv().APP_URL).toString();
}

/**
 * Sends each new notification whose kind its user chose to get by e-mail, then marks every new
 * notification handled, so each goes out at most once. Run by the scheduler every minute.
 */
export async function sendNotificationMail(db: DB, now = new Date()): Promise<number> {
  const rows = await db
    .selectFrom("notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .leftJoin("notification_mail_choices as c", (join) =>
      join.onRef("c.user_id", "=", "n.user_id").onRef("c.kind", "=", "n.kind"),
    )
    .select([
      "n.id",
      "n.kind",
      "n.link",
      "n.subject_type",
      "n.subject_ref",
      "n.due_on",
      "n.created_at",
      "u.email",
      "u.locale",
      "u.disabled_at",
      "c.kind as chosen",
    ])
    .where("n.mailed_at", "is", null)
    .orderBy("n.created_at")
    .limit(500)
    .execute();
  const messages: MailMessage[] = [];
  for (const r of rows) {
    if (!r.chosen || r.disabled_at) continue;
    const locale = isLocale(r.locale) ? r.locale : DEFAULT_LOCALE;
    const t = getFixedT(locale);
    const n: Notification = {
      id: r.id,
      kind: r.kind,
      link: r.link,
      subject: r.subject_type ? { type: r.subject_type, ref: r.subject_ref, dueOn: r.due_on } : null,
      createdAt: r.created_at,
      readAt: null,
    };
    messages.push({
      to: r.email,
      subject: t("notifications.mail.subject", { what: subjectText(t, n.subject) ?? notificationText(t, n.kind) }),
      text: [
        lineFor(t, locale, n),
        "",
        t("notifications.mail.open", { url: appUrl(n.link) }),
        "",
        t("notifications.mail.footer", { url: appUrl("/notifications/settings") }),
      ].join("\n"),
    });
  }
  await sendMail(db, messages);
  if (rows.length > 0)
    await db
      .updateTable("notifications")
      .set({ mailed_at: nowIso(now) })
      .where(
        "id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
  return messages.length;
}

/** The 07:00 digest: one mail per user who wants it, listing what is unread and new since the last one. */
export async function sendDigests(db: DB, now = new Date()): Promise<number> {
  const users = await db
    .selectFrom("notification_mail_choices as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .select(["u.id", "u.email", "u.locale", "u.last_digest_at"])
    .where("c.kind", "=", DIGEST)
    .where("u.disabled_at", "is", null)
    .execute();
  let sent = 0;
  for (const u of users) {
    const user = await loadCurrentUser(db, u.id, "digest");
    if (!user) continue;
    const since = u.last_digest_at ?? nowIso(new Date(now.getTime() - 86_400_000));
    // The same list the page shows, so a notification about a plan the user may no longer see is left out.
    const unread = (await listNotifications(db, user, todayInStockholm(now))).filter(
      (n) => !n.readAt && n.createdAt > since,
    );
    if (unread.length > 0) {
      const locale = isLocale(u.locale) ? u.locale : DEFAULT_LOCALE;
      const t = getFixedT(locale);
      await sendMail(db, [
        {
          to: u.email,
          subject: t("notifications.mail.digestSubject", { count: unread.length }),
          text: [
            t("notifications.mail.digestIntro"),
            "",
            ...unread.map((n) => `- ${lineFor(t, locale, n)}\n  ${appUrl(n.link)}`),
            "",
            t("notifications.mail.footer", { url: appUrl("/notifications/settings") }),
          ].join("\n"),
        },
      ]);
      sent += 1;
    }
    await db
      .updateTable("users")
      .set({ last_digest_at: nowIso(now) })
      .where("id", "=", u.id)
      .execute();
  }
  return sent;
}
