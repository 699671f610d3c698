import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { askReporter, replyAsReporter, routeToParties } from "~/features/deviations/triage.server";
import { currentUser, makeOrganisation, makeUser } from "../../../test/factories";
import { deviationSetup, reportCase, sampleReport } from "../../../test/deviations";
import { workQueues, type Queue } from "./queues.server";

const now = new Date("2030-12-09T08:00:00Z"); // Monday
const queueOf = (queues: Queue[], role: Queue["role"]) => queues.find((q) => q.role === role)!;

describe("the coordinator's work queue", () => {
  it("counts new cases, replies and answers overdue or due this week per party, overdue first", async () => {
    const s = await deviationSetup();
    const report = () => reportCase(s.reporter, sampleReport(s.partnership.id, [s.party.organisationId]));
    await report();
    await report();
    const asked = await report();
    await askReporter(getDb(), s.coordinator, asked, "Vilket datum skickades beslutet?");
    await replyAsReporter(getDb(), s.reporter, asked, "Den 3 oktober.");
    const overdue = await report();
    await routeToParties(getDb(), s.coordinator, overdue, {
      organisationIds: [s.party.organisationId],
      answerBy: "2030-12-05",
    });
    const dueSoon = await report();
    await routeToParties(getDb(), s.coordinator, dueSoon, {
      organisationIds: [s.party.organisationId],
      answerBy: "2030-12-12",
    });

    const queue = queueOf(await workQueues(getDb(), await currentUser(s.coordinator.id), now), "coordinator");
    expect(queue.items.map((i) => [i.key, i.count])).toEqual([
      ["answersOverdue", 1],
      ["newCases", 2],
      ["replies", 1],
      ["answersDueThisWeek", 1],
      ["readyToFreeze", 1],
    ]);
    expect(queue.items[0]).toMatchObject({ urgent: true, values: { organisation: s.party.org.name } });
    expect(queue.items[1].href).toBe(`/deviations?partnershipId=${s.partnership.id}&status=submitted`);
    // Counts and case numbers only: no case text, no reporter.
    expect(JSON.stringify(queue)).not.toContain("Beslutet");
    expect(JSON.stringify(queue)).not.toContain(s.reporter.email);
  });
});

describe("the contact's work queue", () => {
  it("lists the cases to answer by answer-by date, overdue first, and only its own organisation's", async () => {
    const s = await deviationSetup();
    const later = await reportCase(s.reporter, sampleReport(s.partnership.id, [s.party.organisationId]));
    const earlier = await reportCase(s.reporter, sampleReport(s.partnership.id, [s.party.organisationId]));
    await routeToParties(getDb(), s.coordinator, later, {
      organisationIds: [s.party.organisationId],
      answerBy: "2030-12-20",
    });
    await routeToParties(getDb(), s.coordinator, earlier, {
      organisationIds: [s.party.organisationId],
      answerBy: "2030-12-02",
    });
    const queue = queueOf(await workQueues(getDb(), await currentUser(s.party.id), now), "contact");
    expect(queue.items.map((i) => [i.key, i.href])).toEqual([
      ["caseOverdue", `/deviations/${earlier}`],
      ["caseToAnswer", `/deviations/${later}`],
    ]);

    const otherOrg = await makeOrganisation(getDb(), { kind: "healthcare", partnershipIds: [s.partnership.id] });
    const otherContact = await makeUser(getDb(), { organisationId: otherOrg.id, roles: [{ role: "contact" }] });
    const empty = queueOf(await workQueues(getDb(), await currentUser(otherContact.id), now), "contact");
    expect(empty.items).toEqual([]);
  });
});

describe("the steering member's work queue", () => {
  it("shows what was published since the previous visit, and keeps it on a reload", async () => {
    const s = await deviationSetup();
    const id = await reportCase(s.reporter, sampleReport(s.partnership.id, [s.party.organisationId]));
    const steering = await currentUser(s.steering.id);
    await workQueues(getDb(), steering, new Date("2030-12-01T08:00:00Z"));
    await getDb()
      .updateTable("deviations")
      .set({ published_at: "2030-12-05T10:00:00.000Z", agenda_date: "2030-12-16" })
      .where("id", "=", id)
      .execute();
    const first = queueOf(await workQueues(getDb(), steering, now), "steering");
    expect(first.items.map((i) => [i.key, i.count])).toEqual([
      ["casesPublished", 1],
      ["nextMeeting", 1],
    ]);
    const reload = queueOf(await workQueues(getDb(), steering, new Date(now.getTime() + 60_000)), "steering");
    expect(reload.items).toEqual(first.items);
    const nextWeek = queueOf(await workQueues(getDb(), steering, new Date("2030-12-10T08:00:00Z")), "steering");
    expect(nextWeek.items.map((i) => i.key)).toEqual(["nextMeeting"]);
  });
});

describe("the admin's work queue", () => {
  it("counts users without a role and mail that failed", async () => {
    const s = await deviationSetup();
    const admin = await makeUser(getDb(), { organisationId: s.party.organisationId, roles: [{ role: "admin" }] });
    await makeUser(getDb(), { organisationId: s.party.organisationId, roles: [] });
    await getDb()
      .insertInto("outbox")
      .values({
        id: "failed-1",
        to_address: "x@example.se",
        subject: "s",
        text_body: "t",
        ics: null,
        ics_method: null,
        delivery: "smtp_failed",
        created_at: now.toISOString(),
      })
      .execute();
    const queue = queueOf(await workQueues(getDb(), await currentUser(admin.id), now), "admin");
    expect(queue.items.map((i) => i.key)).toEqual(["mailFailed", "usersWithoutRole"]);
    expect(queue.items.every((i) => i.count >= 1)).toBe(true);
  });
});
