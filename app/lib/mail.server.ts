// Outgoing e-mail. With SMTP_URL set, messages go out through nodemailer; without it
// (and whenever sending fails) they are kept in the outbox table, so nothing is lost,
// admins can see what would have been sent, and tests can read it.
//
// E-mail is an open channel and the outbox is read by admins, who must not see plan
// content: callers keep messages minimal (time, place, a general purpose, a link) and
// never put an identity number or the person's name in them.
import nodemailer, { type Transporter } from "nodemailer";
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import { getEnv } from "./env.server";
import { logError } from "./log.server";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  calendar?: { method: "REQUEST" | "CANCEL" | "PUBLISH"; content: string };
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
  return { items, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
