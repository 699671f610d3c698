// Every figure of a summary against a small fixture computed by hand.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { newId } from "#db/portable";
import { currentUser, makeOrganisation, makePartnership, makeUser } from "../../../test/factories";
import { syncAnswerFacts } from "../deviations/deviations.server";
import { joinTeam } from "../plans/team.server";
import { term } from "./periods";
import { readSnapshot } from "./snapshot-queries.server";
import { freezeSummary } from "./snapshots.server";
import { computeSummary } from "./summaries.server";

const HT = term(2026, "HT");

async function fixture() {
  const db = getDb();
  const partnership = await makePartnership();
  await db.updateTable("partnerships").set({ suppression_k: 2 }).where("id", "=", partnership.id).execute();
  const soc = await makeOrganisation(db, { kind: "social_services", partnershipIds: [partnership.id] });
  const af = await makeOrganisation(db, { kind: "employment_service", partnershipIds: [partnership.id] });
  const outsider = await makeOrganisation(db, { kind: "healthcare" });
  const user = await makeUser(db, { organisationId: soc.id });
  const afUser = await makeUser(db, { organisationId: af.id });
  const otherUser = await makeUser(db, { organisationId: outsider.id });
  let number = 0;

  const deviation = async (d: {
    event: string;
    category: "capacity" | "waiting_time" | "rules_and_law";
    kind?: "between_parties" | "routine";
    parties: string[];
    created: string;
    routed?: string;
    answers?: (string | null)[];
    answerBy?: string;
    closed?: string;
    outcome?: "improvement_agreed" | "resolved_locally" | "escalated";
    escalation?: "national";
    reviewed?: string;
    partnershipId?: string;
  }) => {
    const id = newId();
    await db
      .insertInto("deviations")
      .values({
        id,
        partnership_id: d.partnershipId ?? partnership.id,
        number: ++number,
        event_date: d.event,
        reporter_id: user.id,
        reporter_organisation_id: soc.id,
        reporter_role: "caseworker",
        kind: d.kind ?? "between_parties",
        category: d.category,
        consequence: "delayed_measure",
        description: "x",
        status: d.closed ? "closed" : d.routed ? "awaiting_response" : "submitted",
        summary: `Sammanfattning ${number}`,
        answer_by: d.answerBy ?? null,
        routed_at: d.routed ?? null,
        closing_outcome: d.outcome ?? null,
        escalation_level: d.escalation ?? null,
        closed_at: d.closed ?? null,
        reviewed_at: d.reviewed ?? null,
        created_at: d.created,
        updated_at: d.created,
      })
      .execute();
    for (const [i, org] of d.parties.entries()) {
      const keys = { partnership_id: d.partnershipId ?? partnership.id, event_date: d.event };
      await db
        .insertInto("deviation_parties")
        .values({ deviation_id: id, organisation_id: org, ...keys })
        .execute();
      if (d.routed) {
        await db
          .insertInto("deviation_routes")
          .values({
            deviation_id: id,
            organisation_id: org,
            ...keys,
            routed_at: d.routed,
            answer_by: d.answerBy!,
            answered_at: d.answers?.[i] ?? null,
          })
          .execute();
      }
    }
    await syncAnswerFacts(db, id);
    if (d.reviewed)
      await db
        .insertInto("deviation_events")
        .values({
          id: newId(),
          deviation_id: id,
          user_id: user.id,
          occurred_at: d.reviewed,
          change: "triage",
          details: null,
        })
        .execute();
  };

  // Four cases in HT 2026, one in VT 2026, two in HT 2025, one in another partnership.
  await deviation({
    event: "2026-07-10",
    category: "capacity",
    parties: [af.id],
    created: "2026-07-11T08:00:00.000Z",
    reviewed: "2026-07-12T08:00:00.000Z",
    routed: "2026-07-13T08:00:00.000Z",
    answerBy: "2026-08-12",
    answers: ["2026-07-21T08:00:00.000Z"],
    closed: "2026-08-10T08:00:00.000Z",
    outcome: "improvement_agreed",
  });
  await deviation({
    event: "2026-09-01",
    category: "capacity",
    parties: [af.id, soc.id],
    created: "2026-09-02T08:00:00.000Z",
    reviewed: "2026-09-03T08:00:00.000Z",
    routed: "2026-09-04T08:00:00.000Z",
    answerBy: "2026-10-04",
    answers: ["2026-10-10T08:00:00.000Z", "2026-09-10T08:00:00.000Z"],
  });
  await deviation({
    event: "2026-11-01",
    category: "waiting_time",
    kind: "routine",
    parties: [soc.id],
    created: "2026-11-02T08:00:00.000Z",
    reviewed: "2026-11-03T08:00:00.000Z",
    routed: "2026-11-04T08:00:00.000Z",
    answerBy: "2026-12-04",
    answers: [null],
    closed: "2026-12-01T08:00:00.000Z",
    outcome: "escalated",
    escalation: "national",
  });
  await deviation({ event: "2026-12-31", category: "rules_and_law", parties: [], created: "2026-12-31T22:30:00.000Z" });
  await deviation({ event: "2026-06-30", category: "capacity", parties: [], created: "2026-06-30T10:00:00.000Z" });
  await deviation({ event: "2025-08-01", category: "capacity", parties: [], created: "2025-08-01T10:00:00.000Z" });
  await deviation({ event: "2025-12-01", category: "capacity", parties: [], created: "2025-12-01T10:00:00.000Z" });
  const other = await makePartnership();
  await deviation({
    event: "2026-08-01",
    category: "capacity",
    parties: [],
    created: "2026-08-01T10:00:00.000Z",
    partnershipId: other.id,
  });

  // Plans led by the partnership's organisations (and one led by an outsider, not counted).
  const plan = async (p: {
    lead: string;
    leadUser: string;
    kind: "SIP" | "GIP";
    created: string;
    activated?: string;
    closed?: string;
    outcome?: "work" | "studies" | "moved";
    team?: string[];
    followUps?: [string, string][];
  }) => {
    const personId = newId();
    const id = newId();
    await db
      .insertInto("persons")
      .values({
        id: personId,
        identity_number: `19${id.slice(0, 10)}`,
        created_at: p.created,
        updated_at: p.created,
      })
      .execute();
    await db
      .insertInto("plans")
      .values({
        id,
        kind: p.kind,
        person_id: personId,
        status: p.closed ? "closed" : p.activated ? "active" : "draft",
        lead_organisation_id: p.lead,
        lead_user_id: p.leadUser,
        created_by: p.leadUser,
        created_at: p.created,
        updated_at: p.created,
        activated_at: p.activated ?? null,
        closed_at: p.closed ?? null,
        outcome: p.outcome ?? null,
      })
      .execute();
    for (const member of new Set([p.leadUser, ...(p.team ?? [])])) await joinTeam(db, id, member, p.created);
    for (const [held, due] of p.followUps ?? []) {
      await db
        .insertInto("plan_follow_ups")
        .values({
          id: newId(),
          plan_id: id,
          lead_organisation_id: p.lead,
          held_on: held,
          due_on: due,
          reviewed: "x",
          next_date: "2027-06-01",
          recorded_by: p.leadUser,
          created_at: `${held}T08:00:00.000Z`,
        })
        .execute();
    }
  };
  await plan({
    lead: soc.id,
    leadUser: user.id,
    kind: "GIP",
    created: "2026-07-05T08:00:00.000Z",
    activated: "2026-07-10T08:00:00.000Z",
    team: [afUser.id],
    followUps: [
      ["2026-10-01", "2026-10-05"],
      ["2026-12-20", "2026-12-10"],
    ],
  });
  await plan({
    lead: soc.id,
    leadUser: user.id,
    kind: "SIP",
    created: "2026-08-05T08:00:00.000Z",
    activated: "2026-08-06T08:00:00.000Z",
    closed: "2026-11-01T08:00:00.000Z",
    outcome: "work",
  });
  await plan({
    lead: af.id,
    leadUser: afUser.id,
    kind: "GIP",
    created: "2024-01-10T08:00:00.000Z",
    activated: "2024-01-15T08:00:00.000Z",
    team: [user.id],
  });
  await plan({
    lead: af.id,
    leadUser: afUser.id,
    kind: "GIP",
    created: "2025-03-01T08:00:00.000Z",
    activated: "2025-03-02T08:00:00.000Z",
    closed: "2026-09-01T08:00:00.000Z",
    outcome: "moved",
  });
  await plan({
    lead: outsider.id,
    leadUser: otherUser.id,
    kind: "SIP",
    created: "2026-09-01T08:00:00.000Z",
    activated: "2026-09-02T08:00:00.000Z",
  });

  // Two meetings held on a partnership plan: summoned 10 and 20 days ahead.
  const planId = (
    await db
      .selectFrom("plans")
      .select("id")
      .where("lead_organisation_id", "=", soc.id)
      .orderBy("created_at")
      .executeTakeFirstOrThrow()
  ).id;
  const meeting = async (
    sent: string,
    starts: string,
    attended: [string, "social_services" | "employment_service", boolean][],
  ) => {
    const id = newId();
    await db
      .insertInto("meetings")
      .values({
        id,
        plan_id: planId,
        organiser_id: user.id,
        starts_at: starts,
        duration_minutes: 60,
        purpose: "Uppföljning",
        agenda: "",
        status: "held",
        sequence: 0,
        summons_sent_at: sent,
        held_at: starts,
        created_at: sent,
        updated_at: starts,
      })
      .execute();
    for (const [userId, kind, came] of attended) {
      await db
        .insertInto("meeting_invitees")
        .values({
          id: newId(),
          meeting_id: id,
          party: "staff",
          kind: "summons",
          user_id: userId,
          organisation_id: kind === "social_services" ? soc.id : af.id,
          organisation_kind: kind,
          response: "accepted",
          attended: came ? 1 : 0,
          created_at: sent,
        })
        .execute();
    }
  };
  await meeting("2026-09-01T08:00:00.000Z", "2026-09-11T08:00:00.000Z", [
    [afUser.id, "employment_service", true],
    [user.id, "social_services", false],
  ]);
  await meeting("2026-10-01T08:00:00.000Z", "2026-10-21T08:00:00.000Z", [
    [afUser.id, "employment_service", true],
    [user.id, "social_services", true],
  ]);
  return { partnership, soc, af, user };
}

describe("a period summary", () => {
  it("computes every figure as counted by hand (k = 2)", async () => {
    const { partnership, soc, af } = await fixture();
    const f = await computeSummary(getDb(), partnership.id, HT);
    const d = f.deviations;
    // VT 2026 has one case: below k, hidden.
    expect([d.count, d.previousCount, d.lastYearCount]).toEqual([4, null, 2]);
    expect(Object.fromEntries(d.byCategory.rows.map((r) => [r.key, r.n]))).toMatchObject({
      capacity: 2,
      waiting_time: null,
      rules_and_law: null,
      other: 0,
    });
    expect(d.byCategory.total).toBe(4);
    expect(d.byParty.rows.find((r) => r.key === af.id)?.n).toBe(2);
    expect(d.byParty.rows.find((r) => r.key === soc.id)?.n).toBe(2);
    // 3 and 1: hiding the 1 alone would be undone by the total, so the 3 is masked too.
    expect(Object.fromEntries(d.byKind.rows.map((r) => [r.key, r.n]))).toEqual({
      between_parties: "masked",
      routine: null,
    });
    expect(d.byKind.total).toBe(4);
    // At 31 Dec: one closed 10 Aug, one closed 1 Dec, one answered by both parties, one just submitted.
    expect(Object.fromEntries(d.statusAtEnd.rows.map((r) => [r.key, r.n]))).toMatchObject({
      closed: 2,
      answered: null,
      submitted: null,
      in_review: 0,
      awaiting_response: 0,
    });
    // First answers after 10, 8 days (case 3 never answered); closing after 30 and 29 days.
    expect(d.medianDaysToFirstAnswer).toBe(9);
    expect(d.medianDaysToClose).toBe(29.5);
    // Routes due or answered: 21 Jul ≤ 12 Aug (in time), 10 Oct > 4 Oct (late), 10 Sep ≤ 4 Oct (in time), unanswered due 4 Dec (late).
    expect(d.shareAnsweredInTime).toBe(0.5);
    expect(Object.fromEntries(d.escalations.rows.map((r) => [r.key, r.n]))).toMatchObject({ national: null });
    // Only one improvement agreed: fewer than k, so none are listed.
    expect(d.improvements).toEqual([]);

    const p = f.plans;
    expect([p.created, p.activeAtEnd, p.closed]).toEqual([2, 2, 2]);
    expect(Object.fromEntries(p.byKind.rows.map((r) => [r.key, r.n]))).toEqual({ SIP: null, GIP: null });
    expect(Object.fromEntries(p.organisationKinds.rows.map((r) => [r.key, r.n]))).toMatchObject({
      social_services: 3,
      employment_service: 3,
    });
    expect([p.followUpsDone, p.followUpsOnTime, p.shareFollowUpsOnTime]).toEqual([2, null, null]);
    expect(Object.fromEntries(p.closedByOutcome.rows.map((r) => [r.key, r.n]))).toMatchObject({
      work: null,
      moved: null,
    });
    expect(p.shareWorkOrStudies).toBeNull();
    // Active since January 2024: more than 24 months at 31 Dec 2026.
    expect(p.activeOver24Months).toBe(null);
    const m = f.meetings;
    expect(m.held).toBe(2);
    expect(m.medianDaysSummonsToMeeting).toBe(15);
    expect(Object.fromEntries(m.summonedByKind.rows.map((r) => [r.key, r.n]))).toMatchObject({
      social_services: 2,
      employment_service: 2,
    });
    // Social services attended once: hidden, and Arbetsförmedlingen's 2 masked so the total of 3 does not give it away.
    expect(Object.fromEntries(m.attendedByKind.rows.map((r) => [r.key, r.n]))).toMatchObject({
      social_services: null,
      employment_service: "masked",
    });
    expect(m.attendedByKind.total).toBe(3);
    // 3 of 4: the one who did not come is a small number, so no share.
    expect(m.shareSummonedAttended).toBeNull();
    expect(f.trend.map((t) => t.key)).toEqual(["VT2024", "HT2024", "VT2025", "HT2025", "VT2026", "HT2026"]);
    expect(f.trend.map((t) => t.deviations)).toEqual([0, 0, 0, 2, null, 4]);
  });

  it("shows small numbers as hidden with the partnership's own k", async () => {
    const { partnership } = await fixture();
    await getDb().updateTable("partnerships").set({ suppression_k: 5 }).where("id", "=", partnership.id).execute();
    const f = await computeSummary(getDb(), partnership.id, HT);
    expect(f.k).toBe(5);
    expect(f.deviations.count).toBeNull();
    expect(f.deviations.medianDaysToFirstAnswer).toBeNull();
  });

  it("never changes once frozen, whatever happens to the data afterwards", async () => {
    const db = getDb();
    const { partnership, soc } = await fixture();
    const coordinator = await currentUser(
      (await makeUser(db, { organisationId: soc.id, roles: [{ role: "coordinator", partnershipId: partnership.id }] }))
        .id,
    );
    const now = new Date("2027-01-20T08:00:00.000Z");
    const figures = await computeSummary(db, partnership.id, HT, now);
    const frozen = await freezeSummary(
      db,
      coordinator,
      { partnershipId: partnership.id, period: HT, meetingName: "Styrgruppen", meetingDate: "2027-02-10" },
      now,
    );
    if (!frozen.ok) throw new Error(frozen.error);
    const id = frozen.value.id;
    await db.deleteFrom("deviation_parties").execute();
    await db
      .updateTable("deviations")
      .set({ category: "other" })
      .where("partnership_id", "=", partnership.id)
      .execute();
    const stored = await readSnapshot(db, coordinator, id);
    // Freezing adds the improvement register as it stood; every computed figure is kept as computed.
    expect(stored.ok && stored.value.snapshot.figures).toEqual({
      ...JSON.parse(JSON.stringify(figures)),
      improvementRegister: expect.any(Object),
    });
    const live = await computeSummary(db, partnership.id, HT);
    expect(live.deviations.byCategory).not.toEqual(figures.deviations.byCategory);
  });
});
