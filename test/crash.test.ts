// kill -9 under write load (issue 14): every write the server acknowledged is there after a
// restart, on SQLite and, in the PostgreSQL project, on PostgreSQL; the audit chain still verifies.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { auditKey } from "~/features/audit/key.server";
import { verifyAuditChain } from "~/features/audit/verify.server";
import { TEST_PASSWORD } from "./factories";
import { postForm, sessionCookie, startInstance, type Instance } from "./instances";
import { planSetup } from "./plans";

const dir = mkdtempSync(join(tmpdir(), "samsyn-crash-"));
const started: Instance[] = [];

afterAll(async () => {
  await Promise.all(started.map((i) => i.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe("a server killed under write load", () => {
  it("loses no write it acknowledged, and starts again on the same database", { timeout: 180_000 }, async () => {
    const { lead, planId } = await planSetup();
    const first = await startInstance(dir, "first");
    started.push(first);
    const cookie = sessionCookie(await postForm(`${first.url}/login`, { email: lead.email, password: TEST_PASSWORD }));

    const acknowledged: string[] = [];
    let sent = 0;
    let crashed = false;
    // Eight writers in a loop, each adding notes one after the other until the server is gone.
    const writer = async () => {
      while (!crashed) {
        const body = `Anteckning nummer ${++sent}`;
        try {
          const response = await postForm(`${first.url}/plans/${planId}`, { intent: "add-note", body }, cookie);
          if (response.status === 303) acknowledged.push(body);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
    await first.crash();
    crashed = true;
    await Promise.all(writers);

    const second = await startInstance(dir, "second");
    started.push(second);
    const notes = await getDb().selectFrom("plan_notes").select("body").where("plan_id", "=", planId).execute();
    const stored = new Set(notes.map((n) => n.body));
    expect(acknowledged.filter((body) => !stored.has(body))).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    const page = await fetch(`${second.url}/plans/${planId}`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(page.status).toBe(200);
    expect(await verifyAuditChain(getDb(), { key: auditKey() })).toMatchObject({ ok: true });
  });
});
