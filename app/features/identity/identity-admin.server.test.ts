// What an admin decides about sign-in: linking an e-legitimation (never moving one that belongs to
// someone else), removing a link, resetting a lost second factor and the organisation's switch.
// And what someone who is not an admin gets when they try the same commands: nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import { SYSTEM_ACTOR } from "~/features/access/current-user";
import { attemptLogin } from "~/features/auth/sign-in.server";
import { createSession, validateSessionToken } from "~/features/auth/session.server";
import { currentUser, makeOrganisation, makePartnership, makeUser, TEST_PASSWORD } from "../../../test/factories";
import {
  linkUserIdentity,
  organisationSignIn,
  resetSecondFactor,
  setSecondFactorRequired,
  unlinkUserIdentity,
  userSignIn,
} from "./identity-admin.server";
import { linkIdentity } from "./links.server";
import { setProvidersForTests, type ProviderConfig } from "./providers.server";
import { secondFactorPage } from "./second-factor.server";
import { enrolKnownKey, secondFactorRequired } from "./totp.server";

const REGION_ISSUER = "https://idp.region.test";
const OTHER_ISSUER = "https://idp.other.test";

function provider(key: string, issuer: string, organisation: string, extra: Partial<ProviderConfig> = {}) {
  return {
    key,
    issuer,
    clientId: "samsyn",
    clientSecret: "secret",
    organisation,
    domains: [],
    idClaim: "sub",
    passwordAllowed: false,
    mfaAcr: [],
    label: null,
    ...extra,
  } satisfies ProviderConfig;
}

let region: { id: string; name: string };
let other: { id: string; name: string };
let ip = 0;

beforeAll(async () => {
  const db = getDb();
  region = await makeOrganisation(db, { kind: "healthcare" });
  other = await makeOrganisation(db);
  setProvidersForTests([
    provider("region", REGION_ISSUER, region.name, { label: "SITHS", idClaim: "hsa_id" }),
    provider("other", OTHER_ISSUER, other.id, { passwordAllowed: true }),
  ]);
});

afterAll(() => setProvidersForTests(undefined));

async function admin() {
  return currentUser((await makeUser(getDb(), { roles: [{ role: "admin" }] })).id);
}

async function auditOf(action: string, recordId: string) {
  return getDb()
    .selectFrom("audit_events")
    .select(["user_id", "outcome", "details"])
    .where("action", "=", action)
    .where("record_id", "=", recordId)
    .orderBy("seq")
    .execute();
}

async function linksOf(userId: string) {
  return getDb().selectFrom("identity_links").select(["issuer", "subject"]).where("user_id", "=", userId).execute();
}

describe("linking an e-legitimation", () => {
  it("links an identifier at the organisation's provider, shows it with the provider's name, and audits it", async () => {
    const db = getDb();
    const a = await admin();
    const user = await makeUser(db, { organisationId: region.id });
    const linked = await linkUserIdentity(db, a, user.id, { providerKey: "region", identifier: " SE2321-1001 " });
    expect(linked).toEqual({ ok: true, value: { created: true } });
    const view = await userSignIn(db, a, user.id);
    expect(view?.providers).toEqual([{ key: "region", name: "SITHS", idClaim: "hsa_id" }]);
    expect(view?.links).toMatchObject([{ issuer: REGION_ISSUER, subject: "SE2321-1001", providerName: "SITHS" }]);
    const [event] = await auditOf("user.link_identity", user.id);
    expect(event).toMatchObject({ user_id: a.id, outcome: "allowed" });
    // The identifier itself (an HSA-id, or a provider's subject that may be a personal number) stays out of the log.
    expect(event.details).toContain(REGION_ISSUER);
    expect(event.details).not.toContain("SE2321-1001");
  });

  it("refuses an identity already linked to another user, and moves nothing", async () => {
    const db = getDb();
    const a = await admin();
    const owner = await makeUser(db, { organisationId: region.id });
    const intruder = await makeUser(db, { organisationId: region.id });
    await linkUserIdentity(db, a, owner.id, { providerKey: "region", identifier: "SE2321-2002" });

    const again = await linkUserIdentity(db, a, intruder.id, { providerKey: "region", identifier: "SE2321-2002" });
    expect(again).toMatchObject({ ok: false, error: "linked_elsewhere", fields: { identifier: "linked_elsewhere" } });
    expect(await linksOf(owner.id)).toEqual([{ issuer: REGION_ISSUER, subject: "SE2321-2002" }]);
    expect(await linksOf(intruder.id)).toEqual([]);
    expect(await auditOf("user.link_identity", intruder.id)).toMatchObject([{ outcome: "denied" }]);

    // The operator's own path refuses too (it used to move the link silently).
    const operator = await linkIdentity(db, SYSTEM_ACTOR, {
      userId: intruder.id,
      issuer: REGION_ISSUER,
      subject: "SE2321-2002",
    });
    expect(operator).toMatchObject({ ok: false, error: "linked_elsewhere" });
    expect(await linksOf(owner.id)).toHaveLength(1);
    // The same link again for the same user changes nothing and is no error (the demo links at every start).
    expect(
      await linkIdentity(db, SYSTEM_ACTOR, { userId: owner.id, issuer: REGION_ISSUER, subject: "SE2321-2002" }),
    ).toEqual({ ok: true, value: { created: false } });
  });

  it("refuses a provider of another organisation, even when the form is forged", async () => {
    const db = getDb();
    const a = await admin();
    const user = await makeUser(db, { organisationId: region.id });
    for (const providerKey of ["other", "nonexistent"]) {
      expect(await linkUserIdentity(db, a, user.id, { providerKey, identifier: "x-1" })).toMatchObject({
        ok: false,
        error: "unknown_provider",
      });
    }
    expect(await linksOf(user.id)).toEqual([]);
    expect(await linkUserIdentity(db, a, "no-such-user", { providerKey: "region", identifier: "x" })).toMatchObject({
      error: "not_found",
    });
  });
});

describe("removing a link", () => {
  it("removes it and ends the sessions opened through that provider, not the others", async () => {
    const db = getDb();
    const a = await admin();
    const user = await makeUser(db, { organisationId: region.id });
    await linkUserIdentity(db, a, user.id, { providerKey: "region", identifier: "SE2321-3003" });
    const viaProvider = await createSession(db, user.id, new Date(), { provider: "region", idToken: null });
    const viaPassword = await createSession(db, user.id);

    expect(await unlinkUserIdentity(db, a, user.id, { issuer: REGION_ISSUER, subject: "SE2321-3003" })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await linksOf(user.id)).toEqual([]);
    expect(await validateSessionToken(db, viaProvider.token)).toBeNull();
    expect(await validateSessionToken(db, viaPassword.token)).not.toBeNull();
    expect(await auditOf("user.unlink_identity", user.id)).toMatchObject([{ user_id: a.id, outcome: "allowed" }]);
    // Twice: nothing left to remove.
    expect(await unlinkUserIdentity(db, a, user.id, { issuer: REGION_ISSUER, subject: "SE2321-3003" })).toMatchObject({
      error: "no_link",
    });
  });

  it("posting another user's link on this user's page removes nothing", async () => {
    const db = getDb();
    const a = await admin();
    const victim = await makeUser(db, { organisationId: region.id });
    const page = await makeUser(db, { organisationId: region.id });
    await linkUserIdentity(db, a, victim.id, { providerKey: "region", identifier: "SE2321-4004" });
    expect(await unlinkUserIdentity(db, a, page.id, { issuer: REGION_ISSUER, subject: "SE2321-4004" })).toMatchObject({
      error: "no_link",
    });
    expect(await linksOf(victim.id)).toHaveLength(1);
  });
});

describe("resetting a lost second factor", () => {
  it("removes the key, the recovery codes and every session; the next password sign-in enrols a new key", async () => {
    const db = getDb();
    const a = await admin();
    const user = await makeUser(db, { roles: [{ role: "auditor" }] });
    await enrolKnownKey(db, user.id, "00".repeat(20));
    await db
      .insertInto("recovery_codes")
      .values({ id: newId(), user_id: user.id, code_hash: "ab".repeat(32), created_at: nowIso() })
      .execute();
    const session = await createSession(db, user.id);
    expect((await userSignIn(db, a, user.id))?.secondFactor).toEqual({
      enrolled: true,
      recoveryCodesLeft: 1,
      required: true,
    });

    expect(await resetSecondFactor(db, a, user.id)).toEqual({ ok: true, value: { hadSecondFactor: true } });
    expect((await userSignIn(db, a, user.id))?.secondFactor).toMatchObject({ enrolled: false, recoveryCodesLeft: 0 });
    expect(await validateSessionToken(db, session.token)).toBeNull();
    const [event] = await auditOf("user.reset_second_factor", user.id);
    expect(event).toMatchObject({ user_id: a.id, outcome: "allowed" });
    expect(event.details).not.toContain("00000000");

    const signedIn = await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: `10.7.0.${ip++}` });
    if (!signedIn.ok) throw new Error(signedIn.error);
    expect(signedIn.value.token).toBeNull();
    expect(await secondFactorPage(db, signedIn.value.challenge)).toMatchObject({ mode: "enrol" });
  });
});

describe("the organisation's second-factor switch", () => {
  it("shows the configured provider read-only, and the switch makes every password user need a second factor", async () => {
    const db = getDb();
    const a = await admin();
    const org = await makeOrganisation(db);
    const caseworker = await makeUser(db, { organisationId: org.id });
    expect(await organisationSignIn(db, a, region.id)).toEqual({
      providers: [{ name: "SITHS", idClaim: "hsa_id", passwordAllowed: false }],
      passwordSignIn: false,
      secondFactorRequired: false,
    });
    expect(await organisationSignIn(db, a, other.id)).toMatchObject({ passwordSignIn: true });
    expect(await organisationSignIn(db, a, org.id)).toEqual({
      providers: [],
      passwordSignIn: true,
      secondFactorRequired: false,
    });
    expect(await secondFactorRequired(db, caseworker.id)).toBe(false);

    expect(await setSecondFactorRequired(db, a, org.id, true)).toEqual({ ok: true, value: { changed: true } });
    expect(await secondFactorRequired(db, caseworker.id)).toBe(true);
    expect(await organisationSignIn(db, a, org.id)).toMatchObject({ secondFactorRequired: true });
    // Saving the same value again changes and audits nothing.
    expect(await setSecondFactorRequired(db, a, org.id, true)).toEqual({ ok: true, value: { changed: false } });
    expect(await auditOf("organisation.second_factor", org.id)).toEqual([
      { user_id: a.id, outcome: "allowed", details: JSON.stringify({ required: true }) },
    ]);
    expect(await setSecondFactorRequired(db, a, "no-such-organisation", true)).toMatchObject({ error: "not_found" });
  });
});

describe("someone who is not an admin", () => {
  it("gets not_found from every command, changes nothing, and the attempt is audited", async () => {
    const db = getDb();
    const a = await admin();
    const partnership = await makePartnership(db);
    const target = await makeUser(db, { organisationId: region.id });
    await linkUserIdentity(db, a, target.id, { providerKey: "region", identifier: "SE2321-5005" });
    await enrolKnownKey(db, target.id, "11".repeat(20));
    const attackers = [
      await currentUser((await makeUser(db, { roles: [{ role: "coordinator", partnershipId: partnership.id }] })).id),
      await currentUser((await makeUser(db, { organisationId: region.id, roles: [{ role: "caseworker" }] })).id),
      await currentUser((await makeUser(db, { organisationId: region.id, roles: [{ role: "auditor" }] })).id),
    ];
    for (const attacker of attackers) {
      expect(await userSignIn(db, attacker, target.id)).toBeNull();
      expect(await organisationSignIn(db, attacker, region.id)).toBeNull();
      // Linking the attacker's own identity to the target, or the target's identity to the attacker.
      expect(
        await linkUserIdentity(db, attacker, target.id, { providerKey: "region", identifier: `mine-${attacker.id}` }),
      ).toMatchObject({ ok: false, error: "not_found" });
      expect(
        await linkUserIdentity(db, attacker, attacker.id, { providerKey: "region", identifier: "SE2321-5005" }),
      ).toMatchObject({ ok: false, error: "not_found" });
      expect(
        await unlinkUserIdentity(db, attacker, target.id, { issuer: REGION_ISSUER, subject: "SE2321-5005" }),
      ).toMatchObject({ ok: false, error: "not_found" });
      expect(await resetSecondFactor(db, attacker, target.id)).toMatchObject({ ok: false, error: "not_found" });
      expect(await setSecondFactorRequired(db, attacker, region.id, true)).toMatchObject({
        ok: false,
        error: "not_found",
      });
    }
    expect(await linksOf(target.id)).toEqual([{ issuer: REGION_ISSUER, subject: "SE2321-5005" }]);
    expect((await userSignIn(db, a, target.id))?.secondFactor.enrolled).toBe(true);
    expect(await organisationSignIn(db, a, region.id)).toMatchObject({ secondFactorRequired: false });
    const denied = await db
      .selectFrom("audit_events")
      .select(["action", "user_id"])
      .where("outcome", "=", "denied")
      .where(
        "user_id",
        "in",
        attackers.map((u) => u.id),
      )
      .execute();
    expect(denied).toHaveLength(attackers.length * 5);
  });
});
