// The coordinator's triage: kind, category, consequence, parties and the de-identified summary;
// questions to the reporter and the reporter's replies; routing to the parties concerned.
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import type { ReportInput } from "./deviations.schema";
import { notify } from "~/features/notifications/notifications.server";
import { personalDataIn, type PersonalDataFindings } from "~/features/privacy/personal-data.server";
import { fail, ok, type Result } from "~/lib/result";
import { syncAnswerFacts } from "./answers.server";
import {
  caseLink,
  contactsOf,
  handlersOf,
  memberIdsOf,
  onOpenCase,
  recordEvent,
  setStatus,
  updateCase,
  type DeviationUser,
} from "./workflow.server";

type TextResult = Result<void, "personal_data" | "closed", PersonalDataFindings>;

/** Parties outside the case's partnership are dropped. */
export async function triage(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  input: Pick<ReportInput, "kind" | "category" | "consequence" | "partyIds"> & { summary: string },
): Promise<TextResult> {
  return onOpenCase(db, user, deviationId, "triage", async (trx, access) => {
    const refused = await personalDataIn(trx, user, { summary: input.summary });
    if (refused) return refused;
    // A manager triages inside their organisation: the case stays a routine case with the
    // parties the reporter named (the manager is not shown the partnership's organisations).
    const managed = access.handler === "manager";
    const members = await memberIdsOf(trx, access.partnershipId);
    const partyIds = managed
      ? (
          await trx
            .selectFrom("deviation_parties")
            .select("organisation_id")
            .where("deviation_id", "=", access.id)
            .execute()
        ).map((p) => p.organisation_id)
      : [...new Set(input.partyIds)].filter((id) => members.has(id));
    const kind = managed ? "routine" : input.kind;
    await updateCase(trx, access.id, {
      kind,
      category: input.category,
      consequence: input.consequence,
      summary: input.summary,
      status: access.status === "submitted" ? "in_review" : access.status,
    });
    await trx.deleteFrom("deviation_parties").where("deviation_id", "=", access.id).execute();
    if (partyIds.length > 0) {
      await trx
        .insertInto("deviation_parties")
        .values(
          partyIds.map((organisation_id) => ({
            deviation_id: access.id,
            organisation_id,
            partnership_id: access.partnershipId,
            event_date: access.eventDate,
          })),
        )
        .execute();
    }
    await recordEvent(trx, access.id, user, "triage", {
      category: input.category,
      kind,
      parties: partyIds.length,
    });
    if (access.status === "submitted")
      await notify(trx, { userIds: [access.reporterId], kind: "deviation.in_review", link: caseLink(access.id) });
    return ok();
  });
}

async function addMessage(trx: DB, deviationId: string, user: DeviationUser, kind: "question" | "reply", body: string) {
  await trx
    .insertInto("deviation_messages")
    .values({ id: newId(), deviation_id: deviationId, author_id: user.id, kind, body, created_at: nowIso() })
    .execute();
}

export async function askReporter(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  question: string,
): Promise<TextResult> {
  return onOpenCase(db, user, deviationId, "ask", async (trx, access) => {
    const refused = await personalDataIn(trx, user, { body: question });
    if (refused) return refused;
    await addMessage(trx, access.id, user, "question", question);
    if (access.status === "submitted") await setStatus(trx, access.id, "in_review");
    await recordEvent(trx, access.id, user, "question");
    await notify(trx, { userIds: [access.reporterId], kind: "deviation.question", link: caseLink(access.id) });
    return ok();
  });
}

export async function replyAsReporter(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  reply: string,
): Promise<TextResult> {
  return onOpenCase(db, user, deviationId, "reply", async (trx, access) => {
    const refused = await personalDataIn(trx, user, { body: reply });
    if (refused) return refused;
    await addMessage(trx, access.id, user, "reply", reply);
    await recordEvent(trx, access.id, user, "reply");
    await notify(trx, {
      userIds: await handlersOf(trx, access),
      kind: "deviation.reply",
      link: caseLink(access.id),
    });
    return ok();
  });
}

/** Routes the case to organisations of its partnership (others are dropped), with an answer-by date. */
export async function routeToParties(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  input: { organisationIds: string[]; answerBy: string },
): Promise<Result<void, "no_parties" | "closed">> {
  return onOpenCase(db, user, deviationId, "route", async (trx, access) => {
    const members = await memberIdsOf(trx, access.partnershipId);
    const chosen = [...new Set(input.organisationIds)].filter((id) => members.has(id));
    if (chosen.length === 0) return fail("no_parties", { fields: { organisationIds: "required" } });
    const now = nowIso();
    const existing = new Set(
      (
        await trx
          .selectFrom("deviation_routes")
          .select("organisation_id")
          .where("deviation_id", "=", access.id)
          .execute()
      ).map((r) => r.organisation_id),
    );
    const fresh = chosen.filter((id) => !existing.has(id));
    if (fresh.length > 0) {
      await trx
        .insertInto("deviation_routes")
        .values(
          fresh.map((organisation_id) => ({
            deviation_id: access.id,
            organisation_id,
            partnership_id: access.partnershipId,
            event_date: access.eventDate,
            routed_at: now,
            answer_by: input.answerBy,
            answered_at: null,
          })),
        )
        .execute();
      await syncAnswerFacts(trx, access.id);
    }
    await setStatus(trx, access.id, "awaiting_response", { answer_by: input.answerBy, routed_at: now });
    await recordEvent(trx, access.id, user, "route", { organisations: fresh.length, answerBy: input.answerBy });
    await notify(trx, { userIds: await contactsOf(trx, fresh), kind: "deviation.routed", link: caseLink(access.id) });
    await notify(trx, { userIds: [access.reporterId], kind: "deviation.routed_reporter", link: caseLink(access.id) });
    return ok();
  });
}
