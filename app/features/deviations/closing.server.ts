// Closing the loop: the closing outcome and the note the reporter reads, escalation, the
// steering group's agenda, publishing to steering members, and reopening.
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";
import type { CLOSING_OUTCOMES, ESCALATION_LEVELS } from "#db/schema";
import { notify } from "~/features/notifications/notifications.server";
import { personalDataIn, type PersonalDataFindings } from "~/features/privacy/personal-data.server";
import { fail, ok, type Result } from "~/lib/result";
import { mayPublish } from "./steps";
import {
  caseLink,
  onCase,
  onOpenCase,
  recordEvent,
  setStatus,
  updateCase,
  type DeviationUser,
} from "./workflow.server";

type ClosingOutcome = (typeof CLOSING_OUTCOMES)[number];
type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export async function closeCase(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  input: { outcome: ClosingOutcome; note: string; escalationLevel?: EscalationLevel },
): Promise<Result<void, "personal_data" | "closed", PersonalDataFindings>> {
  return onOpenCase(db, user, deviationId, "close", async (trx, access) => {
    const refused = await personalDataIn(trx, user, { note: input.note });
    if (refused) return refused;
    await setStatus(trx, access.id, "closed", {
      closing_outcome: input.outcome,
      closing_note: input.note,
      escalation_level: input.outcome === "escalated" ? (input.escalationLevel ?? null) : sql`escalation_level`,
      closed_at: nowIso(),
    });
    await recordEvent(trx, access.id, user, "close", {
      outcome: input.outcome,
      escalationLevel: input.escalationLevel ?? null,
    });
    await notify(trx, { userIds: [access.reporterId], kind: "deviation.closed", link: caseLink(access.id) });
    return ok();
  });
}

export async function escalate(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  level: EscalationLevel,
): Promise<Result<void, "closed">> {
  return onOpenCase(db, user, deviationId, "escalate", async (trx, access) => {
    await updateCase(trx, access.id, { escalation_level: level });
    await recordEvent(trx, access.id, user, "escalate", { level });
    return ok();
  });
}

/** Puts the case on a steering-group meeting's agenda (or takes it off with null); closed cases too. */
export async function setAgenda(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  date: string | null,
): Promise<Result<void>> {
  return onCase(db, user, deviationId, "agenda", async (trx, access) => {
    await updateCase(trx, access.id, { agenda_date: date });
    await recordEvent(trx, access.id, user, "agenda", { date });
    return ok();
  });
}

/** Publishing shows the summary and the answers to the partnership's steering members: answered or closed cases only. */
export async function publish(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  published: boolean,
): Promise<Result<void, "not_answered">> {
  return onCase(db, user, deviationId, "publish", async (trx, access) => {
    if (published && !mayPublish(access.status)) return fail("not_answered");
    await updateCase(trx, access.id, { published_at: published ? nowIso() : null });
    await recordEvent(trx, access.id, user, published ? "publish" : "unpublish");
    return ok();
  });
}

/** Reopens a closed case for review; the reason goes into the case's history and passes the guard like any text. */
export async function reopen(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  reason: string,
): Promise<Result<void, "personal_data" | "not_closed", PersonalDataFindings>> {
  return onCase(db, user, deviationId, "reopen", async (trx, access) => {
    if (access.status !== "closed") return fail("not_closed");
    const refused = await personalDataIn(trx, user, { reason });
    if (refused) return refused;
    await setStatus(trx, access.id, "in_review", { closed_at: null, closing_outcome: null });
    await recordEvent(trx, access.id, user, "reopen", { reason });
    await notify(trx, { userIds: [access.reporterId], kind: "deviation.reopened", link: caseLink(access.id) });
    return ok();
  });
}
