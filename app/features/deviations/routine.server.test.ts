// Routine deviations ("Egen rutin följdes inte") go to the managers of the organisation whose
// routine was not followed, never to the partnership's coordinator (issue 17, item 1).
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { deviationSetup, okValue, reportCase, sampleReport } from "../../../test/deviations";
import { makeUser } from "../../../test/factories";
import {
  askReporter,
  casePage,
  closeCase,
  coordinatorInbox,
  exportDeviations,
  getCase,
  managerInbox,
  myReports,
  publish,
  reopen,
  replyAsReporter,
  routeToParties,
  setAgenda,
  triage,
} from "./deviations.server";

async function notificationsFor(userId: string) {
  const rows = await getDb().selectFrom("notifications").select("kind").where("user_id", "=", userId).execute();
  return rows.map((n) => n.kind);
}

/** The deviation setup plus a manager in the reporter's organisation and one in the party's. */
async function routineSetup() {
  const setup = await deviationSetup();
  const manager = async (organisationId: string) => {
    const user = await makeUser(getDb(), { organisationId, roles: [{ role: "manager" }] });
    return { ...user, grants: [{ role: "manager" as const, partnershipId: null }] };
  };
  return {
    ...setup,
    ownManager: await manager(setup.reporter.organisationId),
    otherManager: await manager(setup.party.organisationId),
  };
}

const routineReport = (partnershipId: string, partyIds: string[], routineOrganisationId?: string) => ({
  ...sampleReport(partnershipId, partyIds),
  kind: "routine" as const,
  routineOrganisationId,
  description: "GIP erbjöds inte trots att tre parter hade insatser.",
});

describe("a routine deviation", () => {
  it("goes to the reporter's own managers, who see the reporter, handle it and close it; the coordinator never sees it", async () => {
    const db = getDb();
    const { partnership, reporter, coordinator, party, ownManager, otherManager } = await routineSetup();
    const id = await reportCase(reporter, routineReport(partnership.id, [party.organisationId]));

    expect(await notificationsFor(ownManager.id)).toEqual(["deviation.submitted"]);
    expect(await notificationsFor(coordinator.id)).toEqual([]);
    expect(await notificationsFor(otherManager.id)).toEqual([]);

    // The coordinator: 404 on the case, nothing in the inbox or the export.
    expect((await getCase(db, coordinator, id)).ok).toBe(false);
    expect((await casePage(db, coordinator, id)).ok).toBe(false);
    expect((await coordinatorInbox(db, coordinator, partnership.id, {}, 1))!.items.map((i) => i.id)).not.toContain(id);
    expect(okValue(await exportDeviations(db, coordinator, partnership.id, {}))).toEqual([]);
    expect((await triage(db, coordinator, id, { ...triageInput, partyIds: [] })).ok).toBe(false);
    // A manager of another organisation is nobody to this case.
    expect((await getCase(db, otherManager, id)).ok).toBe(false);

    const seen = okValue(await getCase(db, ownManager, id));
    expect(seen.views).toEqual(["manager"]);
    expect(seen.reporter?.name).toBeTruthy();
    expect(seen.description).toContain("GIP erbjöds inte");
    expect((await managerInbox(db, ownManager, 1))!.items.map((i) => i.id)).toEqual([id]);
    expect(await managerInbox(db, reporter, 1)).toBeNull();

    okValue(await triage(db, ownManager, id, { ...triageInput, kind: "between_parties", partyIds: [] }));
    const triaged = await db
      .selectFrom("deviations")
      .select(["kind", "status"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    // A manager cannot turn it into a Lex Heller case, nor drop the parties the reporter named.
    expect(triaged).toEqual({ kind: "routine", status: "in_review" });
    expect(okValue(await getCase(db, ownManager, id)).parties.map((p) => p.id)).toEqual([party.organisationId]);

    okValue(await askReporter(db, ownManager, id, "Vilken rutin gällde?"));
    okValue(await replyAsReporter(db, reporter, id, "GIP-rutinen från 2022."));
    expect(await notificationsFor(ownManager.id)).toContain("deviation.reply");

    // What belongs to the partnership is not the manager's to do.
    const routed = await routeToParties(db, ownManager, id, {
      organisationIds: [party.organisationId],
      answerBy: "2026-12-01",
    });
    expect(routed.ok ? "ok" : routed.error).toBe("not_found");
    expect((await setAgenda(db, ownManager, id, "2026-12-01")).ok).toBe(false);
    expect((await publish(db, ownManager, id, true)).ok).toBe(false);

    okValue(
      await closeCase(db, ownManager, id, { outcome: "resolved_locally", note: "Rutinen är genomgången i gruppen." }),
    );
    const mine = await myReports(db, reporter, 1);
    expect(mine.items.find((i) => i.id === id)?.closingOutcome).toBe("resolved_locally");
    expect(okValue(await getCase(db, reporter, id)).closingNote).toBe("Rutinen är genomgången i gruppen.");
    expect(await notificationsFor(reporter.id)).toContain("deviation.closed");
    expect((await getCase(db, coordinator, id)).ok).toBe(false);

    okValue(await reopen(db, ownManager, id, "Ny uppgift från gruppen"));
  });

  it("about another organisation's routine goes to that organisation's managers, who never see the reporter", async () => {
    const db = getDb();
    const { partnership, reporter, party, ownManager, otherManager } = await routineSetup();
    const id = await reportCase(reporter, routineReport(partnership.id, [], party.organisationId));
    expect(await notificationsFor(otherManager.id)).toEqual(["deviation.submitted"]);
    expect((await getCase(db, ownManager, id)).ok).toBe(false);
    const seen = okValue(await getCase(db, otherManager, id));
    expect(seen.views).toEqual(["manager"]);
    expect(seen.reporter).toBeNull();
    expect(JSON.stringify(seen)).not.toContain(reporter.email);
  });

  it("falls back to the reporter's own organisation when the chosen one is outside the partnership", async () => {
    const db = getDb();
    const { partnership, reporter, ownManager } = await routineSetup();
    const outsider = await makeUser(db);
    const id = await reportCase(reporter, routineReport(partnership.id, [], outsider.organisationId));
    expect(okValue(await getCase(db, ownManager, id)).views).toEqual(["manager"]);
  });

  it("reported before the change stays with the coordinator who has it", async () => {
    const db = getDb();
    const { partnership, reporter, coordinator, ownManager } = await routineSetup();
    const id = await reportCase(reporter, routineReport(partnership.id, []));
    // As migration 0017 leaves every case that existed before it.
    await db.updateTable("deviations").set({ handler: "coordinator" }).where("id", "=", id).execute();
    expect(okValue(await getCase(db, coordinator, id)).views).toEqual(["coordinator"]);
    expect((await getCase(db, ownManager, id)).ok).toBe(false);
    expect((await coordinatorInbox(db, coordinator, partnership.id, {}, 1))!.items.map((i) => i.id)).toContain(id);
  });

  it("a between-parties case never reaches a manager", async () => {
    const db = getDb();
    const { partnership, reporter, coordinator, ownManager } = await routineSetup();
    const id = await reportCase(reporter, sampleReport(partnership.id, []));
    expect(await notificationsFor(coordinator.id)).toEqual(["deviation.submitted"]);
    expect((await getCase(db, ownManager, id)).ok).toBe(false);
    expect((await managerInbox(db, ownManager, 1))!.items).toEqual([]);
  });
});

const triageInput = {
  kind: "routine" as const,
  category: "responsibility" as const,
  consequence: "delayed_measure" as const,
  summary: "GIP erbjöds inte.",
};
