// Partnerships (samordningsförbund) and the organisations taking part in them.
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import type { OrganisationKind } from "#db/schema";
import { likePattern, pageOf, PAGE_SIZE } from "~/lib/pagination";

export async function partnershipNames(db: DB, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("partnerships").select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listAllPartnerships(db: DB) {
  return db.selectFrom("partnerships").select(["id", "name"]).orderBy("name").execute();
}

export async function listAllOrganisations(db: DB) {
  return db.selectFrom("organisations").select(["id", "name", "kind"]).orderBy("name").execute();
}

export async function searchPartnerships(db: DB, { q, page }: { q: string; page: number }) {
  let query = db.selectFrom("partnerships");
  if (q) query = query.where((eb) => eb(eb.fn("lower", ["name"]), "like", likePattern(q)));
  const [items, count] = await Promise.all([
    query
      .select((eb) => [
        "partnerships.id",
        "partnerships.name",
        eb
          .selectFrom("organisation_partnerships")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("organisation_partnerships.partnership_id", "=", "partnerships.id")
          .as("member_count"),
      ])
      .orderBy("name")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return pageOf(
    items.map((i) => ({ ...i, member_count: Number(i.member_count ?? 0) })),
    Number(count.total),
    page,
  );
}

export interface PartnershipInput {
  name: string;
  answerDays: number;
  suppressionK: number;
  overdueActionDays: number;
}

export async function isPartnershipNameTaken(db: DB, name: string, exceptId?: string) {
  let query = db
    .selectFrom("partnerships")
    .select("id")
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()));
  if (exceptId) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function createPartnership(db: DB, input: PartnershipInput): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto("partnerships")
    .values({
      id,
      name: input.name,
      answer_days: input.answerDays,
      suppression_k: input.suppressionK,
      overdue_action_days: input.overdueActionDays,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function getPartnership(db: DB, id: string) {
  return db.selectFrom("partnerships").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updatePartnership(db: DB, id: string, input: PartnershipInput): Promise<void> {
  await db
    .updateTable("partnerships")
    .set({
      name: input.name,
      answer_days: input.answerDays,
      suppression_k: input.suppressionK,
      overdue_action_days: input.overdueActionDays,
      updated_at: nowIso(),
    })
    .where("id", "=", id)
    .execute();
}

export async function partnershipMembers(db: DB, partnershipId: string) {
  return db
    .selectFrom("organisations")
    .innerJoin("organisation_partnerships", "organisation_partnerships.organisation_id", "organisations.id")
    .select(["organisations.id", "organisations.name", "organisations.kind"])
    .where("organisation_partnerships.partnership_id", "=", partnershipId)
    .orderBy("organisations.name")
    .execute();
}

export async function searchOrganisations(db: DB, { q, page }: { q: string; page: number }) {
  let query = db.selectFrom("organisations");
  if (q) query = query.where((eb) => eb(eb.fn("lower", ["name"]), "like", likePattern(q)));
  const [items, count] = await Promise.all([
    query
      .select(["id", "name", "kind"])
      .orderBy("name")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  const memberships = await db
    .selectFrom("organisation_partnerships")
    .innerJoin("partnerships", "partnerships.id", "organisation_partnerships.partnership_id")
    .select(["organisation_partnerships.organisation_id", "partnerships.name"])
    .where("organisation_partnerships.organisation_id", "in", items.length ? items.map((i) => i.id) : [""])
    .orderBy("partnerships.name")
    .execute();
  return pageOf(
    items.map((i) => ({
      ...i,
      partnerships: memberships.filter((m) => m.organisation_id === i.id).map((m) => m.name),
    })),
    Number(count.total),
    page,
  );
}

export interface OrganisationInput {
  name: string;
  kind: OrganisationKind;
  partnershipIds: string[];
}

export async function isOrganisationNameTaken(db: DB, name: string, exceptId?: string) {
  let query = db
    .selectFrom("organisations")
    .select("id")
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()));
  if (exceptId) query = query.where("id", "!=", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

async function setMemberships(trx: DB, organisationId: string, partnershipIds: string[]) {
  await trx.deleteFrom("organisation_partnerships").where("organisation_id", "=", organisationId).execute();
  if (partnershipIds.length > 0) {
    await trx
      .insertInto("organisation_partnerships")
      .values(
        [...new Set(partnershipIds)].map((partnership_id) => ({ organisation_id: organisationId, partnership_id })),
      )
      .execute();
  }
}

export async function createOrganisation(db: DB, input: OrganisationInput): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("organisations")
      .values({ id, name: input.name, kind: input.kind, created_at: now, updated_at: now })
      .execute();
    await setMemberships(trx, id, input.partnershipIds);
  });
  return id;
}

export async function getOrganisation(db: DB, id: string) {
  const organisation = await db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
  if (!organisation) return undefined;
  const memberships = await db
    .selectFrom("organisation_partnerships")
    .select("partnership_id")
    .where("organisation_id", "=", id)
    .execute();
  return { ...organisation, partnershipIds: memberships.map((m) => m.partnership_id) };
}

export async function updateOrganisation(db: DB, id: string, input: OrganisationInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("organisations")
      .set({ name: input.name, kind: input.kind, updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    await setMemberships(trx, id, input.partnershipIds);
  });
}
