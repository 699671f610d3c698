// THE RULE of the improvement register (docs/decisions/0025-improvement-register.md):
//
// The coordinator of a partnership records what its steering group decided to improve: what, the
// owner organisation (a member of the partnership) and optionally a named contact there, the due
// date and the deviation categories it targets, and where it came from – a case closed with an
// improvement agreed or an escalated case the coordinator sees as coordinator, or the steering
// group's own. The coordinator and the owners (app/features/access/improvement-policy.ts) follow
// it up: status open, done or dropped (done and dropped with a note), the note, the due date.
// Everyone else finds nothing (not_found, audited). Free text passes the personal-data guard:
// the register goes to steering groups and carries no personal data. Every change carries the
// version it was based on; a stale save is refused with the current values, losing nothing.
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import type { ImprovementSource, ImprovementStatus } from "#db/schema";
import { actorOf, type CurrentUser } from "~/features/access/current-user";
import { improvementViews, recordingPartnerships, type ImprovementView } from "~/features/access/improvement-policy";
import { rolesWith } from "~/features/access/deviation-policy";
import { audit } from "~/features/audit/audit.server";
import { deviationAccessFor } from "~/features/deviations/workflow.server";
import { notify } from "~/features/notifications/notifications.server";
import { partnershipMembers } from "~/features/organisations/organisations.server";
import { personalDataIn, type PersonalDataFindings } from "~/features/privacy/personal-data.server";
import { fail, notFoundFailure, ok, type Result } from "~/lib/result";
import { inTransaction } from "~/lib/transaction.server";
import type { RecordInput, UpdateInput } from "./improvements.schema";

export type ImprovementUser = Pick<CurrentUser, "id" | "organisationId" | "grants">;

export const improvementLink = (id: string) => `/improvements/${id}`;

export interface ImprovementAccess {
  id: string;
  partnershipId: string;
  status: ImprovementStatus;
  version: number;
  views: ImprovementView[];
}

/**
 * The guard every improvement command and query calls first, inside its transaction: who the
 * user is to the improvement, or null when it is missing or not theirs (both read as not_found,
 * so the route answers 404). Denials are audited.
 */
export async function improvementAccessFor(
  db: DB,
  user: ImprovementUser,
  id: string,
  action: "read" | "update",
): Promise<ImprovementAccess | null> {
  const row = await db
    .selectFrom("improvements")
    .select(["id", "partnership_id", "owner_organisation_id", "owner_contact_id", "status", "version"])
    .where("id", "=", id)
    .executeTakeFirst();
  const views = row
    ? improvementViews(user, {
        partnershipId: row.partnership_id,
        ownerOrganisationId: row.owner_organisation_id,
        ownerContactId: row.owner_contact_id,
      })
    : [];
  if (!row || views.length === 0) {
    await audit(db, {
      actor: actorOf(user),
      action: `improvement.${action}`,
      recordType: "improvement",
      recordId: row ? id : null,
      outcome: "denied",
    });
    return null;
  }
  return { id: row.id, partnershipId: row.partnership_id, status: row.status, version: row.version, views };
}

export interface SourceCase {
  id: string;
  number: number;
  partnershipId: string;
  kind: Exclude<ImprovementSource, "own">;
  category: string;
  summary: string;
}

/**
 * The case an improvement comes from: one the user sees as its partnership's coordinator (else
 * null, audited), closed with an improvement agreed or escalated (else "not_eligible").
 */
export async function sourceCaseFor(
  db: DB,
  user: ImprovementUser,
  deviationId: string,
): Promise<SourceCase | "not_eligible" | null> {
  const access = await deviationAccessFor(db, user, deviationId, "read");
  if (!access || !access.views.includes("coordinator")) return null;
  const row = await db
    .selectFrom("deviations")
    .select(["id", "number", "partnership_id", "category", "summary", "closing_outcome", "escalation_level"])
    .where("id", "=", access.id)
    .executeTakeFirstOrThrow();
  const kind =
    row.closing_outcome === "escalated" || row.escalation_level !== null
      ? "escalated_case"
      : row.closing_outcome === "improvement_agreed" && access.status === "closed"
        ? "closed_case"
        : null;
  if (!kind) return "not_eligible";
  return {
    id: row.id,
    number: row.number,
    partnershipId: row.partnership_id,
    kind,
    category: row.category,
    summary: row.summary,
  };
}

type RecordFailure = "invalid" | "personal_data" | "not_eligible";

export async function recordImprovement(
  db: DB,
  user: ImprovementUser,
  input: RecordInput,
): Promise<Result<{ id: string }, RecordFailure, PersonalDataFindings>> {
  return inTransaction(db, async (trx) => {
    if (!recordingPartnerships(user).includes(input.partnershipId)) {
      await audit(trx, {
        actor: actorOf(user),
        action: "improvement.record",
        recordType: "improvement",
        recordId: null,
        outcome: "denied",
      });
      return notFoundFailure();
    }
    let sourceKind: ImprovementSource = "own";
    let sourceId: string | null = null;
    if (input.sourceDeviationId) {
      const source = await sourceCaseFor(trx, user, input.sourceDeviationId);
      if (source === null || (source !== "not_eligible" && source.partnershipId !== input.partnershipId))
        return notFoundFailure();
      if (source === "not_eligible") return fail("not_eligible");
      sourceKind = source.kind;
      sourceId = source.id;
    }
    const fields: Record<string, string> = {};
    const members = new Set((await partnershipMembers(trx, input.partnershipId)).map((o) => o.id));
    if (!members.has(input.ownerOrganisationId)) fields.ownerOrganisationId = "not_member";
    else if (input.ownerContactId) {
      const contact = await trx
        .selectFrom("users")
        .select("id")
        .where("id", "=", input.ownerContactId)
        .where("organisation_id", "=", input.ownerOrganisationId)
        .where("disabled_at", "is", null)
        .executeTakeFirst();
      if (!contact) fields.ownerContactId = "not_of_owner";
    }
    if (Object.keys(fields).length > 0) return fail("invalid", { fields });
    const refused = await personalDataIn(trx, user, { title: input.title, description: input.description });
    if (refused) return refused;
    const id = newId();
    const now = nowIso();
    await trx
      .insertInto("improvements")
      .values({
        id,
        partnership_id: input.partnershipId,
        title: input.title,
        description: input.description ?? "",
        owner_organisation_id: input.ownerOrganisationId,
        owner_contact_id: input.ownerContactId || null,
        due_date: input.dueDate,
        source_kind: sourceKind,
        source_deviation_id: sourceId,
        done_at: null,
        dropped_at: null,
        created_by: user.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto("improvement_categories")
      .values([...new Set(input.categories)].map((category) => ({ improvement_id: id, category })))
      .execute();
    await audit(trx, {
      actor: actorOf(user),
      action: "improvement.record",
      recordType: "improvement",
      recordId: id,
      details: { source: sourceKind, categories: input.categories.length },
    });
    await notify(trx, {
      userIds: await ownersOf(trx, input.ownerOrganisationId, input.ownerContactId || null),
      kind: "improvement.recorded",
      link: improvementLink(id),
    });
    return ok({ id });
  });
}

/** Who follows the improvement up for its owner: the named contact and the organisation's owners by role. */
async function ownersOf(db: DB, organisationId: string, contactId: string | null): Promise<string[]> {
  const rows = await db
    .selectFrom("role_grants")
    .innerJoin("users", "users.id", "role_grants.user_id")
    .select("users.id")
    .distinct()
    .where("role_grants.role", "in", rolesWith("improvements:own"))
    .where("users.organisation_id", "=", organisationId)
    .where("users.disabled_at", "is", null)
    .execute();
  return [...rows.map((r) => r.id), ...(contactId ? [contactId] : [])];
}

/** What a stale save is shown: the improvement as it now stands. */
export interface CurrentValues {
  version: number;
  status: ImprovementStatus;
  statusNote: string;
  dueDate: string;
}

type UpdateFailure = "personal_data" | "conflict";

/** Status, note and due date, by the coordinator or an owner; `version` is the one the form was based on. */
export async function updateImprovement(
  db: DB,
  user: ImprovementUser,
  id: string,
  input: UpdateInput,
  now = new Date(),
): Promise<Result<void, UpdateFailure, PersonalDataFindings | CurrentValues>> {
  return inTransaction(db, async (trx) => {
    const access = await improvementAccessFor(trx, user, id, "update");
    if (!access) return notFoundFailure();
    if (access.version !== input.version) {
      const current = await trx
        .selectFrom("improvements")
        .select(["version", "status", "status_note", "due_date"])
        .where("id", "=", access.id)
        .executeTakeFirstOrThrow();
      return fail<"conflict", CurrentValues>("conflict", {
        detail: {
          version: current.version,
          status: current.status,
          statusNote: current.status_note,
          dueDate: current.due_date,
        },
      });
    }
    const note = input.statusNote?.trim() ?? "";
    const refused = await personalDataIn(trx, user, { statusNote: note });
    if (refused) return refused;
    const at = nowIso(now);
    const changed = access.status !== input.status;
    await trx
      .updateTable("improvements")
      .set({
        status: input.status,
        status_note: note,
        due_date: input.dueDate,
        // Becoming done or dropped stamps the moment; leaving it clears it; staying keeps it.
        done_at: input.status !== "done" ? null : changed ? at : sql<string>`done_at`,
        dropped_at: input.status !== "dropped" ? null : changed ? at : sql<string>`dropped_at`,
        version: sql<number>`version + 1`,
        updated_at: at,
      })
      .where("id", "=", access.id)
      .where("version", "=", input.version)
      .execute();
    await audit(trx, {
      actor: actorOf(user),
      action: "improvement.update",
      recordType: "improvement",
      recordId: access.id,
      details: {
        from: access.status,
        to: input.status,
        as: access.views.includes("coordinator") ? "coordinator" : "owner",
      },
    });
    return ok();
  });
}
