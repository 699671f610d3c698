// The second factor for password accounts: who must have one, enrolment, codes, recovery codes,
// replays and guessing.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { attemptLogin } from "~/features/auth/sign-in.server";
import { validateSessionToken } from "~/features/auth/session.server";
import { makeOrganisation, makeUser, TEST_PASSWORD } from "../../../test/factories";
import { enrolSecondFactor, passSecondFactor, secondFactorPage } from "./second-factor.server";
import { totpCode } from "./totp.server";

const T0 = new Date("2026-12-03T10:00:00.000Z");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
let ip = 0;

async function signIn(email: string, at = T0) {
  const result = await attemptLogin(getDb(), { email, password: TEST_PASSWORD, ip: `10.9.0.${ip++ % 250}` }, at);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function secretOf(userId: string) {
  const row = await getDb()
    .selectFrom("totp_credentials")
    .select("secret")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row!.secret;
}

/** An admin who has enrolled: returns the key and the recovery codes. */
async function enrolledAdmin() {
  const db = getDb();
  const user = await makeUser(db, { roles: [{ role: "admin" }] });
  const first = await signIn(user.email);
  await secondFactorPage(db, first.challenge, T0);
  const secret = await secretOf(user.id);
  const enrolled = await enrolSecondFactor(db, first.challenge, totpCode(secret, T0.getTime()), T0);
  if (!enrolled.ok) throw new Error(enrolled.error);
  return { user, secret, recoveryCodes: enrolled.value.recoveryCodes! };
}

describe("second factor", () => {
  it("lets a caseworker without a second factor straight in", async () => {
    const user = await makeUser(getDb());
    const signed = await signIn(user.email);
    expect(signed.challenge).toBeNull();
    expect(signed.token).not.toBeNull();
  });

  it("gives an admin no session before the second factor, and asks to enrol with a QR code", async () => {
    const db = getDb();
    const user = await makeUser(db, { roles: [{ role: "admin" }] });
    const signed = await signIn(user.email);
    expect(signed.token).toBeNull();
    expect(signed.challenge).toBeTruthy();
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toHaveLength(0);
    const page = await secondFactorPage(db, signed.challenge, T0);
    expect(page?.mode).toBe("enrol");
    if (page?.mode !== "enrol") return;
    expect(page.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(page.typedKey).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    // Reloading shows the same key.
    expect(await secondFactorPage(db, signed.challenge, T0)).toEqual(page);
  });

  it("requires it of auditors and of everyone in an organisation whose setting says so", async () => {
    const db = getDb();
    const auditor = await makeUser(db, { roles: [{ role: "auditor" }] });
    expect((await signIn(auditor.email)).challenge).toBeTruthy();
    const org = await makeOrganisation(db);
    await db.updateTable("organisations").set({ second_factor_required: 1 }).where("id", "=", org.id).execute();
    const caseworker = await makeUser(db, { organisationId: org.id });
    expect((await signIn(caseworker.email)).challenge).toBeTruthy();
  });

  it("enrols with a code from the key, opens a session and returns ten different recovery codes", async () => {
    const db = getDb();
    const { user, recoveryCodes } = await enrolledAdmin();
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await db.selectFrom("recovery_codes").select("code_hash").where("user_id", "=", user.id).execute();
    expect(stored).toHaveLength(10);
    // Stored hashed: no code appears in the database.
    for (const code of recoveryCodes) expect(JSON.stringify(stored)).not.toContain(code);
    const sessions = await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    expect(sessions).toHaveLength(1);
  });

  it("accepts the current code once, never the same code twice, and refuses a wrong one", async () => {
    const db = getDb();
    const { user, secret } = await enrolledAdmin();
    const next = await signIn(user.email, later(60));
    expect((await secondFactorPage(db, next.challenge, later(60)))?.mode).toBe("verify");
    expect(await passSecondFactor(db, next.challenge, "000000", later(61))).toMatchObject({
      ok: false,
      error: "invalid",
    });
    const code = totpCode(secret, later(60).getTime());
    const passed = await passSecondFactor(db, next.challenge, code, later(61));
    expect(passed.ok).toBe(true);
    if (!passed.ok) return;
    expect((await validateSessionToken(db, passed.value.token, later(62)))?.userId).toBe(user.id);

    // The challenge is used up, and the same code does not work for a new sign-in.
    expect(await passSecondFactor(db, next.challenge, code, later(62))).toMatchObject({ error: "expired" });
    const again = await signIn(user.email, later(62));
    expect(await passSecondFactor(db, again.challenge, code, later(63))).toMatchObject({ error: "invalid" });
  });

  it("accepts each recovery code once", async () => {
    const db = getDb();
    const { user, recoveryCodes } = await enrolledAdmin();
    const first = await signIn(user.email, later(100));
    expect((await passSecondFactor(db, first.challenge, recoveryCodes[3].toUpperCase(), later(101))).ok).toBe(true);
    const second = await signIn(user.email, later(102));
    expect(await passSecondFactor(db, second.challenge, recoveryCodes[3], later(103))).toMatchObject({
      error: "invalid",
    });
  });

  it("throttles guessing like the password, and audits it", async () => {
    const db = getDb();
    const { user, secret } = await enrolledAdmin();
    const signed = await signIn(user.email, later(200));
    let last;
    for (let i = 0; i < 8; i++) last = await passSecondFactor(db, signed.challenge, String(100000 + i), later(201));
    expect(last).toMatchObject({ ok: false, error: "throttled" });
    // Even the right code waits until the throttle allows the next attempt.
    expect(
      await passSecondFactor(db, signed.challenge, totpCode(secret, later(201).getTime()), later(201)),
    ).toMatchObject({
      error: "throttled",
    });
    const events = await db
      .selectFrom("audit_events")
      .select("action")
      .where("user_id", "=", user.id)
      .where("action", "in", ["second_factor.failed", "login.throttled"])
      .execute();
    expect(events.map((e) => e.action)).toContain("login.throttled");
    expect(events.filter((e) => e.action === "second_factor.failed").length).toBeGreaterThanOrEqual(5);
  });

  it("has nothing to offer without a pending sign-in", async () => {
    expect(await secondFactorPage(getDb(), null)).toBeNull();
    expect(await secondFactorPage(getDb(), "not-a-token")).toBeNull();
    expect(await passSecondFactor(getDb(), "not-a-token", "123456")).toMatchObject({ error: "expired" });
  });
});
