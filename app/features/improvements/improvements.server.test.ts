import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { okValue } from "../../../test/deviations";
import { makeOrganisation, makePartnership, makeUser } from "../../../test/factories";
import { closedCase, improvementSetup } from "../../../test/improvements";
import { improvementsIndex, improvementPage, recordForm } from "./lists.server";
import { recordImprovement, updateImprovement } from "./register.server";

const base = (partnershipId: string, ownerOrganisationId: string) => ({
  partnershipId,
  title: "Gemensam kontrollpunkt för beslut om ersättning",
  description: "Parterna stämmer av beslut varje vecka.",
  ownerOrganisationId,
  dueDate: "2026-03-31",
  categories: ["information_transfer" as const, "availability" as const],
});

async function rowOf(id: string) {
  return getDb().selectFrom("improvements").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe("recording an improvement", () => {
  it("from a case closed with an improvement agreed, prefilled from the case, with its source kept", async () => {
    const db = getDb();
    const cast = await improvementSetup();
    const caseId = await closedCase(cast, "improvement_agreed");
    const form = okValue(await recordForm(db, cast.coordinator, caseId));
    expect(form.source).toMatchObject({ id: caseId, kind: "closed_case" });
    expect(form.defaults).toMatchObject({
      partnershipId: cast.partnership.id,
      title: "Beslut om ersättning nådde inte fram mellan parterna.",
      categories: ["information_transfer"],
    });
    const { id } = okValue(
      await recordImprovement(db, cast.coordinator, {
        ...base(cast.partnership.id, cast.party.organisationId),
        ownerContactId: cast.namedContact.id,
        sourceDeviationId: caseId,
      }),
    );
    const row = await rowOf(id);
    expect(row).toMatchObject({ source_kind: "closed_case", source_deviation_id: caseId, status: "open", version: 1 });
    const categories = await db
      .selectFrom("improvement_categories")
      .select("category")
      .where("improvement_id", "=", id)
      .orderBy("category")
      .execute();
    expect(categories.map((c) => c.category)).toEqual(["availability", "information_transfer"]);
    const events = await db
      .selectFrom("audit_events")
      .select(["action", "outcome"])
      .where("record_id", "=", id)
      .execute();
    expect(events).toEqual([{ action: "improvement.record", outcome: "allowed" }]);
    // The owner's people are told: the named contact, its managers and its deviation contacts.
    const told = await db
      .selectFrom("notifications")
      .select("user_id")
      .where("link", "=", `/improvements/${id}`)
      .where("kind", "=", "improvement.recorded")
      .execute();
    expect(told.map((n) => n.user_id).sort()).toEqual(
      [cast.namedContact.id, cast.partyManager.id, cast.party.id].sort(),
    );
  });

  it("from an escalated case; an open case without escalation is not a source", async () => {
    const db = getDb();
    const cast = await improvementSetup();
    const escalated = await closedCase(cast, "escalated");
    expect(okValue(await recordForm(db, cast.coordinator, escalated)).source?.kind).toBe("escalated_case");
    const open = await closedCase(cast, null);
    expect(await recordForm(db, cast.coordinator, open)).toMatchObject({ ok: false, error: "not_eligible" });
    const result = await recordImprovement(db, cast.coordinator, {
      ...base(cast.partnership.id, cast.party.organisationId),
      sourceDeviationId: open,
    });
    expect(result).toMatchObject({ ok: false, error: "not_eligible" });
  });

  it("refuses personal data, an owner outside the partnership and a contact of another party, storing nothing", async () => {
    const db = getDb();
    const cast = await improvementSetup();
    const outsider = await makeOrganisation(db);
    const personal = await recordImprovement(db, cast.coordinator, {
      ...base(cast.partnership.id, cast.party.organisationId),
      title: "Ring 070-123 45 67 om beslutet",
    });
    expect(personal).toMatchObject({ ok: false, error: "personal_data" });
    expect(personal.ok === false && personal.detail).toHaveProperty("title");
    expect(await recordImprovement(db, cast.coordinator, { ...base(cast.partnership.id, outsider.id) })).toMatchObject({
      ok: false,
      error: "invalid",
      fields: { ownerOrganisationId: "not_member" },
    });
    expect(
      await recordImprovement(db, cast.coordinator, {
        ...base(cast.partnership.id, cast.party.organisationId),
        ownerContactId: cast.reporter.id,
      }),
    ).toMatchObject({ ok: false, error: "invalid", fields: { ownerContactId: "not_of_owner" } });
    const stored = await db
      .selectFrom("improvements")
      .select("id")
      .where("partnership_id", "=", cast.partnership.id)
      .execute();
    expect(stored).toEqual([]);
  });
});

describe("following up an improvement", () => {
  it("the named contact marks it done with a note; a stale save is refused with what applies now", async () => {
    const db = getDb();
    const cast = await improvementSetup();
    const { id } = okValue(
      await recordImprovement(db, cast.coordinator, {
        ...base(cast.partnership.id, cast.party.organisationId),
        ownerContactId: cast.namedContact.id,
      }),
    );
    expect(okValue(await improvementPage(db, cast.namedContact, id)).views).toEqual(["owner"]);
    const now = new Date("2026-03-15T09:00:00.000Z");
    okValue(
      await updateImprovement(
        db,
        cast.namedContact,
        id,
        { version: 1, status: "done", statusNote: "Kontrollpunkten är införd.", dueDate: "2026-03-31" },
        now,
      ),
    );
    expect(await rowOf(id)).toMatchObject({ status: "done", done_at: now.toISOString(), version: 2 });
    // The manager of the owner opened the page at version 1 and saves on top of it.
    const stale = await updateImprovement(db, cast.partyManager, id, {
      version: 1,
      status: "open",
      statusNote: "",
      dueDate: "2026-06-30",
    });
    expect(stale).toMatchObject({
      ok: false,
      error: "conflict",
      detail: { version: 2, status: "done", statusNote: "Kontrollpunkten är införd.", dueDate: "2026-03-31" },
    });
    expect(await rowOf(id)).toMatchObject({ status: "done", due_date: "2026-03-31", version: 2 });
    const refused = await updateImprovement(db, cast.partyManager, id, {
      version: 2,
      status: "done",
      statusNote: "Klart enligt anna.andersson@example.se",
      dueDate: "2026-03-31",
    });
    expect(refused).toMatchObject({ ok: false, error: "personal_data" });
    expect((await rowOf(id)).status_note).toBe("Kontrollpunkten är införd.");
  });

  it("lists what each may see: the coordinator the partnership's, owners their organisation's, overdue flagged", async () => {
    const db = getDb();
    const cast = await improvementSetup();
    const mine = okValue(
      await recordImprovement(db, cast.coordinator, {
        ...base(cast.partnership.id, cast.party.organisationId),
        ownerContactId: cast.namedContact.id,
        dueDate: "2026-01-15",
      }),
    );
    const other = okValue(
      await recordImprovement(db, cast.coordinator, {
        ...base(cast.partnership.id, cast.party.organisationId),
        title: "Gemensam telefontid",
        dueDate: "2026-09-30",
      }),
    );
    const today = "2026-02-01";
    const list = async (user: Parameters<typeof improvementsIndex>[1], status?: "overdue" | "all") =>
      (await improvementsIndex(db, user, { filter: { status }, page: 1 }, today)).list.items.map((i) => [
        i.id,
        i.overdue,
      ]);
    expect(await list(cast.coordinator)).toEqual([
      [mine.id, true],
      [other.id, false],
    ]);
    expect(await list(cast.coordinator, "overdue")).toEqual([[mine.id, true]]);
    expect(await list(cast.partyManager)).toEqual([
      [mine.id, true],
      [other.id, false],
    ]);
    // The named contact holds no owner role: only the one naming them.
    expect(await list(cast.namedContact)).toEqual([[mine.id, true]]);
    expect(await list(cast.reporter, "all")).toEqual([]);
    const searched = await improvementsIndex(db, cast.coordinator, { filter: { q: "TELEFON" }, page: 1 }, today);
    expect(searched.list.items.map((i) => i.id)).toEqual([other.id]);
  });
});

describe("an attacker", () => {
  it("an owner of another organisation, another partnership's coordinator and a caseworker get not_found; nothing changes", async () => {
    const db = getDb();
    const cast = await improvementSetup();
    const caseId = await closedCase(cast, "improvement_agreed");
    const { id } = okValue(
      await recordImprovement(db, cast.coordinator, {
        ...base(cast.partnership.id, cast.party.organisationId),
        ownerContactId: cast.namedContact.id,
      }),
    );
    const before = await rowOf(id);
    const elsewhere = await makePartnership(db);
    const otherOrg = await makeOrganisation(db, { partnershipIds: [cast.partnership.id] });
    const attackers = [
      {
        ...(await makeUser(db, { organisationId: otherOrg.id, roles: [{ role: "manager" }] })),
        grants: [{ role: "manager" as const, partnershipId: null }],
      },
      {
        ...(await makeUser(db, { organisationId: otherOrg.id, roles: [{ role: "contact" }] })),
        grants: [{ role: "contact" as const, partnershipId: null }],
      },
      {
        ...(await makeUser(db, { roles: [{ role: "coordinator", partnershipId: elsewhere.id }] })),
        grants: [{ role: "coordinator" as const, partnershipId: elsewhere.id }],
      },
      cast.reporter,
      // A steering member of the partnership reads the register in released summaries only.
      cast.steering,
    ];
    for (const attacker of attackers) {
      expect(await improvementPage(db, attacker, id)).toEqual({ ok: false, error: "not_found" });
      expect(
        await updateImprovement(db, attacker, id, {
          version: 1,
          status: "dropped",
          statusNote: "Avbryts.",
          dueDate: "2030-01-01",
        }),
      ).toEqual({ ok: false, error: "not_found" });
      expect(await recordForm(db, attacker, caseId)).toEqual({ ok: false, error: "not_found" });
      expect(
        await recordImprovement(db, attacker, {
          ...base(cast.partnership.id, cast.party.organisationId),
          sourceDeviationId: caseId,
        }),
      ).toEqual({ ok: false, error: "not_found" });
      expect((await improvementsIndex(db, attacker, { filter: { status: "all" }, page: 1 })).list.total).toBe(0);
    }
    expect(await rowOf(id)).toEqual(before);
    expect(
      await db.selectFrom("improvements").select("id").where("partnership_id", "=", cast.partnership.id).execute(),
    ).toEqual([{ id }]);
    const denied = await db
      .selectFrom("audit_events")
      .select("action")
      .where("record_id", "=", id)
      .where("outcome", "=", "denied")
      .execute();
    expect(denied.length).toBe(attackers.length * 2);
    // A coordinator of another partnership cannot use a case of this one as a source either.
    const foreign = await recordImprovement(db, attackers[2], {
      ...base(elsewhere.id, otherOrg.id),
      sourceDeviationId: caseId,
    });
    expect(foreign).toEqual({ ok: false, error: "not_found" });
  });
});
