// Two app instances on one database, as behind a load balancer (issue 14): whatever instance a
// request lands on, the user sees one application. Runs on SQLite and, in the PostgreSQL project,
// on PostgreSQL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditKey } from "~/features/audit/key.server";
import { verifyAuditChain } from "~/features/audit/verify.server";
import { makeUser, TEST_PASSWORD } from "./factories";
import { planSetup } from "./plans";
import { postForm, sessionCookie, startInstance, type Instance } from "./instances";

const dir = mkdtempSync(join(tmpdir(), "samsyn-instances-"));
let a: Instance;
let b: Instance;

beforeAll(async () => {
  [a, b] = await Promise.all([startInstance(dir, "a"), startInstance(dir, "b")]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

const signIn = (instance: Instance, email: string, password: string) =>
  postForm(`${instance.url}/login`, { email, password });

describe("two app instances on one database", () => {
  it("accept on one a sign-in made on the other, and end it on both", { timeout: 60_000 }, async () => {
    const user = await makeUser(getDb());
    const cookie = sessionCookie(await signIn(a, user.email, TEST_PASSWORD));
    const onB = await fetch(`${b.url}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain(user.email);

    expect((await postForm(`${b.url}/logout`, {}, cookie)).status).toBe(303);
    const afterLogout = await fetch(`${a.url}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(afterLogout.status).toBe(302);
    expect(afterLogout.headers.get("Location")).toMatch(/^\/login/);
  });

  it("throttle failed sign-ins spread over both together", { timeout: 60_000 }, async () => {
    const user = await makeUser(getDb());
    // Wrong passwords taking turns: refused with a wait after five in a row, though neither
    // instance alone has seen five.
    let refusedAt = 0;
    for (let i = 0; i < 8 && !refusedAt; i++) {
      if ((await signIn(i % 2 ? b : a, user.email, `fel lösenord ${i}`)).status === 429) refusedAt = i + 1;
    }
    expect(refusedAt).toBeGreaterThan(5);
    expect(refusedAt).toBeLessThanOrEqual(8);
    // Now the right password waits too, on the instance that did not refuse last.
    const right = await signIn(refusedAt % 2 ? b : a, user.email, TEST_PASSWORD);
    expect(right.status).toBe(429);
    expect(await right.text()).toContain("För många misslyckade inloggningsförsök");
  });

  it("give exactly one conflict when one plan is saved on both at once", { timeout: 60_000 }, async () => {
    const { lead, planId } = await planSetup();
    const cookie = sessionCookie(await signIn(a, lead.email, TEST_PASSWORD));
    for (let version = 1; version <= 5; version++) {
      const save = (instance: Instance) =>
        postForm(
          `${instance.url}/plans/${planId}`,
          {
            intent: "save-plan",
            version: String(version),
            goal: `Mål ${version} från ${instance.url}`,
            needs: "",
            leadUserId: lead.id,
          },
          cookie,
        );
      const both = await Promise.all([save(a), save(b)]);
      const statuses = both.map((r) => r.status).sort();
      expect(statuses).toEqual([303, 409]);
    }
    const plan = await getDb().selectFrom("plans").select("version").where("id", "=", planId).executeTakeFirstOrThrow();
    expect(plan.version).toBe(6);
  });

  it("keep one audit chain through 200 concurrent audited reads over both", { timeout: 120_000 }, async () => {
    const { lead, planId } = await planSetup();
    const cookie = sessionCookie(await signIn(b, lead.email, TEST_PASSWORD));
    const countReads = async () =>
      Number(
        (
          await getDb()
            .selectFrom("audit_events")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("plan_id", "=", planId)
            .where("action", "=", "plan.read")
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await countReads();
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        // The page's data as the browser's client-side navigation fetches it: the same audited
        // loader, without rendering HTML 200 times on a small test machine.
        fetch(`${(i % 2 ? a : b).url}/plans/${planId}.data`, { headers: { Cookie: cookie }, redirect: "manual" }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses).toEqual(Array(200).fill(200));
    expect((await countReads()) - before).toBe(200);
    const seqs = (await getDb().selectFrom("audit_events").select("seq").orderBy("seq").execute()).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(await verifyAuditChain(getDb(), { key: auditKey() })).toMatchObject({ ok: true });
  });
});
