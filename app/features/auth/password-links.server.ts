// Single-use links with which a user chooses their own password (docs/decisions/0013): sent by
// e-mail when an admin creates an account or resets a password, so no admin ever learns a
// secret that opens another user's account. Only the SHA-256 of the token is stored; the token
// travels in the e-mail and, for the minutes the user needs, in a cookie scoped to the page.
import { createCookie } from "@remix-run/node";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";
import type { DB } from "#db/client.server";
import { nowIso, toBool } from "#db/portable";
import type { PasswordLinkPurpose } from "#db/schema";
import type { Actor } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { getEnv } from "~/lib/env.server";
import { getFixedT } from "~/lib/i18n.server";
import type { MailMessage } from "~/lib/mail.server";
import { fail, ok, type Failure, type Ok } from "~/lib/result";
import { DEFAULT_LOCALE, isLocale } from "~/locales/locales";
import { hashPassword } from "./password.server";
import { invalidateUserSessions } from "./session.server";
import { accountKey, resetAccount } from "./throttle.server";

export const PASSWORD_LINK_PATH = "/reset-password";
export const LINK_LIFETIME_MS: Record<PasswordLinkPurpose, number> = {
  reset: 60 * 60 * 1000,
  // A new colleague may not read their e-mail within the hour; the admin can always send a new link.
  invitation: 72 * 60 * 60 * 1000,
};
export const INVITATION_HOURS = LINK_LIFETIME_MS.invitation / (60 * 60 * 1000);

const linkId = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

/**
 * A new link for the user. Any earlier unused link of theirs stops working, so only the latest
 * e-mail counts. Returns the token (for the e-mail only; never log or store it).
 */
export async function createPasswordLink(
  trx: DB,
  { userId, purpose, createdBy }: { userId: string; purpose: PasswordLinkPurpose; createdBy: string | null },
  now = new Date(),
): Promise<string> {
  const token = encodeBase32LowerCaseNoPadding(randomBytes(20));
  await trx.deleteFrom("password_links").where("user_id", "=", userId).where("used_at", "is", null).execute();
  await trx
    .insertInto("password_links")
    .values({
      id: linkId(token),
      user_id: userId,
      purpose,
      created_by: createdBy,
      created_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + LINK_LIFETIME_MS[purpose])),
    })
    .execute();
  return token;
}

/** Ends every unused link of the user (e.g. when their e-mail address changes). */
export async function cancelPasswordLinks(trx: DB, userId: string): Promise<void> {
  await trx.deleteFrom("password_links").where("user_id", "=", userId).where("used_at", "is", null).execute();
}

/** The e-mail that carries the link, in the user's language. Its body is hidden in the admin's outbox view. */
export function passwordLinkMail(
  user: { name: string; email: string; locale: string | null },
  purpose: PasswordLinkPurpose,
  token: string,
): MailMessage {
  const t = getFixedT(isLocale(user.locale) ? user.locale : DEFAULT_LOCALE);
  const link = `${getEnv().APP_URL}${PASSWORD_LINK_PATH}?token=${token}`;
  return purpose === "reset"
    ? {
        to: user.email,
        subject: t("mail.resetSubject"),
        text: t("mail.resetText", { name: user.name, link }),
        carriesSecret: true,
      }
    : {
        to: user.email,
        subject: t("mail.invitationSubject"),
        text: t("mail.invitationText", { name: user.name, link, hours: INVITATION_HOURS }),
        carriesSecret: true,
      };
}

export interface OpenLink {
  purpose: PasswordLinkPurpose;
  name: string;
  email: string;
}

/** The link's account when the link is unused, unexpired and the user enabled; otherwise null. */
export async function findPasswordLink(db: DB, token: string, now = new Date()): Promise<OpenLink | null> {
  const row = await db
    .selectFrom("password_links")
    .innerJoin("users", "users.id", "password_links.user_id")
    .select(["password_links.purpose", "users.name", "users.email"])
    .where("password_links.id", "=", linkId(token))
    .where("password_links.used_at", "is", null)
    .where("password_links.expires_at", ">", nowIso(now))
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  return row ? { purpose: row.purpose, name: row.name, email: row.email } : null;
}

/**
 * Sets the password chosen through a link. The link is used up in the same statement that checks
 * it, so two tabs cannot both use it; every session of the user ends, and the account's run of
 * failed sign-ins is cleared (the user has just proved they read its e-mail).
 */
export async function choosePasswordWithLink(
  db: DB,
  token: string,
  newPassword: string,
  now = new Date(),
): Promise<Ok<{ userId: string }> | Failure<"invalid_link">> {
  const passwordHash = await hashPassword(newPassword);
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable("password_links")
      .set({ used_at: nowIso(now) })
      .where("id", "=", linkId(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", nowIso(now))
      .where("user_id", "in", (eb) => eb.selectFrom("users").select("id").where("disabled_at", "is", null))
      .returning(["user_id", "purpose"])
      .executeTakeFirst();
    if (!used) return fail("invalid_link");
    const user = await trx
      .selectFrom("users")
      .select(["id", "organisation_id", "email"])
      .where("id", "=", used.user_id)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, must_change_password: toBool(false), updated_at: nowIso(now) })
      .where("id", "=", user.id)
      .execute();
    await cancelPasswordLinks(trx, user.id);
    await invalidateUserSessions(trx, user.id);
    await resetAccount(trx, accountKey(user.email));
    const actor: Actor = { userId: user.id, organisationId: user.organisation_id };
    await audit(
      trx,
      { actor, action: "user.password_set", recordType: "user", recordId: user.id, details: { via: used.purpose } },
      now,
    );
    return ok({ userId: user.id });
  });
}

// The token leaves the address bar at once: the link's page moves it into this cookie (HttpOnly,
// an hour at most, cleared once used) and answers with a redirect to its own clean address. Path
// "/", since Remix posts the form to "/reset-password.data", which a narrower path would not match.
const linkCookie = () => {
  const secure = getEnv().APP_URL.startsWith("https:");
  return createCookie(secure ? "__Host-samsyn_password_link" : "samsyn_password_link", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    maxAge: 60 * 60,
  });
};

export async function passwordLinkCookieHeader(token: string): Promise<string> {
  return linkCookie().serialize(token);
}

export async function clearPasswordLinkCookieHeader(): Promise<string> {
  return linkCookie().serialize("", { maxAge: 0 });
}

export async function readPasswordLinkToken(request: Request): Promise<string | null> {
  const value: unknown = await linkCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[a-z2-7]{32}$/.test(value) ? value : null;
}
