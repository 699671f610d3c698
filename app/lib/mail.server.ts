// Outgoing e-mail. With SMTP_URL set, messages go out through nodemailer; without it
// (and whenever sending fails) they are kept in the outbox table, so nothing is lost,
// admins can see what would have been sent, and tests can read it.
//
// E-mail is an open channel and the outbox is read by admins, who must not see plan
// content: callers keep messages minimal (time, place, a general purpose, a link) and
// never put an identity number or the person's name in them.
import nodemailer, { type Transporter } from "nodemailer";
import type { DB } from "#db/client.server";
import { fromBool, newId, nowIso, toBool } from "#db/portable";
import { getEnv } from "./env.server";
import { logError } from "./log.server";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  calendar?: { method: "REQUEST" | "CANCEL" | "PUBLISH"; content: string };
  /**
   * The body carries a sign-in or password link meant for the recipient alone: the admin's
   * outbox view shows the message without its body (docs/decisions/0013).
   */
  carriesSecret?: boolean;
}

let transport: Transporter | undefined;

function smtpTransport(url: string): Transporter {
  transport ??= nodemailer.createTransport(url);
  return transport;
}

function sender(): string {
  const env = getEnv();
  return env.MAIL_FROM ?? `Samsyn <no-reply@${new URL(env.APP_URL).hostname}>`;
}

async function keep(db: DB, message: MailMessage, delivery: "outbox" | "smtp_failed") {
  await db
    .insertInto("outbox")
    .values({
      id: newId(),
      to_address: message.to,
      subject: message.subject,
      text_body: message.text,
      ics: message.calendar?.content ?? null,
      ics_method: message.calendar?.method ?? null,
      delivery,
      hide_body: toBool(message.carriesSecret === true),
      created_at: nowIso(),
    })
    .execute();
}

/** Sends each message, or keeps it in the outbox. Never throws for a failed delivery. */
export async function sendMail(db: DB, messages: MailMessage[]): Promise<void> {
  const { SMTP_URL } = getEnv();
  for (const message of messages) {
    if (!SMTP_URL) {
      await keep(db, message, "outbox");
      continue;
    }
    try {
      await smtpTransport(SMTP_URL).sendMail({
        from: sender(),
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.calendar
          ? { icalEvent: { method: message.calendar.method, content: message.calendar.content, filename: "mote.ics" } }
          : {}),
      });
    } catch (error) {
      // The error may quote the address; log only what went wrong.
      const code = (error as { code?: unknown } | null)?.code;
      logError(
        new Error(
          `mail delivery failed (${typeof code === "string" ? code : error instanceof Error ? error.name : "unknown"}); kept in the outbox`,
        ),
      );
      await keep(db, message, "smtp_failed");
    }
  }
}

/**
 * A page of kept messages, newest first. A message that carries a link meant for its recipient
 * alone comes without its body and calendar entry (`bodyHidden`).
 */
export async function listOutbox(db: DB, page: number, pageSize = 50) {
  const [items, count] = await Promise.all([
    db
      .selectFrom("outbox")
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("total"))
      .executeTakeFirstOrThrow(),
  ]);
  const total = Number(count.total);
  const shown = items.map(({ hide_body, ...item }) =>
    fromBool(hide_body)
      ? { ...item, text_body: null, ics: null, ics_method: null, bodyHidden: true }
      : { ...item, bodyHidden: false },
  );
  return { items: shown, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
