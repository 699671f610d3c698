// Decisions taken at a meeting, noted from its day on; a decision can become a plan action, in
// the same step or later.
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import type { AccessUser, PlanAccess } from "~/features/access/access.server";
import { recordHistory } from "~/features/plans/history.server";
import { addAction, partnerOrganisations } from "~/features/plans/plan-parts.server";
import { fail, notFoundFailure, ok, type Result } from "~/lib/result";
import { todayInStockholm } from "~/lib/time";
import {
  auditMeeting,
  canManage,
  hasBegun,
  meetingAccessFor,
  refuse,
  type ManageFailure,
} from "./meeting-access.server";
import { utcToStockholm } from "./meeting-time";

export interface ActionFromDecision {
  responsibleOrganisationId: string;
  dueDate: string | null;
}

export type DecisionFailure = ManageFailure | "too_early" | "bad_organisation" | "has_action";
export type DecisionResult = Result<undefined, DecisionFailure>;

/** The checks every decision step shares; inside the step's transaction. */
async function decisionGuard(
  trx: DB,
  user: AccessUser,
  meetingId: string,
  action: ActionFromDecision | null,
  today: string,
) {
  const found = await meetingAccessFor(trx, user, meetingId, "meeting.decision", today);
  if (!found) return notFoundFailure();
  const { access, meeting } = found;
  if (!canManage(user, meeting)) return refuse(trx, user, access, "meeting.decision", meetingId, "not_allowed");
  if (meeting.status === "cancelled") return fail("not_scheduled");
  if (!hasBegun(meeting.startsAt, today)) return fail("too_early");
  // An action goes to an organisation that shares a partnership with the lead organisation.
  if (action && !(await partnerOrganisations(trx, access)).some((o) => o.id === action.responsibleOrganisationId))
    return fail("bad_organisation");
  return ok({ access, startDate: utcToStockholm(meeting.startsAt).date });
}

/** The plan action is the plans feature's own command, with its own transaction and audit. */
function createAction(
  db: DB,
  user: AccessUser,
  access: PlanAccess,
  text: string,
  startDate: string,
  action: ActionFromDecision,
) {
  return addAction(db, user, access.planId, {
    responsibleOrganisationId: action.responsibleOrganisationId,
    responsibleUserId: null,
    description: text,
    startDate,
    dueDate: action.dueDate,
    status: "planned",
  });
}

/** A decision taken at the meeting; with `action` it becomes a plan action in the same step. */
export async function addDecision(
  db: DB,
  user: AccessUser,
  meetingId: string,
  input: { text: string; action: ActionFromDecision | null },
  today = todayInStockholm(),
): Promise<DecisionResult> {
  const result = await db.transaction().execute(async (trx) => {
    const guard = await decisionGuard(trx, user, meetingId, input.action, today);
    if (!guard.ok) return guard;
    const { access } = guard.value;
    const id = newId();
    await trx
      .insertInto("meeting_decisions")
      .values({
        id,
        meeting_id: meetingId,
        text: input.text,
        action_id: null,
        created_by: user.id,
        created_at: nowIso(),
      })
      .execute();
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "meeting.decision",
      after: { description: input.text },
    });
    await auditMeeting(trx, user, access, "meeting.decision", id, {
      recordType: "meeting_decision",
      details: { meetingId, actionId: null },
    });
    return ok({ ...guard.value, decisionId: id });
  });
  if (!result.ok) return result;
  if (input.action) await linkNewAction(db, user, result.value, input.text, input.action);
  return ok();
}

/** Turns an earlier decision into a plan action. */
export async function decisionToAction(
  db: DB,
  user: AccessUser,
  meetingId: string,
  decisionId: string,
  action: ActionFromDecision,
  today = todayInStockholm(),
): Promise<DecisionResult> {
  const result = await db.transaction().execute(async (trx) => {
    const guard = await decisionGuard(trx, user, meetingId, action, today);
    if (!guard.ok) return guard;
    const decision = await trx
      .selectFrom("meeting_decisions")
      .select(["id", "text", "action_id"])
      .where("id", "=", decisionId)
      .where("meeting_id", "=", meetingId)
      .executeTakeFirst();
    if (!decision) return notFoundFailure();
    if (decision.action_id) return fail("has_action");
    return ok({ ...guard.value, decisionId, text: decision.text });
  });
  if (!result.ok) return result;
  await linkNewAction(db, user, result.value, result.value.text, action);
  return ok();
}

/** Creates the plan action and links the decision to it, auditing the link. */
async function linkNewAction(
  db: DB,
  user: AccessUser,
  checked: { access: PlanAccess; startDate: string; decisionId: string },
  text: string,
  action: ActionFromDecision,
) {
  const { access, startDate, decisionId } = checked;
  const created = await createAction(db, user, access, text, startDate, action);
  if (!created.ok) return created;
  const actionId = created.value;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("meeting_decisions").set({ action_id: actionId }).where("id", "=", decisionId).execute();
    await auditMeeting(trx, user, access, "meeting.decision_action", decisionId, {
      recordType: "meeting_decision",
      details: { actionId },
    });
  });
}
