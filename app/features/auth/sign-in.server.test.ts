// Login throttling (issue 11, item 4; docs/decisions/0011-login-throttling.md): guessing is slowed
// per account and capped per address, but the account holder is never locked out.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { makeUser, TEST_PASSWORD } from "../../../test/factories";
import { attemptLogin } from "./sign-in.server";
import { ACCOUNT_FREE_FAILURES, ADDRESS_MAX_FAILURES, accountDelayMs, MAX_ACCOUNT_DELAY_MS } from "./throttle.server";

const second = 1000;
const minute = 60 * second;
const at = (start: Date, ms: number) => new Date(start.getTime() + ms);

async function signInOnce(email: string, ip: string, now: Date) {
  const result = await attemptLogin(getDb(), { email, password: TEST_PASSWORD, ip }, now);
  if (!result.ok) throw new Error(`expected a sign-in, got ${result.error}`);
  return result.value;
}

describe("sign-in", () => {
  it("accepts the right password and opens a session", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const result = await attemptLogin(db, { email: user.email.toUpperCase(), password: TEST_PASSWORD, ip: "10.0.0.1" });
    expect(result.ok).toBe(true);
  });

  it("gives the same answer for a wrong password and an unknown e-mail", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const wrong = await attemptLogin(db, { email: user.email, password: "wrong password!", ip: "10.0.0.2" });
    const unknown = await attemptLogin(db, { email: "nobody@example.se", password: TEST_PASSWORD, ip: "10.0.0.2" });
    expect(wrong).toEqual({ ok: false, error: "invalid" });
    expect(unknown).toEqual({ ok: false, error: "invalid" });
  });

  it("refuses a disabled user even with the right password", async () => {
    const db = getDb();
    const user = await makeUser(db);
    await db.updateTable("users").set({ disabled_at: new Date().toISOString() }).where("id", "=", user.id).execute();
    expect(await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.3" })).toEqual({
      ok: false,
      error: "invalid",
    });
  });

  it("after repeated failures refuses even the right password until the wait is over, and audits it without the password", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const start = new Date();
    for (let i = 0; i < 10; i++) {
      await attemptLogin(db, { email: user.email, password: `wrong-${i}-secret`, ip: `10.1.0.${i}` }, start);
    }
    const locked = await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: "10.1.1.1" }, start);
    expect(locked).toMatchObject({ ok: false, error: "throttled" });
    // A minute later the wait is over.
    expect(
      (await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: "10.1.1.1" }, at(start, minute))).ok,
    ).toBe(true);

    const events = await db.selectFrom("audit_events").selectAll().where("user_id", "=", user.id).execute();
    // Only the guesses whose password was checked count as failures; the rest were refused unchecked.
    expect(events.filter((e) => e.action === "login.failed")).toHaveLength(ACCOUNT_FREE_FAILURES);
    expect(events.filter((e) => e.action === "login.throttled")).toHaveLength(10 - ACCOUNT_FREE_FAILURES + 1);
    const everything = JSON.stringify(await db.selectFrom("audit_events").selectAll().execute());
    expect(everything).not.toContain("wrong-");
    expect(everything).not.toContain(TEST_PASSWORD);
  });

  it("limits failures per address across accounts", async () => {
    const db = getDb();
    for (let i = 0; i < 50; i++) {
      await attemptLogin(db, { email: `guess${i}@example.se`, password: "x", ip: "203.0.113.9" });
    }
    const user = await makeUser(db);
    expect(await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: "203.0.113.9" })).toMatchObject({
      ok: false,
      error: "ip_throttled",
    });
    expect((await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: "203.0.113.10" })).ok).toBe(true);
  });
});

describe("the delay schedule", () => {
  it("lets a few mistakes pass, then doubles the wait up to a cap", () => {
    for (let n = 0; n < ACCOUNT_FREE_FAILURES; n++) expect(accountDelayMs(n)).toBe(0);
    expect(accountDelayMs(ACCOUNT_FREE_FAILURES)).toBe(second);
    expect(accountDelayMs(ACCOUNT_FREE_FAILURES + 1)).toBe(2 * second);
    expect(accountDelayMs(ACCOUNT_FREE_FAILURES + 4)).toBe(16 * second);
    expect(accountDelayMs(1000)).toBe(MAX_ACCOUNT_DELAY_MS);
    expect(MAX_ACCOUNT_DELAY_MS).toBeLessThanOrEqual(15 * minute);
  });
});

describe("sign-in throttling per account", () => {
  it("refuses an attempt inside the delay without checking the password, from any address", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const start = new Date("2026-03-02T08:00:00Z");
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      const failed = await attemptLogin(db, { email: user.email, password: `fel-${i}`, ip: `198.51.100.${i}` }, start);
      expect(failed).toMatchObject({ ok: false, error: "invalid" });
    }
    // Another address, the right password, inside the delay: refused, and it does not count as a guess.
    const inside = await attemptLogin(
      db,
      { email: user.email, password: TEST_PASSWORD, ip: "203.0.113.200" },
      at(start, 500),
    );
    expect(inside).toMatchObject({ ok: false, error: "throttled", detail: { retryAfterSeconds: 1 } });
    const failed = await db
      .selectFrom("audit_events")
      .select("action")
      .where("user_id", "=", user.id)
      .where("action", "=", "login.failed")
      .execute();
    expect(failed).toHaveLength(ACCOUNT_FREE_FAILURES);

    // Once the delay has passed the right password works, again from any address.
    expect(
      (await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: "203.0.113.201" }, at(start, 1100))).ok,
    ).toBe(true);
  });

  it("ten failures do not lock the real user out for a quarter of an hour", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const start = new Date("2026-03-02T09:00:00Z");
    // The attacker guesses as fast as the app lets them: ten wrong passwords in a row.
    let clock = start.getTime();
    let failures = 0;
    while (failures < 10) {
      const result = await attemptLogin(
        db,
        { email: user.email, password: "gissning", ip: "198.51.100.7" },
        new Date(clock),
      );
      if (!result.ok && result.error === "invalid") failures++;
      else if (!result.ok && result.detail) clock += result.detail.retryAfterSeconds * second;
      else throw new Error(`unexpected ${JSON.stringify(result)}`);
    }
    // The user comes back a minute after the last failure, in a browser they have never used.
    const back = await attemptLogin(
      db,
      { email: user.email, password: TEST_PASSWORD, ip: "198.51.100.7" },
      new Date(clock + minute),
    );
    expect(back.ok).toBe(true);
  });

  it("an unknown e-mail address is throttled exactly like a real one", async () => {
    const db = getDb();
    const start = new Date("2026-03-02T10:00:00Z");
    const results = [];
    for (let i = 0; i <= ACCOUNT_FREE_FAILURES; i++) {
      results.push(
        await attemptLogin(db, { email: "ingen.alls@example.se", password: "x", ip: `198.51.100.${i}` }, start),
      );
    }
    expect(results.at(-1)).toMatchObject({ ok: false, error: "throttled", detail: { retryAfterSeconds: 1 } });
  });

  it("parallel guesses cannot slip through the delay together", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const start = new Date("2026-03-02T11:00:00Z");
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        attemptLogin(db, { email: user.email, password: `parallell-${i}`, ip: `198.51.100.${i}` }, start),
      ),
    );
    expect(burst.filter((r) => !r.ok && r.error === "invalid")).toHaveLength(ACCOUNT_FREE_FAILURES);
    expect(burst.filter((r) => !r.ok && r.error === "throttled")).toHaveLength(20 - ACCOUNT_FREE_FAILURES);
  });
});

describe("a browser that has signed in to the account before", () => {
  it("lets the real user in with the right password while the account is under attack", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const start = new Date("2026-03-03T07:00:00Z");
    const { device } = await signInOnce(user.email, "192.0.2.10", start);

    // An attacker guesses from many addresses, as fast as the app lets them, twelve times.
    let clock = start.getTime() + minute;
    for (let failures = 0; failures < 12;) {
      const guess = await attemptLogin(
        db,
        { email: user.email, password: `gissning-${failures}`, ip: `100.64.${failures}.1` },
        new Date(clock),
      );
      if (!guess.ok && guess.error === "invalid") failures++;
      else if (!guess.ok && guess.detail) clock += guess.detail.retryAfterSeconds * second;
    }
    const now = new Date(clock + second);
    // Without the device cookie the right password waits like everyone else...
    expect(await attemptLogin(db, { email: user.email, password: TEST_PASSWORD, ip: "192.0.2.10" }, now)).toMatchObject(
      {
        ok: false,
        error: "throttled",
      },
    );
    // ...with it, the user is in at once.
    const inside = await attemptLogin(
      db,
      { email: user.email, password: TEST_PASSWORD, ip: "192.0.2.10", devices: [device] },
      now,
    );
    expect(inside.ok).toBe(true);
    // A device cookie is no password: a wrong one is still wrong.
    expect(
      await attemptLogin(db, { email: user.email, password: "fel", ip: "192.0.2.10", devices: [device] }, now),
    ).toMatchObject({ ok: false, error: "invalid" });
  });

  it("counts only for the account it was issued to, and only when it is genuine", async () => {
    const db = getDb();
    const [owner, other] = [await makeUser(db), await makeUser(db)];
    const start = new Date("2026-03-03T08:00:00Z");
    const { device } = await signInOnce(owner.email, "192.0.2.11", start);
    const [userId, nonce] = device.split(".");
    const forged = [`${other.id}.${nonce}.${device.split(".")[2]}`, `${userId}.${nonce}.AAAA`, `${userId}.x.y`, "junk"];
    for (let i = 0; i <= ACCOUNT_FREE_FAILURES; i++) {
      await attemptLogin(db, { email: other.email, password: `fel-${i}`, ip: "192.0.2.12" }, at(start, minute));
    }
    const refused = await attemptLogin(
      db,
      { email: other.email, password: TEST_PASSWORD, ip: "192.0.2.12", devices: [device, ...forged] },
      at(start, minute),
    );
    expect(refused).toMatchObject({ ok: false, error: "throttled" });
  });

  it("stops counting as trusted after five wrong passwords in a row from that browser", async () => {
    const db = getDb();
    const user = await makeUser(db);
    const start = new Date("2026-03-03T09:00:00Z");
    const { device } = await signInOnce(user.email, "192.0.2.13", start);
    for (let i = 0; i < 5; i++) {
      await attemptLogin(
        db,
        { email: user.email, password: `stulen-${i}`, ip: "192.0.2.13", devices: [device] },
        at(start, minute),
      );
    }
    // The untrusted path also has five failures' worth of delay on record from elsewhere.
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      await attemptLogin(db, { email: user.email, password: `fel-${i}`, ip: "203.0.113.90" }, at(start, minute));
    }
    expect(
      await attemptLogin(
        db,
        { email: user.email, password: TEST_PASSWORD, ip: "192.0.2.13", devices: [device] },
        at(start, minute + 100),
      ),
    ).toMatchObject({ ok: false, error: "throttled" });
  });
});

describe("the cap per address", () => {
  it("stops guessing from one address across accounts but never locks out a device-cookie holder behind it", async () => {
    const db = getDb();
    const natted = "198.18.0.1"; // a whole kommun behind one address
    const start = new Date("2026-03-04T08:00:00Z");
    const colleague = await makeUser(db);
    const { device } = await signInOnce(colleague.email, natted, at(start, -60 * minute));
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) {
      await attemptLogin(db, { email: `gissning${i}@example.se`, password: "x", ip: natted }, at(start, i * 100));
    }
    const now = at(start, minute);
    const stranger = await makeUser(db);
    expect(await attemptLogin(db, { email: stranger.email, password: TEST_PASSWORD, ip: natted }, now)).toMatchObject({
      ok: false,
      error: "ip_throttled",
    });
    // The account itself is not locked: from elsewhere it works.
    expect((await attemptLogin(db, { email: stranger.email, password: TEST_PASSWORD, ip: "198.18.0.2" }, now)).ok).toBe(
      true,
    );
    // And a colleague who has signed in from this browser before is let in behind the same address.
    expect(
      (await attemptLogin(db, { email: colleague.email, password: TEST_PASSWORD, ip: natted, devices: [device] }, now))
        .ok,
    ).toBe(true);
    // The cap is a window: a quarter of an hour later the address may try again.
    expect(
      (await attemptLogin(db, { email: stranger.email, password: TEST_PASSWORD, ip: natted }, at(start, 16 * minute)))
        .ok,
    ).toBe(true);
  });
});
