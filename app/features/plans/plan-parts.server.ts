// The parts of a plan several organisations work on: actions, follow-ups and notes. Each command
// calls the access guard, checks its rules and writes history and audit in one transaction.
import type { DB } from "#db/client.server";
import { newId, nowIso, toBool } from "#db/portable";
import type { ActionStatus } from "#db/schema";
import { planAccessFor, type AccessUser, type PlanAccess } from "~/features/access/access.server";
import { actorOf } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { fail, notFoundFailure, ok, type Result } from "~/lib/result";
import { inTransaction } from "~/lib/transaction.server";
import { planSettings } from "~/features/organisations/partnership-settings.server";
import { beyondInterval } from "./cadence";
import { diff, recordHistory } from "./history.server";
import type { ActionConflict, PartnerOrganisation } from "./plan-view";

function auditWrite(
  trx: DB,
  user: AccessUser,
  access: PlanAccess,
  action: string,
  recordType: string,
  recordId: string,
  details?: Record<string, unknown>,
) {
  return audit(trx, {
    actor: actorOf(user),
    action,
    recordType,
    recordId,
    planId: access.planId,
    personId: access.personId,
    details,
  });
}

/** Organisations that can take on actions or be named in a consent: those sharing a partnership with the lead. */
export async function partnerOrganisations(
  db: DB,
  access: Pick<PlanAccess, "leadOrganisationId">,
): Promise<PartnerOrganisation[]> {
  return db
    .selectFrom("organisations")
    .select(["organisations.id", "organisations.name", "organisations.kind"])
    .where("organisations.id", "in", (eb) =>
      eb
        .selectFrom("organisation_partnerships as mine")
        .innerJoin("organisation_partnerships as theirs", "theirs.partnership_id", "mine.partnership_id")
        .select("theirs.organisation_id")
        .where("mine.organisation_id", "=", access.leadOrganisationId),
    )
    .orderBy("organisations.name")
    .execute();
}

export interface ActionInput {
  responsibleOrganisationId: string;
  responsibleUserId: string | null;
  description: string;
  startDate: string | null;
  dueDate: string | null;
  status: ActionStatus;
  /** From the partnership's list; actions made from meeting decisions have none yet. */
  insatsType?: string | null;
  /** The person does it themself; the responsible organisation is the one that recorded it. */
  byPerson?: boolean;
}

/**
 * A new action. The responsible organisation must be a partner of the lead organisation, and a
 * responsible person must be on the team and belong to that organisation.
 */
export async function addAction(
  db: DB,
  user: AccessUser,
  planId: string,
  input: ActionInput,
): Promise<Result<string, "invalid">> {
  return inTransaction(db, async (trx) => {
    const access = await planAccessFor(trx, user, planId, "action.create");
    if (!access) return notFoundFailure();
    const partners = await partnerOrganisations(trx, access);
    if (!partners.some((o) => o.id === input.responsibleOrganisationId)) {
      return fail("invalid", { fields: { responsibleOrganisationId: "not_partner" } });
    }
    if (input.responsibleUserId) {
      const member = await trx
        .selectFrom("plan_team")
        .innerJoin("users", "users.id", "plan_team.user_id")
        .select("users.organisation_id")
        .where("plan_team.plan_id", "=", access.planId)
        .where("plan_team.user_id", "=", input.responsibleUserId)
        .executeTakeFirst();
      if (member?.organisation_id !== input.responsibleOrganisationId) {
        return fail("invalid", { fields: { responsibleUserId: "not_in_organisation" } });
      }
    }
    if (input.startDate && input.dueDate && input.dueDate < input.startDate) {
      return fail("invalid", { fields: { dueDate: "before_start" } });
    }
    if (
      input.insatsType &&
      !(await planSettings(trx, access.leadOrganisationId)).actionTypes.includes(input.insatsType)
    ) {
      return fail("invalid", { fields: { insatsType: "not_on_list" } });
    }
    const id = newId();
    const now = nowIso();
    await trx
      .insertInto("plan_actions")
      .values({
        id,
        plan_id: access.planId,
        responsible_organisation_id: input.responsibleOrganisationId,
        responsible_user_id: input.responsibleUserId,
        description: input.description,
        start_date: input.startDate,
        due_date: input.dueDate,
        status: input.status,
        insats_type: input.insatsType ?? null,
        by_person: toBool(input.byPerson ?? false),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "action.add",
      after: {
        description: input.description,
        status: input.status,
        dueDate: input.dueDate,
        ...(input.insatsType ? { insatsType: input.insatsType } : {}),
        ...(input.byPerson ? { byPerson: true } : {}),
      },
    });
    await auditWrite(trx, user, access, "action.create", "plan_action", id);
    return ok(id);
  });
}

/** Saves an action's status and due date unless someone saved it since `version` was read. */
export async function updateAction(
  db: DB,
  user: AccessUser,
  planId: string,
  actionId: string,
  input: { version: number; status: ActionStatus; dueDate: string | null },
): Promise<Result<undefined, "conflict", ActionConflict>> {
  return inTransaction(db, async (trx) => {
    const access = await planAccessFor(trx, user, planId, "action.update");
    if (!access) return notFoundFailure();
    const current = await trx
      .selectFrom("plan_actions")
      .select(["status", "due_date", "version", "description"])
      .where("id", "=", actionId)
      .where("plan_id", "=", access.planId)
      .executeTakeFirst();
    if (!current) return notFoundFailure();
    if (current.version !== input.version) {
      return fail("conflict", {
        detail: {
          actionId,
          saved: { status: current.status, dueDate: current.due_date, version: current.version },
          attempted: { status: input.status, dueDate: input.dueDate, version: input.version },
        },
      });
    }
    const changes = diff(
      { status: current.status, dueDate: current.due_date },
      { status: input.status, dueDate: input.dueDate },
    );
    if (changes.changed.length === 0) return ok();
    await trx
      .updateTable("plan_actions")
      .set({ status: input.status, due_date: input.dueDate, version: current.version + 1, updated_at: nowIso() })
      .where("id", "=", actionId)
      .execute();
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "action.update",
      before: { description: current.description, ...changes.before },
      after: { description: current.description, ...changes.after },
    });
    await auditWrite(trx, user, access, "action.update", "plan_action", actionId, { fields: changes.changed });
    return ok();
  });
}

/** A follow-up always sets the next date, after the one held (DESIGN.md: "the next date is set every time"). */
export async function recordFollowUp(
  db: DB,
  user: AccessUser,
  planId: string,
  input: {
    heldOn: string;
    reviewed: string;
    nextDate: string;
    /** Given by the plan page's form, where the cadence rule is checked; the meeting minutes leave it out. */
    intervalReason?: string | null;
    /** A step of the partnership's scale (1 = the first); checked against it when given. */
    progressionStep?: number | null;
  },
): Promise<Result<{ id: string; version: number }, "invalid">> {
  return inTransaction(db, async (trx) => {
    const access = await planAccessFor(trx, user, planId, "follow_up.create");
    if (!access) return notFoundFailure();
    if (input.nextDate <= input.heldOn) return fail("invalid", { fields: { nextDate: "not_after_held" } });
    const settings = await planSettings(trx, access.leadOrganisationId);
    const beyond = beyondInterval(input.heldOn, input.nextDate, settings.maxFollowUpMonths);
    const intervalReason = beyond ? input.intervalReason?.trim() || null : null;
    if (beyond && input.intervalReason !== undefined && !intervalReason) {
      return fail("invalid", { fields: { intervalReason: "required_beyond_interval" } });
    }
    const step = input.progressionStep ?? null;
    if (step !== null && !(Number.isInteger(step) && step >= 1 && step <= settings.progressionSteps.length)) {
      return fail("invalid", { fields: { progressionStep: "not_on_scale" } });
    }
    const id = newId();
    const plan = await trx
      .selectFrom("plans")
      .select(["next_follow_up", "version"])
      .where("id", "=", access.planId)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("plan_follow_ups")
      .values({
        id,
        plan_id: access.planId,
        lead_organisation_id: access.leadOrganisationId,
        held_on: input.heldOn,
        due_on: plan.next_follow_up,
        reviewed: input.reviewed,
        next_date: input.nextDate,
        interval_reason: intervalReason,
        progression_step: step,
        recorded_by: user.id,
        created_at: nowIso(),
      })
      .execute();
    await trx
      .updateTable("plans")
      .set({
        next_follow_up: input.nextDate,
        follow_up_reason: intervalReason,
        version: plan.version + 1,
        updated_at: nowIso(),
      })
      .where("id", "=", access.planId)
      .execute();
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "follow_up.record",
      before: { nextFollowUp: plan.next_follow_up },
      after: {
        heldOn: input.heldOn,
        nextFollowUp: input.nextDate,
        ...(intervalReason ? { followUpReason: intervalReason } : {}),
        ...(step !== null ? { progressionStep: `${step}. ${settings.progressionSteps[step - 1]}` } : {}),
      },
    });
    await auditWrite(trx, user, access, "follow_up.create", "plan_follow_up", id);
    return ok({ id, version: plan.version + 1 });
  });
}

export async function addNote(db: DB, user: AccessUser, planId: string, body: string): Promise<Result<string>> {
  return inTransaction(db, async (trx) => {
    const access = await planAccessFor(trx, user, planId, "note.create");
    if (!access) return notFoundFailure();
    const id = newId();
    await trx
      .insertInto("plan_notes")
      .values({ id, plan_id: access.planId, author_id: user.id, body, created_at: nowIso() })
      .execute();
    await recordHistory(trx, { planId: access.planId, userId: user.id, change: "note.add" });
    await auditWrite(trx, user, access, "note.create", "plan_note", id);
    return ok(id);
  });
}
