// The operator's check from the command line: exit 0 when intact, 2 with the kind named when not.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { audit } from "../app/features/audit/audit.server";
import { auditKey } from "../app/features/audit/key.server";

const dir = mkdtempSync(join(tmpdir(), "samsyn-audit-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(databaseUrl: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      SESSION_SECRET: "s".repeat(40),
      DATABASE_URL: databaseUrl,
      AUDIT_KEY: auditKey().toString("utf8"),
    },
    encoding: "utf8",
  });
}

describe("npm run audit:verify", () => {
  it("says the log is intact, then names an edited event", { timeout: 60_000 }, async () => {
    const url = `file:${join(dir, "log.sqlite")}`;
    const db = createDb(url);
    await migrateToLatest(db);
    for (let i = 0; i < 3; i++) {
      await audit(db, { actor: { userId: "u1", organisationId: "o1" }, action: "plan.read", recordType: "plan" });
    }
    const intact = run(url);
    expect(intact.stdout).toContain("The audit log is intact.");
    expect(intact.status).toBe(0);

    await sql`DROP TRIGGER audit_events_no_update`.execute(db);
    await db.updateTable("audit_events").set({ user_id: "u2" }).where("seq", "=", 2).execute();
    await db.destroy();
    const tampered = run(url);
    expect(tampered.stdout).toMatch(/edited_event \(event 2\)/);
    expect(tampered.status).toBe(2);
  });
});
