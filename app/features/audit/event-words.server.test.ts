import { describe, expect, it } from "vitest";
import { createDb } from "#db/client.server";
import { migrateToLatest } from "#db/migrate";
import { seedDemo } from "#db/seed/seed";
import { getFixedT } from "~/lib/i18n.server";
import { actionKey, recordTypeKey } from "./event-words.server";
import { auditKey } from "./key.server";
import { verifyAuditChain } from "./verify.server";

describe("events in words", () => {
  it("has words, in Swedish and English, for every event the demo writes", async () => {
    const db = createDb("file::memory:");
    await migrateToLatest(db);
    await seedDemo(db);
    const rows = await db.selectFrom("audit_events").select(["action", "record_type"]).distinct().execute();
    await db.destroy();
    expect(rows.length).toBeGreaterThan(5);
    for (const { action, record_type } of rows) {
      expect(actionKey(action), action).not.toBe("audit.actions.other");
      expect(recordTypeKey(record_type), record_type).not.toBe("audit.recordTypes.other");
      for (const locale of ["sv", "en"] as const) {
        const words = getFixedT(locale)(actionKey(action));
        expect(words).not.toContain(action);
        expect(words).not.toMatch(/^audit\./);
      }
    }
  });

  it("never shows a code, even for an event added later without words", () => {
    for (const code of ["plan.frobnicate", "newdomain.read", "plan", "plan.read.extra", "constructor", "__proto__.x"]) {
      expect(actionKey(code)).toBe("audit.actions.other");
    }
    expect(actionKey("login.succeeded")).toBe("audit.actions.login.succeeded");
    expect(actionKey("logout")).toBe("audit.actions.logout");
    expect(getFixedT("sv")(actionKey("login.succeeded"))).toBe("Loggade in");
    expect(recordTypeKey("toString")).toBe("audit.recordTypes.other");
  });

  it("the demo's own log verifies", async () => {
    const db = createDb("file::memory:");
    await migrateToLatest(db);
    await seedDemo(db);
    expect(await verifyAuditChain(db, { key: auditKey() })).toMatchObject({ ok: true, findings: [] });
    await db.destroy();
  });
});
