// What an admin (or the command line, or the demo seed) does to staff accounts. Users are never
// deleted: their history stays. No admin ever learns a secret that opens another user's account:
// new users and password resets get a single-use link by e-mail (docs/decisions/0013).
import type { DB } from "#db/client.server";
import { isUniqueViolation, newId, nowIso, toBool } from "#db/portable";
import type { Role } from "#db/schema";
import type { Actor } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { generateOneTimePassword, hashPassword } from "~/features/auth/password.server";
import { cancelPasswordLinks, createPasswordLink, passwordLinkMail } from "~/features/auth/password-links.server";
import { invalidateUserSessions } from "~/features/auth/session.server";
import { syncTeamKindsOfUser } from "~/features/plans/team.server";
import { getFixedT } from "~/lib/i18n.server";
import { sendMail, type MailMessage } from "~/lib/mail.server";
import { fail, notFoundFailure, ok, type Failure, type Ok } from "~/lib/result";
import { DEFAULT_LOCALE, isLocale } from "~/locales/locales";

export interface UserInput {
  name: string;
  email: string;
  organisationId: string;
  /** Optional: how the person and colleagues reach the user by phone. */
  phone?: string | null;
}

export type UserFailure = "email_taken" | "unknown_organisation";

const emailTaken = () => fail("email_taken", { fields: { email: "email_taken" } });
const unknownOrganisation = () => fail("unknown_organisation", { fields: { organisationId: "unknown_organisation" } });

async function checkUserInput(trx: DB, input: UserInput, exceptId?: string): Promise<Failure<UserFailure> | null> {
  const organisation = await trx
    .selectFrom("organisations")
    .select("id")
    .where("id", "=", input.organisationId)
    .executeTakeFirst();
  if (!organisation) return unknownOrganisation();
  let taken = trx.selectFrom("users").select("id").where("email", "=", input.email.trim().toLowerCase());
  if (exceptId) taken = taken.where("id", "!=", exceptId);
  return (await taken.executeTakeFirst()) ? emailTaken() : null;
}

type Credential = { passwordHash: string | null; mustChangePassword: boolean };

/** The one way a user row is made: checks, the row, org-wide roles and the audit event, in one transaction. */
async function insertUser(
  db: DB,
  actor: Actor,
  input: UserInput & { roles?: Role[] },
  credential: Credential,
  inTransaction: (trx: DB, userId: string) => Promise<void> = async () => {},
): Promise<Ok<{ id: string }> | Failure<UserFailure>> {
  const id = newId();
  const now = nowIso();
  try {
    return await db.transaction().execute(async (trx) => {
      const problem = await checkUserInput(trx, input);
      if (problem) return problem;
      await trx
        .insertInto("users")
        .values({
          id,
          name: input.name.trim(),
          email: input.email.trim().toLowerCase(),
          organisation_id: input.organisationId,
          phone: input.phone?.trim() || null,
          password_hash: credential.passwordHash,
          must_change_password: toBool(credential.mustChangePassword),
          created_at: now,
          updated_at: now,
        })
        .execute();
      for (const role of new Set(input.roles ?? [])) {
        await trx
          .insertInto("role_grants")
          .values({ id: newId(), user_id: id, role, partnership_id: null, created_at: now })
          .execute();
      }
      await inTransaction(trx, id);
      await audit(trx, { actor, action: "user.create", recordType: "user", recordId: id });
      return ok({ id });
    });
  } catch (error) {
    // Someone else took the address between the check and the insert.
    if (isUniqueViolation(error)) return emailTaken();
    throw error;
  }
}

/** An account made in the admin pages: the new user gets a link to choose their own password. */
export async function createUser(
  db: DB,
  actor: Actor,
  input: UserInput & { roles?: Role[] },
): Promise<Ok<{ id: string }> | Failure<UserFailure>> {
  let mail: MailMessage | undefined;
  const created = await insertUser(
    db,
    actor,
    input,
    { passwordHash: null, mustChangePassword: false },
    async (trx, id) => {
      const token = await createPasswordLink(trx, { userId: id, purpose: "invitation", createdBy: actor.userId });
      mail = passwordLinkMail(
        { name: input.name.trim(), email: input.email.trim().toLowerCase(), locale: null },
        "invitation",
        token,
      );
    },
  );
  if (created.ok && mail) await sendMail(db, [mail]);
  return created;
}

/**
 * The first admin of an installation, made on the command line by the operator, who hands the
 * one-time password over; it must be changed at first sign-in.
 */
export async function createUserWithOneTimePassword(
  db: DB,
  actor: Actor,
  input: UserInput & { roles?: Role[] },
): Promise<Ok<{ id: string; oneTimePassword: string }> | Failure<UserFailure>> {
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const created = await insertUser(db, actor, input, { passwordHash, mustChangePassword: true });
  return created.ok ? ok({ id: created.value.id, oneTimePassword }) : created;
}

/** An account with a known password: the demo cast and test fixtures. */
export async function createUserWithPassword(
  db: DB,
  actor: Actor,
  input: UserInput & { roles?: Role[] },
  password: string | { hash: string },
): Promise<Ok<{ id: string }> | Failure<UserFailure>> {
  const passwordHash = typeof password === "string" ? await hashPassword(password) : password.hash;
  return insertUser(db, actor, input, { passwordHash, mustChangePassword: false });
}

async function userRow(trx: DB, id: string) {
  return trx
    .selectFrom("users")
    .select(["id", "name", "email", "locale", "disabled_at"])
    .where("id", "=", id)
    .executeTakeFirst();
}

function emailChangedMail(user: { name: string; email: string; locale: string | null }): MailMessage {
  const t = getFixedT(isLocale(user.locale) ? user.locale : DEFAULT_LOCALE);
  return {
    to: user.email,
    subject: t("mail.emailChangedSubject"),
    text: t("mail.emailChangedText", { name: user.name }),
  };
}

/**
 * Name, e-mail address and organisation. A new e-mail address tells the old one, ends every
 * session of the user and every unused password link (it was sent to the old address).
 */
export async function updateUser(
  db: DB,
  actor: Actor,
  id: string,
  input: UserInput,
): Promise<Ok<{ emailChanged: boolean }> | Failure<UserFailure | "not_found">> {
  let notice: MailMessage | undefined;
  try {
    const result = await db.transaction().execute(async (trx) => {
      const before = await userRow(trx, id);
      if (!before) return notFoundFailure();
      const problem = await checkUserInput(trx, input, id);
      if (problem) return problem;
      const email = input.email.trim().toLowerCase();
      const emailChanged = email !== before.email;
      await trx
        .updateTable("users")
        .set({
          name: input.name.trim(),
          email,
          organisation_id: input.organisationId,
          ...(input.phone !== undefined ? { phone: input.phone?.trim() || null } : {}),
          updated_at: nowIso(),
        })
        .where("id", "=", id)
        .execute();
      await syncTeamKindsOfUser(trx, id);
      if (emailChanged) {
        await invalidateUserSessions(trx, id);
        await cancelPasswordLinks(trx, id);
        notice = emailChangedMail(before);
      }
      await audit(trx, { actor, action: "user.update", recordType: "user", recordId: id, details: { emailChanged } });
      return ok({ emailChanged });
    });
    if (result.ok && notice) await sendMail(db, [notice]);
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) return emailTaken();
    throw error;
  }
}

/** Disabling ends every session of the user at once. An admin cannot disable themselves. */
export async function setUserDisabled(
  db: DB,
  actor: Actor,
  id: string,
  disabled: boolean,
): Promise<Ok<undefined> | Failure<"self" | "not_found">> {
  if (disabled && actor.userId === id) return fail("self");
  return db.transaction().execute(async (trx) => {
    if (!(await userRow(trx, id))) return notFoundFailure();
    await trx
      .updateTable("users")
      .set({ disabled_at: disabled ? nowIso() : null, updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    if (disabled) await invalidateUserSessions(trx, id);
    await audit(trx, { actor, action: disabled ? "user.disable" : "user.enable", recordType: "user", recordId: id });
    return ok();
  });
}

/**
 * A password reset: the user gets a link (valid 60 minutes, single use) and chooses the new
 * password. Nothing changes until they do; the admin never sees a secret.
 */
export async function sendPasswordReset(
  db: DB,
  actor: Actor,
  id: string,
): Promise<Ok<undefined> | Failure<"disabled" | "not_found">> {
  let mail: MailMessage | undefined;
  const result = await db.transaction().execute(async (trx) => {
    const user = await userRow(trx, id);
    if (!user) return notFoundFailure();
    if (user.disabled_at) return fail("disabled");
    const token = await createPasswordLink(trx, { userId: id, purpose: "reset", createdBy: actor.userId });
    mail = passwordLinkMail(user, "reset", token);
    await audit(trx, { actor, action: "user.reset_password", recordType: "user", recordId: id });
    return ok();
  });
  if (result.ok && mail) await sendMail(db, [mail]);
  return result;
}
