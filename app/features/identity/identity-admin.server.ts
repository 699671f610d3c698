// What an admin decides about sign-in (docs/decisions/0019-e-legitimation-and-second-factor.md):
// which identities at the organisation's provider open a user's account, a reset of a user's
// second factor (a lost phone), and whether everyone with a password in an organisation must use
// a second factor. The providers themselves are operator configuration: shown here, never changed.
//
// Every command asks the role policy itself (admin:manage), inside its transaction, so it is safe
// whichever route calls it; a refusal is audited and reads as not_found (the route answers 404).
// No command shows or returns a secret: an admin links what the provider says about a person,
// and removes factors; the user sets up a new one.
import type { DB } from "#db/client.server";
import { fromBool, nowIso, toBool } from "#db/portable";
import { actorOf, type CurrentUser } from "~/features/access/current-user";
import { can } from "~/features/access/policy";
import { audit } from "~/features/audit/audit.server";
import { resetAccount } from "~/features/auth/throttle.server";
import { fail, notFoundFailure, ok, type Failure, type Ok } from "~/lib/result";
import { insertIdentityLink, type LinkFailure } from "./links.server";
import { getProviders, providerName, providersForOrganisation } from "./providers.server";
import { ROLES_REQUIRING_SECOND_FACTOR } from "./totp.server";

/** What the commands need of the signed-in user. */
export type AdminUser = Pick<CurrentUser, "id" | "organisationId" | "grants">;

type RecordType = "user" | "organisation";

/** The one guard: the role policy's admin:manage. A refusal is audited. */
async function allowed(trx: DB, admin: AdminUser, action: string, recordType: RecordType, recordId: string) {
  if (can(admin, "admin:manage")) return true;
  await audit(trx, { actor: actorOf(admin), action, recordType, recordId, outcome: "denied" });
  return false;
}

async function organisationOfUser(db: DB, userId: string) {
  return db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["organisations.id", "organisations.name", "organisations.second_factor_required"])
    .where("users.id", "=", userId)
    .executeTakeFirst();
}

export interface ProviderChoice {
  key: string;
  name: string;
  /** The claim the admin types: `sub`, or the HSA-id claim the configuration names. */
  idClaim: string;
}

export interface LinkedIdentity {
  issuer: string;
  subject: string;
  /** The configured provider with this issuer; null when none is configured any more. */
  providerName: string | null;
  createdAt: string;
}

export interface UserSignIn {
  /** The providers of the user's organisation: the ones an identity can be linked at. */
  providers: ProviderChoice[];
  links: LinkedIdentity[];
  secondFactor: {
    enrolled: boolean;
    /** Unused recovery codes. */
    recoveryCodesLeft: number;
    /** Password sign-in asks for it: by role or by the organisation's switch. */
    required: boolean;
  };
}

/** The admin user page's sign-in section. Null: no such user, or the reader is no admin. */
export async function userSignIn(db: DB, admin: AdminUser, userId: string): Promise<UserSignIn | null> {
  if (!can(admin, "admin:manage")) return null;
  const organisation = await organisationOfUser(db, userId);
  if (!organisation) return null;
  const [links, totp, codes, roleGrant] = await Promise.all([
    db
      .selectFrom("identity_links")
      .select(["issuer", "subject", "created_at"])
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .orderBy("issuer")
      .orderBy("subject")
      .execute(),
    db.selectFrom("totp_credentials").select("confirmed_at").where("user_id", "=", userId).executeTakeFirst(),
    db
      .selectFrom("recovery_codes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("role_grants")
      .select("role")
      .where("user_id", "=", userId)
      .where("role", "in", [...ROLES_REQUIRING_SECOND_FACTOR])
      .executeTakeFirst(),
  ]);
  const configured = getProviders();
  return {
    providers: providersForOrganisation(organisation).map((p) => ({
      key: p.key,
      name: providerName(p),
      idClaim: p.idClaim,
    })),
    links: links.map((l) => {
      const provider = configured.find((p) => p.issuer === l.issuer);
      return {
        issuer: l.issuer,
        subject: l.subject,
        providerName: provider ? providerName(provider) : null,
        createdAt: l.created_at,
      };
    }),
    secondFactor: {
      enrolled: Boolean(totp?.confirmed_at),
      recoveryCodesLeft: Number(codes.n),
      required: fromBool(organisation.second_factor_required) || roleGrant !== undefined,
    },
  };
}

export type LinkUserFailure = LinkFailure | "unknown_provider";

/**
 * Links an identity at one of the user's organisation's providers: the provider's issuer and the
 * identifier its configuration names (sub or an HSA-id). A provider of another organisation is
 * refused (it could never sign the user in), and so is an identity linked to someone else.
 */
export async function linkUserIdentity(
  db: DB,
  admin: AdminUser,
  userId: string,
  input: { providerKey: string; identifier: string },
): Promise<Ok<{ created: boolean }> | Failure<LinkUserFailure | "not_found">> {
  return db.transaction().execute(async (trx) => {
    if (!(await allowed(trx, admin, "user.link_identity", "user", userId))) return notFoundFailure();
    const organisation = await organisationOfUser(trx, userId);
    if (!organisation) return notFoundFailure();
    const provider = providersForOrganisation(organisation).find((p) => p.key === input.providerKey);
    if (!provider) return fail("unknown_provider", { fields: { providerKey: "unknown_provider" } });
    const linked = await insertIdentityLink(trx, actorOf(admin), {
      userId,
      issuer: provider.issuer,
      subject: input.identifier.trim(),
      provider: provider.key,
    });
    return linked.ok ? linked : fail(linked.error, { fields: { identifier: linked.error } });
  });
}

/**
 * Removes one of the user's links. Sessions the user opened through a provider with that issuer
 * end too: a link removed because it was wrong must not stay signed in. A link that is not the
 * user's (gone already, or another user's posted on this user's page) is "no_link"; nothing changes.
 */
export async function unlinkUserIdentity(
  db: DB,
  admin: AdminUser,
  userId: string,
  input: { issuer: string; subject: string },
): Promise<Ok<undefined> | Failure<"no_link" | "not_found">> {
  return db.transaction().execute(async (trx) => {
    if (!(await allowed(trx, admin, "user.unlink_identity", "user", userId))) return notFoundFailure();
    if (!(await organisationOfUser(trx, userId))) return notFoundFailure();
    const removed = await trx
      .deleteFrom("identity_links")
      .where("user_id", "=", userId)
      .where("issuer", "=", input.issuer)
      .where("subject", "=", input.subject)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return fail("no_link");
    const keys = getProviders()
      .filter((p) => p.issuer === input.issuer)
      .map((p) => p.key);
    if (keys.length > 0) {
      await trx.deleteFrom("sessions").where("user_id", "=", userId).where("provider", "in", keys).execute();
    }
    await audit(trx, {
      actor: actorOf(admin),
      action: "user.unlink_identity",
      recordType: "user",
      recordId: userId,
      details: { issuer: input.issuer },
    });
    return ok();
  });
}

/**
 * For a user who lost their phone: the TOTP key, the recovery codes, pending sign-ins and every
 * session go, and the user sets up a new key at the next password sign-in (when one is required).
 * The admin sees no secret, and nothing here gives one.
 */
export async function resetSecondFactor(
  db: DB,
  admin: AdminUser,
  userId: string,
): Promise<Ok<{ hadSecondFactor: boolean }> | Failure<"not_found">> {
  return db.transaction().execute(async (trx) => {
    if (!(await allowed(trx, admin, "user.reset_second_factor", "user", userId))) return notFoundFailure();
    if (!(await organisationOfUser(trx, userId))) return notFoundFailure();
    const removed = await trx.deleteFrom("totp_credentials").where("user_id", "=", userId).executeTakeFirst();
    await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
    await trx.deleteFrom("sign_in_challenges").where("user_id", "=", userId).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await resetAccount(trx, `second-factor:${userId}`);
    const hadSecondFactor = Number(removed.numDeletedRows) > 0;
    await audit(trx, {
      actor: actorOf(admin),
      action: "user.reset_second_factor",
      recordType: "user",
      recordId: userId,
      details: { hadSecondFactor },
    });
    return ok({ hadSecondFactor });
  });
}

export interface OrganisationSignIn {
  /** Configured by the operator: what the page shows, read-only. */
  providers: { name: string; idClaim: string; passwordAllowed: boolean }[];
  /** Whether the organisation's users may sign in with a password at all. */
  passwordSignIn: boolean;
  secondFactorRequired: boolean;
}

/** The admin organisation page's sign-in section. Null: no such organisation, or the reader is no admin. */
export async function organisationSignIn(
  db: DB,
  admin: AdminUser,
  organisationId: string,
): Promise<OrganisationSignIn | null> {
  if (!can(admin, "admin:manage")) return null;
  const organisation = await db
    .selectFrom("organisations")
    .select(["id", "name", "second_factor_required"])
    .where("id", "=", organisationId)
    .executeTakeFirst();
  if (!organisation) return null;
  const providers = providersForOrganisation(organisation);
  return {
    providers: providers.map((p) => ({
      name: providerName(p),
      idClaim: p.idClaim,
      passwordAllowed: p.passwordAllowed,
    })),
    passwordSignIn: providers.length === 0 || providers.some((p) => p.passwordAllowed),
    secondFactorRequired: fromBool(organisation.second_factor_required),
  };
}

/** The switch "Kräv tvåstegsverifiering för alla med lösenord" (organisations.second_factor_required). */
export async function setSecondFactorRequired(
  db: DB,
  admin: AdminUser,
  organisationId: string,
  required: boolean,
): Promise<Ok<{ changed: boolean }> | Failure<"not_found">> {
  return db.transaction().execute(async (trx) => {
    if (!(await allowed(trx, admin, "organisation.second_factor", "organisation", organisationId))) {
      return notFoundFailure();
    }
    const before = await trx
      .selectFrom("organisations")
      .select("second_factor_required")
      .where("id", "=", organisationId)
      .executeTakeFirst();
    if (!before) return notFoundFailure();
    const changed = fromBool(before.second_factor_required) !== required;
    if (!changed) return ok({ changed });
    await trx
      .updateTable("organisations")
      .set({ second_factor_required: toBool(required), updated_at: nowIso() })
      .where("id", "=", organisationId)
      .execute();
    await audit(trx, {
      actor: actorOf(admin),
      action: "organisation.second_factor",
      recordType: "organisation",
      recordId: organisationId,
      details: { required },
    });
    return ok({ changed });
  });
}
