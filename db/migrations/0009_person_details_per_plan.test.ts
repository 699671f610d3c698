// An installation upgraded to 0009 hands each stored person field to the plan whose team wrote it,
// and never copies one organisation's details into another organisation's plan.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { newId } from "../portable";
import { createDb, type DB } from "../client.server";
import { migrateDown, migrateToLatest, pendingMigrations } from "../migrate";
import { makeOrganisation, makePartnership, makeUser } from "../../test/factories";

const T = (minute: number) => `2026-03-01T08:${String(minute).padStart(2, "0")}:00.000Z`;

let numbers = 0;

async function person(
  db: DB,
  values: { name: string; address?: string; phone?: string; email?: string; protected?: boolean },
) {
  const id = newId();
  await db
    .insertInto("persons" as never)
    .values({
      id,
      identity_number: `19900101${String(1000 + ++numbers)}`,
      name: values.name,
      address: values.address ?? null,
      phone: values.phone ?? null,
      email: values.email ?? null,
      protected_identity: values.protected ? 1 : 0,
      created_at: T(0),
      updated_at: T(0),
    } as never)
    .execute();
  return id;
}

/** A plan as the old code created it: the creation wrote the person, and the history says so. */
async function plan(db: DB, personId: string, lead: { id: string; organisationId: string }, at: string) {
  const id = newId();
  await db
    .insertInto("plans" as never)
    .values({
      id,
      kind: "GIP",
      person_id: personId,
      status: "draft",
      lead_organisation_id: lead.organisationId,
      lead_user_id: lead.id,
      created_by: lead.id,
      created_at: at,
      updated_at: at,
    } as never)
    .execute();
  await history(db, id, lead.id, at, "plan.create", { kind: "GIP", status: "draft" });
  return id;
}

async function history(db: DB, planId: string, userId: string, at: string, change: string, after: object) {
  await db
    .insertInto("plan_history")
    .values({
      id: newId(),
      plan_id: planId,
      user_id: userId,
      occurred_at: at,
      change,
      before: null,
      after: JSON.stringify(after),
    })
    .execute();
}

async function detailsOf(db: DB, planId: string) {
  return db
    .selectFrom("plan_person_details")
    .select(["name", "address", "phone", "email"])
    .where("plan_id", "=", planId)
    .executeTakeFirstOrThrow();
}

describe("migration 0009", () => {
  it("gives each plan only what its own organisation wrote", async () => {
    const db = createDb("file::memory:");
    await migrateToLatest(db);
    while (!(await pendingMigrations(db)).includes("0009_person_details_per_plan")) await migrateDown(db);

    const partnership = await makePartnership(db);
    const org = async (kind: "social_services" | "adult_education" | "employment_service") =>
      (await makeOrganisation(db, { kind, partnershipIds: [partnership.id] })).id;
    const soc = await org("social_services");
    const vux = await org("adult_education");
    const af = await org("employment_service");
    const anna = await makeUser(db, { organisationId: soc });
    const annasColleague = await makeUser(db, { organisationId: soc });
    const maria = await makeUser(db, { organisationId: vux });
    const lena = await makeUser(db, { organisationId: af });

    // 1. The leak of issue 11: Maria linked a plan to Sanna's number and overwrote the name.
    const sanna = await person(db, { name: "Maria Skrev Detta", address: "Storgatan 12", phone: "070-123 45 67" });
    const annasPlan = await plan(db, sanna, anna, T(1));
    const mariasPlan = await plan(db, sanna, maria, T(2));

    // 2. One plan; a covered team member from another organisation saved the details on it.
    const mikael = await person(db, { name: "Mikael Provsson", phone: "08-123", email: "m@example.se" });
    const mikaelsPlan = await plan(db, mikael, anna, T(1));
    await history(db, mikaelsPlan, lena.id, T(3), "person.update", { protectedIdentity: false });

    // 3. Two plans of the same organisation: both are its own records.
    const johan = await person(db, { name: "Johan Demosson", address: "Lagergatan 2" });
    const johansFirst = await plan(db, johan, anna, T(1));
    const johansSecond = await plan(db, johan, annasColleague, T(2));

    // 4. Protected: marked by Anna on her plan; Maria linked a plan afterwards.
    const fatima = await person(db, { name: "Fatima Testdotter", protected: true });
    const fatimasPlan = await plan(db, fatima, anna, T(1));
    await history(db, fatimasPlan, anna.id, T(2), "person.update", { protectedIdentity: true });
    const mariasFatimaPlan = await plan(db, fatima, maria, T(3));

    // 5. A plan without any history (made by a bulk loader): it can only be its own.
    const bulk = await person(db, { name: "Testperson 000001", address: "Bulkvägen 1" });
    const bulkPlan = newId();
    await db
      .insertInto("plans" as never)
      .values({
        id: bulkPlan,
        kind: "SIP",
        person_id: bulk,
        status: "draft",
        lead_organisation_id: af,
        lead_user_id: lena.id,
        created_by: lena.id,
        created_at: T(5),
        updated_at: T(5),
      } as never)
      .execute();

    await migrateToLatest(db);

    // 1: the name Maria typed is her plan's; Anna's plan never gets it, nor Maria Anna's address
    // (which of the two wrote it cannot be told, so neither gets it).
    expect(await detailsOf(db, mariasPlan)).toEqual({
      name: "Maria Skrev Detta",
      address: null,
      phone: null,
      email: null,
    });
    expect(await detailsOf(db, annasPlan)).toEqual({ name: "", address: null, phone: null, email: null });

    // 2: written on that plan, so it is that plan's.
    expect(await detailsOf(db, mikaelsPlan)).toEqual({
      name: "Mikael Provsson",
      address: null,
      phone: "08-123",
      email: "m@example.se",
    });

    // 3: the same organisation's two plans both keep what it recorded.
    for (const planId of [johansFirst, johansSecond]) {
      expect(await detailsOf(db, planId)).toEqual({
        name: "Johan Demosson",
        address: "Lagergatan 2",
        phone: null,
        email: null,
      });
    }

    // 4: protection stays with the identity, with who marked it, when and from which plan.
    const protectedRow = await db
      .selectFrom("persons")
      .select([
        "protected_identity",
        "protected_by",
        "protected_by_organisation_id",
        "protected_plan_id",
        "protected_at",
      ])
      .where("id", "=", fatima)
      .executeTakeFirstOrThrow();
    expect(protectedRow).toEqual({
      protected_identity: 1,
      protected_by: anna.id,
      protected_by_organisation_id: soc,
      protected_plan_id: fatimasPlan,
      protected_at: T(2),
    });
    expect(await detailsOf(db, mariasFatimaPlan)).toEqual({
      name: "Fatima Testdotter",
      address: null,
      phone: null,
      email: null,
    });
    expect((await detailsOf(db, fatimasPlan)).name).toBe("");

    // 5: the only plan of its person.
    expect(await detailsOf(db, bulkPlan)).toEqual({
      name: "Testperson 000001",
      address: "Bulkvägen 1",
      phone: null,
      email: null,
    });

    // The shared row keeps the identity number and the protection, nothing a team recorded.
    const columns = (await sql<{ name: string }>`select name from pragma_table_info('persons')`.execute(db)).rows.map(
      (c) => c.name,
    );
    for (const gone of ["name", "address", "phone", "email"]) expect(columns).not.toContain(gone);

    // Down again: the shared row gets the most recently saved plan's details back.
    while (!(await pendingMigrations(db)).includes("0009_person_details_per_plan")) await migrateDown(db);
    const restored = await db
      .selectFrom("persons" as never)
      .select(["name" as never, "address" as never])
      .where("id" as never, "=", johan as never)
      .executeTakeFirstOrThrow();
    expect(restored).toEqual({ name: "Johan Demosson", address: "Lagergatan 2" });
    await db.destroy();
  });
});
