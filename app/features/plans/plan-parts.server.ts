// The parts of a plan several organisations work on: team, actions, follow-ups and notes.
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import type { ActionStatus } from "#db/schema";
import type { PlanAccess } from "~/features/access/access.server";
import { audit } from "~/features/audit/audit.server";
import { updatePersonDetails } from "~/features/persons/persons.server";
import { diff, recordHistory } from "./history.server";
import type { PlanUser, SaveResult } from "./plans.server";
import { joinTeam, leaveTeam } from "./team.server";

const actorOf = (user: PlanUser) => ({ userId: user.id, organisationId: user.organisationId });

function auditWrite(
  trx: DB,
  user: PlanUser,
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

/** Caseworkers of organisations that share a partnership with the lead organisation, not yet on the team. */
export async function teamCandidates(db: DB, access: PlanAccess) {
  return db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .innerJoin("role_grants", (join) =>
      join.onRef("role_grants.user_id", "=", "users.id").on("role_grants.role", "=", "caseworker"),
    )
    .select(["users.id", "users.name", "organisations.name as organisation_name"])
    .where("users.disabled_at", "is", null)
    .where("users.organisation_id", "in", (eb) =>
      eb
        .selectFrom("organisation_partnerships as mine")
        .innerJoin("organisation_partnerships as theirs", "theirs.partnership_id", "mine.partnership_id")
        .select("theirs.organisation_id")
        .where("mine.organisation_id", "=", access.leadOrganisationId),
    )
    .where("users.id", "not in", (eb) =>
      eb.selectFrom("plan_team").select("user_id").where("plan_id", "=", access.planId),
    )
    .orderBy("organisations.name")
    .orderBy("users.name")
    .execute();
}

/** Organisations that can take on actions or be named in a consent: those sharing a partnership with the lead. */
export async function partnerOrganisations(db: DB, access: PlanAccess) {
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

export async function addTeamMember(db: DB, user: PlanUser, access: PlanAccess, memberId: string): Promise<boolean> {
  const candidates = await teamCandidates(db, access);
  const candidate = candidates.find((c) => c.id === memberId);
  if (!candidate) return false;
  await db.transaction().execute(async (trx) => {
    await joinTeam(trx, access.planId, memberId);
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "team.add",
      after: { member: candidate.name, organisation: candidate.organisation_name },
    });
    await auditWrite(trx, user, access, "team.add", "plan", access.planId, { memberId });
  });
  return true;
}

/** The lead user stays on the team; hand the plan over first. */
export async function removeTeamMember(
  db: DB,
  user: PlanUser,
  access: PlanAccess,
  memberId: string,
): Promise<"removed" | "is_lead" | "not_member"> {
  return db.transaction().execute(async (trx) => {
    const plan = await trx
      .selectFrom("plans")
      .select("lead_user_id")
      .where("id", "=", access.planId)
      .executeTakeFirstOrThrow();
    if (plan.lead_user_id === memberId) return "is_lead";
    const member = await trx
      .selectFrom("plan_team")
      .innerJoin("users", "users.id", "plan_team.user_id")
      .select("users.name")
      .where("plan_team.plan_id", "=", access.planId)
      .where("plan_team.user_id", "=", memberId)
      .executeTakeFirst();
    if (!member) return "not_member";
    await leaveTeam(trx, access.planId, memberId);
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "team.remove",
      before: { member: member.name },
    });
    await auditWrite(trx, user, access, "team.remove", "plan", access.planId, { memberId });
    return "removed";
  });
}

export interface ActionInput {
  responsibleOrganisationId: string;
  responsibleUserId: string | null;
  description: string;
  startDate: string | null;
  dueDate: string | null;
  status: ActionStatus;
}

export async function addAction(db: DB, user: PlanUser, access: PlanAccess, input: ActionInput): Promise<string> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
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
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "action.add",
      after: { description: input.description, status: input.status, dueDate: input.dueDate },
    });
    await auditWrite(trx, user, access, "action.create", "plan_action", id);
  });
  return id;
}

export async function updateAction(
  db: DB,
  user: PlanUser,
  access: PlanAccess,
  actionId: string,
  input: { version: number; status: ActionStatus; dueDate: string | null },
): Promise<SaveResult<{ status: ActionStatus; dueDate: string | null; version: number }> | null> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("plan_actions")
      .select(["status", "due_date", "version", "description"])
      .where("id", "=", actionId)
      .where("plan_id", "=", access.planId)
      .executeTakeFirst();
    if (!current) return null;
    if (current.version !== input.version) {
      return {
        ok: false as const,
        conflict: {
          saved: { status: current.status, dueDate: current.due_date, version: current.version },
          attempted: { status: input.status, dueDate: input.dueDate, version: input.version },
        },
      };
    }
    const changes = diff(
      { status: current.status, dueDate: current.due_date },
      { status: input.status, dueDate: input.dueDate },
    );
    if (changes.changed.length === 0) return { ok: true as const };
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
    return { ok: true as const };
  });
}

/** A follow-up always sets the next date (DESIGN.md: "the next date is set every time"). */
export async function recordFollowUp(
  db: DB,
  user: PlanUser,
  access: PlanAccess,
  input: { heldOn: string; reviewed: string; nextDate: string },
): Promise<string> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
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
        recorded_by: user.id,
        created_at: nowIso(),
      })
      .execute();
    await trx
      .updateTable("plans")
      .set({ next_follow_up: input.nextDate, version: plan.version + 1, updated_at: nowIso() })
      .where("id", "=", access.planId)
      .execute();
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "follow_up.record",
      before: { nextFollowUp: plan.next_follow_up },
      after: { heldOn: input.heldOn, nextFollowUp: input.nextDate },
    });
    await auditWrite(trx, user, access, "follow_up.create", "plan_follow_up", id);
  });
  return id;
}

export async function addNote(db: DB, user: PlanUser, access: PlanAccess, body: string): Promise<string> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("plan_notes")
      .values({ id, plan_id: access.planId, author_id: user.id, body, created_at: nowIso() })
      .execute();
    await recordHistory(trx, { planId: access.planId, userId: user.id, change: "note.add" });
    await auditWrite(trx, user, access, "note.create", "plan_note", id);
  });
  return id;
}

export async function savePersonDetails(
  db: DB,
  user: PlanUser,
  access: PlanAccess,
  input: { name: string; protectedIdentity: boolean; address?: string; phone?: string; email?: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await updatePersonDetails(trx, access.personId, input);
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "person.update",
      after: { protectedIdentity: input.protectedIdentity },
    });
    await auditWrite(trx, user, access, "person.update", "person", access.personId);
  });
}
