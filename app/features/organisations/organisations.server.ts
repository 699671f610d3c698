// Partnerships (samordningsförbund) and the organisations taking part in them: what the admin
// pages read (mapped once to the domain) and the commands that change them.
import type { DB } from "#db/client.server";
import { isUniqueViolation, newId, nowIso, toJson } from "#db/portable";
import type { OrganisationKind, PartnershipKind } from "#db/schema";
import type { Actor } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { syncTeamKindsOfUser } from "~/features/plans/team.server";
import { settingsOf } from "./partnership-settings.server";
import { likePattern, pageOf, PAGE_SIZE } from "~/lib/pagination";
import { fail, notFoundFailure, ok, type Failure, type Ok } from "~/lib/result";

export interface Partnership {
  id: string;
  name: string;
  kind: PartnershipKind;
  answerDays: number;
  suppressionK: number;
  overdueActionDays: number;
  maxFollowUpMonths: number;
  actionTypes: string[];
  progressionSteps: string[];
}

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  partnershipIds: string[];
}

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

/** The admin start page: how many of each there are. */
export async function adminOverview(db: DB) {
  const count = async (table: "partnerships" | "organisations" | "users") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [partnerships, organisations, users] = await Promise.all([
    count("partnerships"),
    count("organisations"),
    count("users"),
  ]);
  return { partnerships, organisations, users };
}

export async function searchPartnerships(db: DB, { q, page }: { q: string; page: number }) {
  let query = db.selectFrom("partnerships");
  if (q) query = query.where((eb) => eb(eb.fn("lower", ["name"]), "like", likePattern(q)));
  const [rows, count] = await Promise.all([
    query
      .select((eb) => [
        "partnerships.id",
        "partnerships.name",
        "partnerships.kind",
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
    rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, memberCount: Number(r.member_count ?? 0) })),
    Number(count.total),
    page,
  );
}

export interface PartnershipInput {
  name: string;
  /** Samordningsförbund unless said otherwise. */
  kind?: PartnershipKind;
  answerDays: number;
  suppressionK: number;
  overdueActionDays: number;
  /** Plan settings (migration 0022); left as they are when not given. */
  maxFollowUpMonths?: number;
  actionTypes?: string[];
  progressionSteps?: string[];
}

/** The plan settings an input changes, as columns. */
const settingsColumns = (input: PartnershipInput) => ({
  ...(input.maxFollowUpMonths !== undefined ? { max_follow_up_months: input.maxFollowUpMonths } : {}),
  ...(input.actionTypes ? { action_types: toJson(input.actionTypes) } : {}),
  ...(input.progressionSteps ? { progression_steps: toJson(input.progressionSteps) } : {}),
});

const nameTaken = () => fail("name_taken", { fields: { name: "name_taken" } });

const folded = (name: string) => name.normalize("NFC").toLocaleLowerCase("sv-SE");

/**
 * True when another row already has this name, ignoring case. SQL's lower() folds only A–Z on
 * SQLite (so "Älvbygd" and "ÄLVBYGD" would differ), so the database narrows the candidates to
 * names of the same length and the comparison itself happens here, the same on every engine.
 */
async function nameInUse(trx: DB, table: "partnerships" | "organisations", name: string, exceptId?: string) {
  let query = trx
    .selectFrom(table)
    .select(["id", "name"])
    .where((eb) => eb(eb.fn("length", ["name"]), "=", name.length));
  if (exceptId) query = query.where("id", "!=", exceptId);
  return (await query.execute()).some((row) => folded(row.name) === folded(name));
}

/** Runs a write; a UNIQUE violation (a name taken meanwhile, or one lower() does not fold) is "name_taken". */
async function guardingNames<T>(write: () => Promise<T>): Promise<T | Failure<"name_taken">> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken();
    throw error;
  }
}

export async function createPartnership(
  db: DB,
  actor: Actor,
  input: PartnershipInput,
): Promise<Ok<{ id: string }> | Failure<"name_taken">> {
  const id = newId();
  const now = nowIso();
  const name = input.name.trim();
  return guardingNames(() =>
    db.transaction().execute(async (trx) => {
      if (await nameInUse(trx, "partnerships", name)) return nameTaken();
      await trx
        .insertInto("partnerships")
        .values({
          id,
          name,
          kind: input.kind ?? "samordningsforbund",
          answer_days: input.answerDays,
          suppression_k: input.suppressionK,
          overdue_action_days: input.overdueActionDays,
          ...settingsColumns(input),
          created_at: now,
          updated_at: now,
        })
        .execute();
      await audit(trx, { actor, action: "partnership.create", recordType: "partnership", recordId: id });
      return ok({ id });
    }),
  );
}

export async function getPartnership(db: DB, id: string): Promise<Partnership | null> {
  const row = await db.selectFrom("partnerships").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    answerDays: row.answer_days,
    suppressionK: row.suppression_k,
    overdueActionDays: row.overdue_action_days,
    ...settingsOf(row),
  };
}

export async function updatePartnership(
  db: DB,
  actor: Actor,
  id: string,
  input: PartnershipInput,
): Promise<Ok<undefined> | Failure<"name_taken" | "not_found">> {
  const name = input.name.trim();
  return guardingNames(() =>
    db.transaction().execute(async (trx) => {
      if (!(await trx.selectFrom("partnerships").select("id").where("id", "=", id).executeTakeFirst())) {
        return notFoundFailure();
      }
      if (await nameInUse(trx, "partnerships", name, id)) return nameTaken();
      await trx
        .updateTable("partnerships")
        .set({
          name,
          ...(input.kind ? { kind: input.kind } : {}),
          answer_days: input.answerDays,
          suppression_k: input.suppressionK,
          overdue_action_days: input.overdueActionDays,
          ...settingsColumns(input),
          updated_at: nowIso(),
        })
        .where("id", "=", id)
        .execute();
      await audit(trx, { actor, action: "partnership.update", recordType: "partnership", recordId: id });
      return ok();
    }),
  );
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

export type OrganisationFailure = "name_taken" | "unknown_partnerships";

/** Every chosen partnership must exist (a stale form, or a forged one, would otherwise break the foreign key). */
async function checkPartnerships(trx: DB, ids: string[]): Promise<Failure<"unknown_partnerships"> | null> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return null;
  const found = await trx.selectFrom("partnerships").select("id").where("id", "in", unique).execute();
  return found.length === unique.length
    ? null
    : fail("unknown_partnerships", { fields: { partnershipIds: "unknown_partnerships" } });
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

export async function createOrganisation(
  db: DB,
  actor: Actor,
  input: OrganisationInput,
): Promise<Ok<{ id: string }> | Failure<OrganisationFailure>> {
  const id = newId();
  const now = nowIso();
  const name = input.name.trim();
  return guardingNames(() =>
    db.transaction().execute(async (trx) => {
      if (await nameInUse(trx, "organisations", name)) return nameTaken();
      const unknown = await checkPartnerships(trx, input.partnershipIds);
      if (unknown) return unknown;
      await trx
        .insertInto("organisations")
        .values({ id, name, kind: input.kind, created_at: now, updated_at: now })
        .execute();
      await setMemberships(trx, id, input.partnershipIds);
      await audit(trx, { actor, action: "organisation.create", recordType: "organisation", recordId: id });
      return ok({ id });
    }),
  );
}

export async function getOrganisation(db: DB, id: string): Promise<Organisation | null> {
  const row = await db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  const memberships = await db
    .selectFrom("organisation_partnerships")
    .select("partnership_id")
    .where("organisation_id", "=", id)
    .execute();
  return { id: row.id, name: row.name, kind: row.kind, partnershipIds: memberships.map((m) => m.partnership_id) };
}

export async function updateOrganisation(
  db: DB,
  actor: Actor,
  id: string,
  input: OrganisationInput,
): Promise<Ok<undefined> | Failure<OrganisationFailure | "not_found">> {
  const name = input.name.trim();
  return guardingNames(() =>
    db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom("organisations").select("kind").where("id", "=", id).executeTakeFirst();
      if (!before) return notFoundFailure();
      if (await nameInUse(trx, "organisations", name, id)) return nameTaken();
      const unknown = await checkPartnerships(trx, input.partnershipIds);
      if (unknown) return unknown;
      await trx
        .updateTable("organisations")
        .set({ name, kind: input.kind, updated_at: nowIso() })
        .where("id", "=", id)
        .execute();
      await setMemberships(trx, id, input.partnershipIds);
      if (before.kind !== input.kind) {
        // Plans record which kinds of organisation take part; this one's staff now count as another kind.
        const staff = await trx.selectFrom("users").select("id").where("organisation_id", "=", id).execute();
        for (const member of staff) await syncTeamKindsOfUser(trx, member.id);
      }
      await audit(trx, { actor, action: "organisation.update", recordType: "organisation", recordId: id });
      return ok();
    }),
  );
}
