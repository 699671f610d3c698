import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { createPlan } from "~/features/plans/plans.server";
import { currentUser, makeOrganisation, makePartnership, makeUser } from "../../../test/factories";
import { caseworkerIn, testIdentityNumber } from "../../../test/plans";
import { audit } from "./audit.server";
import { logReviewPage, NO_FILTER, swedishDayStart } from "./log-review.server";

async function auditorAndColleague() {
  const db = getDb();
  const partnership = await makePartnership();
  const org = await makeOrganisation(db, { partnershipIds: [partnership.id] });
  const auditor = await currentUser((await makeUser(db, { organisationId: org.id, roles: [{ role: "auditor" }] })).id);
  const colleague = await currentUser((await makeUser(db, { organisationId: org.id })).id);
  return { partnership, org, auditor, colleague };
}

async function plan(user: Parameters<typeof createPlan>[1], identityNumber: string): Promise<string> {
  const created = await createPlan(getDb(), user, {
    kind: "GIP",
    person: { identityNumber, name: "Logg Person", protectedIdentity: false },
  });
  if (!created.ok) throw new Error("createPlan refused");
  return created.value;
}

describe("log review", () => {
  it("resolves an identity number only through the auditor's own organisation's log", async () => {
    const db = getDb();
    const { partnership, auditor, colleague } = await auditorAndColleague();
    const elsewhere = await caseworkerIn("employment_service", partnership.id);
    const shared = testIdentityNumber();
    const onlyElsewhere = testIdentityNumber();
    const ownPlan = await plan(colleague, shared);
    await plan(elsewhere, shared);
    await plan(elsewhere, onlyElsewhere);

    const own = await logReviewPage(db, auditor, { filter: { ...NO_FILTER, identityNumber: shared } });
    if (!own.ok) throw new Error("refused");
    expect(own.value.unknownPerson).toBe(false);
    // Only the own organisation's events about the person, never the other organisation's.
    expect(own.value.events.total).toBeGreaterThan(0);
    const { person_id: personId } = await db
      .selectFrom("plans")
      .select("person_id")
      .where("id", "=", ownPlan)
      .executeTakeFirstOrThrow();
    // The review itself is one of them: looking someone up is recorded in the organisation's log.
    const ownEvents = await db
      .selectFrom("audit_events")
      .select("seq")
      .where("person_id", "=", personId)
      .where("organisation_id", "=", colleague.organisationId)
      .orderBy("seq", "desc")
      .execute();
    expect(own.value.events.items.map((e) => e.seq)).toEqual(ownEvents.map((e) => e.seq));
    expect(ownEvents.length).toBeGreaterThan(1);

    const other = await logReviewPage(db, auditor, { filter: { ...NO_FILTER, identityNumber: onlyElsewhere } });
    const nowhere = await logReviewPage(db, auditor, {
      filter: { ...NO_FILTER, identityNumber: testIdentityNumber() },
    });
    if (!other.ok || !nowhere.ok) throw new Error("refused");
    expect(other.value.unknownPerson).toBe(true);
    expect({ ...other.value, filter: null }).toEqual({ ...nowhere.value, filter: null });
  });

  it("shows the organisation's own events only, in words", async () => {
    const db = getDb();
    const { partnership, auditor, colleague } = await auditorAndColleague();
    const elsewhere = await caseworkerIn("employment_service", partnership.id);
    await audit(db, {
      actor: { userId: colleague.id, organisationId: colleague.organisationId },
      action: "login.succeeded",
      recordType: "session",
    });
    await audit(db, {
      actor: { userId: elsewhere.id, organisationId: elsewhere.organisationId },
      action: "login.succeeded",
      recordType: "session",
    });
    const review = await logReviewPage(db, auditor, { filter: NO_FILTER });
    if (!review.ok) throw new Error("refused");
    const login = review.value.events.items.find(
      (e) => e.userName !== null && e.actionKey === "audit.actions.login.succeeded",
    );
    expect(login).toMatchObject({ recordTypeKey: "audit.recordTypes.session", outcome: "allowed" });
    const orgOf = await db
      .selectFrom("audit_events")
      .select("organisation_id")
      .where(
        "seq",
        "in",
        review.value.events.items.map((e) => e.seq),
      )
      .distinct()
      .execute();
    expect(orgOf).toEqual([{ organisation_id: auditor.organisationId }]);
    expect(review.value.users.map((u) => u.id).sort()).toEqual([auditor.id, colleague.id].sort());
  });

  it("is audited, and names the person looked up only when the organisation's log knows them", async () => {
    const db = getDb();
    const { auditor, colleague } = await auditorAndColleague();
    const number = testIdentityNumber();
    await plan(colleague, number);
    await logReviewPage(db, auditor, { filter: { ...NO_FILTER, identityNumber: number }, verify: true });
    const events = await db.selectFrom("audit_events").selectAll().where("user_id", "=", auditor.id).execute();
    expect(events.map((e) => e.action)).toEqual(["audit.verify"]);
    expect(events[0].person_id).not.toBeNull();
    expect(JSON.stringify(events)).not.toContain(number.slice(2));
  });

  it("answers 'not found' to anyone who is not an auditor", async () => {
    const { colleague } = await auditorAndColleague();
    expect(await logReviewPage(getDb(), colleague, { filter: NO_FILTER })).toEqual({ ok: false, error: "not_found" });
  });

  it("filters by Swedish calendar days", async () => {
    const db = getDb();
    const { auditor, colleague } = await auditorAndColleague();
    const actor = { userId: colleague.id, organisationId: colleague.organisationId };
    // 00:30 on 1 July in Stockholm (summer time, UTC+2) is still 30 June in UTC.
    await audit(
      db,
      { actor, action: "plan.read", recordType: "plan", recordId: "midnight" },
      new Date("2025-06-30T22:30:00Z"),
    );
    const day = async (date: string) => {
      const review = await logReviewPage(db, auditor, { filter: { ...NO_FILTER, from: date, to: date } });
      if (!review.ok) throw new Error("refused");
      return review.value.events.items.map((e) => e.recordId);
    };
    expect(await day("2025-07-01")).toEqual(["midnight"]);
    expect(await day("2025-06-30")).toEqual([]);
    expect(swedishDayStart("2025-01-15")).toBe("2025-01-14T23:00:00.000Z");
    expect(swedishDayStart("2025-07-01")).toBe("2025-06-30T22:00:00.000Z");
  });
});
