// What every step of the deviation workflow shares: the guard that decides who the user is to
// a case (through the deviation policy), the transaction every command runs in, the case's
// history and audit events, and who is told.
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { newId, nowIso, toJson } from "#db/portable";
import type { DeviationHandler, DeviationStatus } from "#db/schema";
import { actorOf, type CurrentUser } from "~/features/access/current-user";
import {
  deviationViews,
  mayAnswerDeviations,
  mayTakeStep,
  rolesWith,
  type DeviationStep,
  type DeviationView,
} from "~/features/access/deviation-policy";
import { audit } from "~/features/audit/audit.server";
import { partnershipMembers } from "~/features/organisations/organisations.server";
import { fail, notFoundFailure, type Result } from "~/lib/result";

/** Whoever acts on the deviation log: the signed-in user, or a demo or test user built the same way. */
export type DeviationUser = Pick<CurrentUser, "id" | "organisationId" | "grants">;

export const caseLink = (id: string) => `/deviations/${id}`;

/** Runs in the caller's transaction when there is one, otherwise in a new one. */
export function inTransaction<T>(db: DB, run: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

export interface DeviationAccess {
  id: string;
  partnershipId: string;
  reporterId: string;
  status: DeviationStatus;
  eventDate: string;
  handler: DeviationHandler;
  routineOrganisationId: string | null;
  reporterOrganisationId: string;
  views: DeviationView[];
}

/**
 * The guard every deviation command and query calls first, inside its transaction: who the
 * user is to the case, or null when the case is missing or not theirs to see or to take this
 * step on (both read as not_found, so the route answers 404). Denials are audited.
 */
export async function deviationAccessFor(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  step: DeviationStep,
): Promise<DeviationAccess | null> {
  const row = await db
    .selectFrom("deviations")
    .select([
      "id",
      "partnership_id",
      "reporter_id",
      "reporter_organisation_id",
      "published_at",
      "status",
      "event_date",
      "handler",
      "routine_organisation_id",
    ])
    .where("id", "=", deviationId)
    .executeTakeFirst();
  let views: DeviationView[] = [];
  if (row) {
    const routed =
      mayAnswerDeviations(user) &&
      (await db
        .selectFrom("deviation_routes")
        .select("deviation_id")
        .where("deviation_id", "=", row.id)
        .where("organisation_id", "=", user.organisationId)
        .executeTakeFirst()) !== undefined;
    views = deviationViews(user, {
      partnershipId: row.partnership_id,
      reporterId: row.reporter_id,
      published: row.published_at !== null,
      routedToOwnOrganisation: routed,
      handler: row.handler,
      routineOrganisationId: row.routine_organisation_id,
      reporterOrganisationId: row.reporter_organisation_id,
    });
  }
  if (!row || !mayTakeStep(views, step)) {
    await audit(db, {
      actor: actorOf(user),
      action: `deviation.${step}`,
      recordType: "deviation",
      recordId: row ? deviationId : null,
      outcome: "denied",
    });
    return null;
  }
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    reporterId: row.reporter_id,
    status: row.status,
    eventDate: row.event_date,
    handler: row.handler,
    routineOrganisationId: row.routine_organisation_id,
    reporterOrganisationId: row.reporter_organisation_id,
    views,
  };
}

/** One workflow step on one case, in one transaction, the guard first. */
export function onCase<T, E extends string, D = undefined>(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  step: DeviationStep,
  run: (trx: DB, access: DeviationAccess) => Promise<Result<T, E, D>>,
): Promise<Result<T, E, D>> {
  return inTransaction(db, async (trx) => {
    const access = await deviationAccessFor(trx, user, deviationId, step);
    if (!access) return notFoundFailure();
    return run(trx, access);
  });
}

/** A step on a case that is still open: a closed case is reopened first, never worked on. */
export function onOpenCase<T, E extends string, D = undefined>(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  step: DeviationStep,
  run: (trx: DB, access: DeviationAccess) => Promise<Result<T, E, D>>,
): Promise<Result<T, E | "closed", D>> {
  return onCase<T, E | "closed", D>(db, user, deviationId, step, async (trx, access) =>
    access.status === "closed" ? fail<"closed", D>("closed") : run(trx, access),
  );
}

/** Users holding the role that triages the partnership's deviations. */
export async function coordinatorsOf(db: DB, partnershipId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("role_grants")
    .innerJoin("users", "users.id", "role_grants.user_id")
    .select("users.id")
    .distinct()
    .where("role_grants.role", "in", rolesWith("deviations:triage"))
    .where("role_grants.partnership_id", "=", partnershipId)
    .where("users.disabled_at", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

/** Users who handle routine cases about this organisation's routines. */
export async function managersOf(db: DB, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("role_grants")
    .innerJoin("users", "users.id", "role_grants.user_id")
    .select("users.id")
    .distinct()
    .where("role_grants.role", "in", rolesWith("deviations:manage"))
    .where("users.organisation_id", "=", organisationId)
    .where("users.disabled_at", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

/** Whoever handles the case: its managers for a routine case of theirs, else the partnership's coordinators. */
export async function handlersOf(
  db: DB,
  c: { handler: DeviationHandler; partnershipId: string; routineOrganisationId: string | null },
): Promise<string[]> {
  return c.handler === "manager" && c.routineOrganisationId
    ? managersOf(db, c.routineOrganisationId)
    : coordinatorsOf(db, c.partnershipId);
}

/** Users who answer deviations for these organisations. */
export async function contactsOf(db: DB, organisationIds: string[]): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .selectFrom("role_grants")
    .innerJoin("users", "users.id", "role_grants.user_id")
    .select("users.id")
    .distinct()
    .where("role_grants.role", "in", rolesWith("deviations:answer"))
    .where("users.organisation_id", "in", organisationIds)
    .where("users.disabled_at", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

/** The partnership's member organisations: the only parties a case can concern or be routed to. */
export async function memberIdsOf(db: DB, partnershipId: string): Promise<Set<string>> {
  return new Set((await partnershipMembers(db, partnershipId)).map((o) => o.id));
}

/** Writes the step into the case's history and the audit log; the first triage or question marks the case reviewed. */
export async function recordEvent(
  trx: DB,
  deviationId: string,
  user: DeviationUser,
  change: string,
  details?: Record<string, unknown>,
) {
  const now = nowIso();
  await trx
    .insertInto("deviation_events")
    .values({
      id: newId(),
      deviation_id: deviationId,
      user_id: user.id,
      occurred_at: now,
      change,
      details: details ? toJson(details) : null,
    })
    .execute();
  if (change === "triage" || change === "question") {
    await trx
      .updateTable("deviations")
      .set({ reviewed_at: now })
      .where("id", "=", deviationId)
      .where("reviewed_at", "is", null)
      .execute();
  }
  await audit(trx, {
    actor: actorOf(user),
    action: `deviation.${change}`,
    recordType: "deviation",
    recordId: deviationId,
  });
}

export async function setStatus(trx: DB, id: string, status: DeviationStatus, extra: Record<string, unknown> = {}) {
  await trx
    .updateTable("deviations")
    .set({ status, updated_at: nowIso(), version: sql`version + 1`, ...extra })
    .where("id", "=", id)
    .execute();
}

/** Changes fields of the case (not its status), as a new version. */
export async function updateCase(trx: DB, id: string, values: Record<string, unknown>) {
  await trx
    .updateTable("deviations")
    .set({ ...values, updated_at: nowIso(), version: sql`version + 1` })
    .where("id", "=", id)
    .execute();
}
