// An installation upgraded to 0008 gets the summary's copied and derived columns filled in from
// the data it already has, not left empty.
import { describe, expect, it } from "vitest";
import { newId } from "../portable";
import { createDb } from "../client.server";
import { Migrator } from "kysely";
import { migrateToLatest } from "../migrate";
import { migrations } from "./index";
import { makeOrganisation, makePartnership, makeUser } from "../../test/factories";

describe("migration 0008", () => {
  it("fills in the team kinds of existing plans and the answer facts of existing cases", async () => {
    const db = createDb("file::memory:");
    // The schema as it was just before 0008, whatever migrations come after it.
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      allowUnorderedMigrations: true,
    });
    await migrator.migrateTo("0007_summaries");

    const partnership = await makePartnership(db);
    const soc = await makeOrganisation(db, { kind: "social_services", partnershipIds: [partnership.id] });
    const af = await makeOrganisation(db, { kind: "employment_service", partnershipIds: [partnership.id] });
    const lead = await makeUser(db, { organisationId: soc.id });
    const member = await makeUser(db, { organisationId: af.id });
    const at = "2026-03-01T08:00:00.000Z";
    const personId = newId();
    const planId = newId();
    await db
      .insertInto("persons" as never)
      .values({ id: personId, identity_number: "199001011234", name: "Fixtur", created_at: at, updated_at: at })
      .execute();
    await db
      .insertInto("plans" as never)
      .values({
        id: planId,
        kind: "GIP",
        person_id: personId,
        status: "active",
        lead_organisation_id: soc.id,
        lead_user_id: lead.id,
        created_by: lead.id,
        created_at: at,
        updated_at: at,
        activated_at: at,
      } as never)
      .execute();
    for (const userId of [lead.id, member.id])
      await db.insertInto("plan_team").values({ plan_id: planId, user_id: userId, added_at: at }).execute();
    await db
      .insertInto("plan_follow_ups" as never)
      .values({
        id: newId(),
        plan_id: planId,
        held_on: "2026-03-05",
        due_on: "2026-03-01",
        reviewed: "x",
        next_date: "2026-06-01",
        recorded_by: lead.id,
        created_at: at,
      } as never)
      .execute();

    let number = 0;
    const deviation = async (answers: (string | null)[]) => {
      const id = newId();
      await db
        .insertInto("deviations" as never)
        .values({
          id,
          partnership_id: partnership.id,
          number: ++number,
          event_date: "2026-03-01",
          reporter_id: lead.id,
          reporter_organisation_id: soc.id,
          reporter_role: "caseworker",
          kind: "routine",
          category: "capacity",
          consequence: "other",
          description: "x",
          status: "awaiting_response",
          created_at: at,
          updated_at: at,
        } as never)
        .execute();
      for (const [i, answeredAt] of answers.entries()) {
        const organisationId = [soc.id, af.id][i];
        await db
          .insertInto("deviation_parties" as never)
          .values({ deviation_id: id, organisation_id: organisationId } as never)
          .execute();
        await db
          .insertInto("deviation_routes" as never)
          .values({
            deviation_id: id,
            organisation_id: organisationId,
            routed_at: at,
            answer_by: "2026-04-01",
            answered_at: answeredAt,
          } as never)
          .execute();
      }
      await db
        .insertInto("deviation_events")
        .values({
          id: newId(),
          deviation_id: id,
          user_id: lead.id,
          occurred_at: "2026-03-02T08:00:00.000Z",
          change: "triage",
          details: null,
        })
        .execute();
      return id;
    };
    const partly = await deviation(["2026-03-10T08:00:00.000Z", null]);
    const fully = await deviation(["2026-03-12T08:00:00.000Z", "2026-03-20T08:00:00.000Z"]);

    await migrateToLatest(db);
    const plan = await db
      .selectFrom("plans")
      .select("team_organisation_kinds")
      .where("id", "=", planId)
      .executeTakeFirstOrThrow();
    expect(plan.team_organisation_kinds).toBe("employment_service social_services");
    const facts = async (id: string) =>
      db
        .selectFrom("deviations")
        .select(["reviewed_at", "first_answered_at", "answered_at"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    expect(await facts(partly)).toEqual({
      reviewed_at: "2026-03-02T08:00:00.000Z",
      first_answered_at: "2026-03-10T08:00:00.000Z",
      answered_at: null,
    });
    expect(await db.selectFrom("plan_follow_ups").select("lead_organisation_id").execute()).toEqual([
      { lead_organisation_id: soc.id },
    ]);
    for (const table of ["deviation_parties", "deviation_routes"] as const) {
      const keys = await db.selectFrom(table).select(["partnership_id", "event_date"]).distinct().execute();
      expect(keys).toEqual([{ partnership_id: partnership.id, event_date: "2026-03-01" }]);
    }
    expect(await facts(fully)).toEqual({
      reviewed_at: "2026-03-02T08:00:00.000Z",
      first_answered_at: "2026-03-12T08:00:00.000Z",
      answered_at: "2026-03-20T08:00:00.000Z",
    });
    await db.destroy();
  });
});
