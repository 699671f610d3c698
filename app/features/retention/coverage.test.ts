import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import { auditKey } from "~/features/audit/key.server";
import { verifyAuditChain } from "~/features/audit/verify.server";
import { addNote } from "~/features/plans/plan-parts.server";
import { makePartnership, makeUser } from "../../../test/factories";
import { convene, meetingSetup } from "../../../test/meetings";
import { closeAndBackdate } from "../../../test/retention";
import { PLAN_REFERENCES } from "./plans.server";
import { runRetentionPurge } from "./retention.server";

const REFERS = /(^|_)(plan|person)_id$/;

/** Every column in the schema that refers to a plan or a person, as "table.column". */
async function referringColumns(): Promise<string[]> {
  const tables = await getDb().introspection.getTables();
  const found = tables.flatMap((t) => t.columns.filter((c) => REFERS.test(c.name)).map((c) => `${t.name}.${c.name}`));
  return [...found, "plans.id"].sort();
}

describe("every table that refers to a plan or a person is covered", () => {
  it("the purge names how it handles each plan_id and person_id column in the schema", async () => {
    // A new table with such a column fails here until plans.server.ts handles it.
    expect(Object.keys(PLAN_REFERENCES).sort()).toEqual(await referringColumns());
  });

  it("after a purge no row anywhere refers to the plan but the audit log's, deviations keep only themselves, frozen summaries stay", async () => {
    const db = getDb();
    const { lead, ame, planId, partnership } = await meetingSetup("Täckt Person");
    await convene(lead, planId, { staff: [{ userId: ame.id, kind: "summons" }] });
    expect((await addNote(db, lead, planId, "Anteckning om läget")).ok).toBe(true);
    const reporter = await makeUser(db, { organisationId: lead.organisationId });
    const deviationId = newId();
    await db
      .insertInto("deviations")
      .values({
        id: deviationId,
        partnership_id: partnership.id,
        number: 1,
        event_date: "2016-01-01",
        reporter_id: reporter.id,
        reporter_organisation_id: lead.organisationId,
        reporter_role: "caseworker",
        kind: "routine",
        category: "other",
        consequence: "other",
        description: "Rutinen följdes inte.",
        plan_id: planId,
        status: "submitted",
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    const snapshot = await makePartnership();
    await db
      .insertInto("summary_snapshots")
      .values({
        id: newId(),
        partnership_id: snapshot.id,
        period_key: "2016-VT",
        period_label: "VT 2016",
        meeting_name: "Styrgrupp",
        meeting_date: "2016-06-01",
        figures: "{}",
        created_by: reporter.id,
        created_at: nowIso(),
        released_at: null,
        released_by: null,
        retracted_at: null,
        retracted_by: null,
        retraction_reason: null,
      })
      .execute();
    const personId = (
      await db.selectFrom("plans").select("person_id").where("id", "=", planId).executeTakeFirstOrThrow()
    ).person_id;
    await db.updateTable("persons").set({ protected_plan_id: planId }).where("id", "=", personId).execute();
    await closeAndBackdate(planId, "2016-01-01T10:00:00.000Z");
    // Everything the plan holds is there before the purge.
    for (const table of ["meetings", "notifications", "plan_notes", "consents", "plan_history"] as const) {
      const rows = await db.selectFrom(table).select("plan_id").where("plan_id", "=", planId).execute();
      expect(rows.length, table).toBeGreaterThan(0);
    }
    const meetingIds = (await db.selectFrom("meetings").select("id").where("plan_id", "=", planId).execute()).map(
      (m) => m.id,
    );
    const consentIds = (await db.selectFrom("consents").select("id").where("plan_id", "=", planId).execute()).map(
      (c) => c.id,
    );
    const mailAbout = () =>
      db.selectFrom("outbox").select("id").where("text_body", "like", `%/meetings/${meetingIds[0]}%`).execute();
    expect((await mailAbout()).length).toBeGreaterThan(0);
    const snapshotsBefore = await db.selectFrom("summary_snapshots").selectAll().execute();

    const result = await runRetentionPurge(db, new Date("2026-06-01T12:00:00.000Z"));
    expect(result.plansPurged).toContain(planId);

    for (const ref of await referringColumns()) {
      const [table, column] = ref.split(".");
      if (table === "audit_events") continue;
      const value = column.endsWith("person_id") ? personId : planId;
      const rows = await db
        .selectFrom(table as "plans")
        .select(column as "id")
        .where(column as "id", "=", value)
        .execute();
      expect(rows, ref).toEqual([]);
    }
    expect(
      await db.selectFrom("meeting_invitees").select("id").where("meeting_id", "in", meetingIds).execute(),
    ).toEqual([]);
    expect(
      await db.selectFrom("consent_organisations").select("consent_id").where("consent_id", "in", consentIds).execute(),
    ).toEqual([]);
    expect(await mailAbout()).toEqual([]);
    const deviation = await db
      .selectFrom("deviations")
      .select(["plan_id", "description"])
      .where("id", "=", deviationId)
      .executeTakeFirst();
    expect(deviation).toEqual({ plan_id: null, description: "Rutinen följdes inte." });
    expect(await db.selectFrom("summary_snapshots").selectAll().execute()).toEqual(snapshotsBefore);
    const kept = await db.selectFrom("audit_events").select("action").where("plan_id", "=", planId).execute();
    expect(kept.map((e) => e.action)).toContain("plan.create");
    expect((await verifyAuditChain(db, { key: auditKey() })).ok).toBe(true);
  });
});
