import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { deviationSetup, okValue, reportCase, sampleReport } from "../../../test/deviations";
import { makeOrganisation, makeUser } from "../../../test/factories";
import { planSetup } from "../../../test/plans";
import {
  answer,
  askReporter,
  closeCase,
  contactInbox,
  coordinatorInbox,
  getCase,
  publish,
  reopen,
  routeToParties,
  triage,
} from "./deviations.server";

/** What the route would answer for reading the case: 200, or 404 when it is nothing to the user. */
async function status(promise: Promise<{ ok: boolean; error?: string }>) {
  const result = await promise;
  return result.ok ? 200 : result.error === "not_found" ? 404 : 400;
}

async function notificationsFor(userId: string) {
  return (
    await getDb()
      .selectFrom("notifications")
      .select("kind")
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .execute()
  ).map((n) => n.kind);
}

describe("the deviation workflow", () => {
  it("goes from report to closing note, telling each party in turn", async () => {
    const db = getDb();
    const { partnership, reporter, coordinator, party } = await deviationSetup();
    const id = await reportCase(reporter, sampleReport(partnership.id, [party.organisationId]));
    expect(await notificationsFor(coordinator.id)).toEqual(["deviation.submitted"]);
    await triage(db, coordinator, id, {
      kind: "between_parties",
      category: "information_transfer",
      consequence: "without_income",
      partyIds: [party.organisationId],
      summary: "Beslut nådde inte fram mellan parterna.",
    });
    await askReporter(db, coordinator, id, "Hur länge stod personen utan försörjning?");
    await routeToParties(db, coordinator, id, { organisationIds: [party.organisationId], answerBy: "2026-12-01" });
    expect(await notificationsFor(party.id)).toEqual(["deviation.routed"]);

    expect(okValue(await getCase(db, party, id)).views).toEqual(["contact"]);
    await answer(db, party, id, {
      organisationId: party.organisationId,
      body: "Vi inför en kontrollpunkt.",
    });
    let row = await db.selectFrom("deviations").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("answered");

    await closeCase(db, coordinator, id, {
      outcome: "improvement_agreed",
      note: "Parterna har enats om en ny rutin.",
    });
    row = await db.selectFrom("deviations").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("closed");
    expect(await notificationsFor(reporter.id)).toEqual([
      "deviation.in_review",
      "deviation.question",
      "deviation.routed_reporter",
      "deviation.answered",
      "deviation.closed",
    ]);

    const reporterView = okValue(await getCase(db, reporter, id));
    expect(reporterView.closingNote).toBe("Parterna har enats om en ny rutin.");
    expect(reporterView.answers.map((a) => a.body)).toEqual(["Vi inför en kontrollpunkt."]);

    await reopen(db, coordinator, id, "Ny information från parten");
    const reopened = okValue(await getCase(db, coordinator, id));
    expect(reopened.status).toBe("in_review");
    expect(reopened.events.map((e) => e.change)).toEqual([
      "reopen",
      "close",
      "answer",
      "route",
      "question",
      "triage",
      "submit",
    ]);
  });

  it("writes down on the case when it was reviewed, first answered and answered by every party", async () => {
    const db = getDb();
    const { partnership, reporter, coordinator, party } = await deviationSetup();
    const second = await makeOrganisation(db, { kind: "healthcare", partnershipIds: [partnership.id] });
    const id = await reportCase(reporter, sampleReport(partnership.id, [party.organisationId, second.id]));
    const facts = () =>
      db
        .selectFrom("deviations")
        .select(["reviewed_at", "first_answered_at", "answered_at"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    expect(await facts()).toEqual({ reviewed_at: null, first_answered_at: null, answered_at: null });
    await askReporter(db, coordinator, id, "När hände det?");
    const reviewed = (await facts()).reviewed_at;
    expect(reviewed).not.toBeNull();
    await triage(db, coordinator, id, {
      kind: "between_parties",
      category: "information_transfer",
      consequence: "without_income",
      partyIds: [party.organisationId, second.id],
      summary: "Beslut nådde inte fram.",
    });
    expect((await facts()).reviewed_at).toBe(reviewed);

    await routeToParties(db, coordinator, id, {
      organisationIds: [party.organisationId, second.id],
      answerBy: "2026-12-01",
    });
    await answer(db, coordinator, id, { organisationId: party.organisationId, body: "Första svaret" });
    const first = await facts();
    expect(first.first_answered_at).not.toBeNull();
    expect(first.answered_at).toBeNull();

    await answer(db, coordinator, id, { organisationId: second.id, body: "Andra svaret" });
    const both = await facts();
    expect(both.first_answered_at).toBe(first.first_answered_at);
    expect(both.answered_at! >= both.first_answered_at!).toBe(true);

    // A party routed afterwards has not answered: the case is no longer answered by every party.
    const third = await makeOrganisation(db, { kind: "adult_education", partnershipIds: [partnership.id] });
    await routeToParties(db, coordinator, id, { organisationIds: [third.id], answerBy: "2026-12-15" });
    expect(await facts()).toEqual({
      reviewed_at: reviewed,
      first_answered_at: first.first_answered_at,
      answered_at: null,
    });
  });

  it("refuses to publish a case before it is answered", async () => {
    const db = getDb();
    const { partnership, reporter, coordinator } = await deviationSetup();
    const id = await reportCase(reporter, sampleReport(partnership.id, []));
    expect(await publish(db, coordinator, id, true)).toMatchObject({ ok: false, error: "not_answered" });
  });

  it("refuses to publish a case routed to the parties while their answers are awaited", async () => {
    const db = getDb();
    const { partnership, reporter, coordinator, party } = await deviationSetup();
    const id = await reportCase(reporter, sampleReport(partnership.id, [party.organisationId]));
    await routeToParties(db, coordinator, id, { organisationIds: [party.organisationId], answerBy: "2026-12-15" });
    expect(await publish(db, coordinator, id, true)).toMatchObject({ ok: false, error: "not_answered" });
    await answer(db, coordinator, id, { organisationId: party.organisationId, body: "Svar" });
    expect(await publish(db, coordinator, id, true)).toMatchObject({ ok: true });
  });
});

describe("who sees a case", () => {
  it("hides the reporter from contacts and steering members", async () => {
    const db = getDb();
    const { partnership, reporter, coordinator, steering, party } = await deviationSetup();
    const id = await reportCase(reporter, sampleReport(partnership.id, [party.organisationId]));
    await routeToParties(db, coordinator, id, { organisationIds: [party.organisationId], answerBy: "2026-12-01" });
    await answer(db, coordinator, id, { organisationId: party.organisationId, body: "Svar" });
    await publish(db, coordinator, id, true);

    const forCoordinator = okValue(await getCase(db, coordinator, id));
    expect(forCoordinator.reporter?.email).toBe(reporter.email);
    for (const viewer of [party, steering]) {
      const view = okValue(await getCase(db, viewer, id));
      expect(view.reporter).toBeNull();
      expect(JSON.stringify(view)).not.toContain(reporter.email);
      expect(JSON.stringify(view)).not.toContain(reporter.id);
      expect(view.triedLocally).toBe("");
    }
  });

  it("keeps steering members out until the case is published", async () => {
    const db = getDb();
    const { partnership, reporter, steering } = await deviationSetup();
    const id = await reportCase(reporter, sampleReport(partnership.id, []));
    expect(await status(getCase(db, steering, id))).toBe(404);
  });

  it("isolates partnerships: another partnership's coordinator gets 404 and an empty inbox", async () => {
    const db = getDb();
    const a = await deviationSetup();
    const b = await deviationSetup();
    const id = await reportCase(a.reporter, sampleReport(a.partnership.id, []));
    expect(await status(getCase(db, b.coordinator, id))).toBe(404);
    expect((await coordinatorInbox(db, b.coordinator, b.partnership.id, {}, 1))!.total).toBe(0);
    expect(await coordinatorInbox(db, b.coordinator, a.partnership.id, {}, 1)).toBeNull();
    expect((await coordinatorInbox(db, a.coordinator, a.partnership.id, {}, 1))!.items.map((d) => d.id)).toEqual([id]);
  });

  it("lists open cases by default and counts the closed ones only when they are asked for", async () => {
    const db = getDb();
    const { partnership, reporter, coordinator } = await deviationSetup();
    const open = await reportCase(reporter, sampleReport(partnership.id, []));
    const closed = await reportCase(reporter, sampleReport(partnership.id, []));
    okValue(await closeCase(db, coordinator, closed, { outcome: "not_actionable", note: "Klart." }));

    const byDefault = (await coordinatorInbox(db, coordinator, partnership.id, {}, 1))!;
    expect(byDefault.items.map((d) => d.id)).toEqual([open]);
    expect(byDefault.total).toBe(1);
    expect(byDefault.counts).toEqual({ submitted: 1 });

    const onlyClosed = (await coordinatorInbox(db, coordinator, partnership.id, { status: "closed" }, 1))!;
    expect(onlyClosed.items.map((d) => d.id)).toEqual([closed]);
    expect(onlyClosed.counts).toEqual({ submitted: 1, closed: 1 });

    const everything = (await coordinatorInbox(db, coordinator, partnership.id, { status: "all" }, 1))!;
    expect(everything.items.map((d) => d.id).sort()).toEqual([open, closed].sort());
    expect(everything.total).toBe(2);
  });

  it("shows a contact only the cases routed to their organisation", async () => {
    const db = getDb();
    const { partnership, reporter, coordinator, party } = await deviationSetup();
    const routed = await reportCase(reporter, sampleReport(partnership.id, [party.organisationId]));
    const notRouted = await reportCase(reporter, sampleReport(partnership.id, [party.organisationId]));
    await routeToParties(db, coordinator, routed, {
      organisationIds: [party.organisationId],
      answerBy: "2026-12-01",
    });
    expect((await contactInbox(db, party, 1))!.items.map((d) => d.id)).toEqual([routed]);
    expect(await status(getCase(db, party, notRouted))).toBe(404);
  });

  it("shows a linked plan only to users who may see the plan", async () => {
    const db = getDb();
    const { lead, planId, partnership } = await planSetup();
    const coordinator = await makeUser(db, { roles: [{ role: "coordinator", partnershipId: partnership.id }] });
    const coord = { ...coordinator, grants: [{ role: "coordinator" as const, partnershipId: partnership.id }] };
    const id = await reportCase(lead, { ...sampleReport(partnership.id, []), planId });
    expect(okValue(await getCase(db, lead, id)).planId).toBe(planId);
    expect(okValue(await getCase(db, coord, id)).planId).toBeNull();
  });

  it("flags answers past their answer-by date", async () => {
    const db = getDb();
    const { partnership, reporter, coordinator, party } = await deviationSetup();
    const id = await reportCase(reporter, sampleReport(partnership.id, [party.organisationId]));
    await routeToParties(db, coordinator, id, {
      organisationIds: [party.organisationId],
      answerBy: "2026-01-01",
    });
    expect((await coordinatorInbox(db, coordinator, partnership.id, {}, 1, "2026-02-01"))!.items[0].overdue).toBe(true);
    expect((await contactInbox(db, party, 1, "2026-02-01"))!.items[0].overdue).toBe(true);
  });
});
