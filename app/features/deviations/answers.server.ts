// The parties' answers: a contact answers for their own organisation, or the coordinator
// records an answer received elsewhere. The case is answered when every routed party has.
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import { answeringOrganisation } from "~/features/access/deviation-policy";
import { notify } from "~/features/notifications/notifications.server";
import { personalDataIn, type PersonalDataFindings } from "~/features/privacy/personal-data.server";
import { fail, ok, type Result } from "~/lib/result";
import { caseLink, handlersOf, onOpenCase, recordEvent, setStatus, type DeviationUser } from "./workflow.server";

/**
 * Writes down on the case when its first routed party answered and when the last one did
 * (null while any is open), for the period summary. Called after every change to its routes.
 */
export async function syncAnswerFacts(trx: DB, deviationId: string): Promise<void> {
  const routes = await trx
    .selectFrom("deviation_routes")
    .select("answered_at")
    .where("deviation_id", "=", deviationId)
    .execute();
  const answers = routes
    .map((r) => r.answered_at)
    .filter((a): a is string => a !== null)
    .sort();
  await trx
    .updateTable("deviations")
    .set({
      first_answered_at: answers[0] ?? null,
      answered_at: answers.length > 0 && answers.length === routes.length ? answers[answers.length - 1] : null,
    })
    .where("id", "=", deviationId)
    .execute();
}

export async function answer(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  input: { organisationId?: string; body: string },
): Promise<Result<void, "personal_data" | "not_routed" | "closed", PersonalDataFindings>> {
  return onOpenCase(db, user, deviationId, "answer", async (trx, access) => {
    const organisationId = answeringOrganisation(access.views, user.organisationId, input.organisationId);
    const route = await trx
      .selectFrom("deviation_routes")
      .select(["answered_at"])
      .where("deviation_id", "=", access.id)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (!route) return fail("not_routed", { fields: { organisationId: "not_routed" } });
    const refused = await personalDataIn(trx, user, { body: input.body });
    if (refused) return refused;

    const now = nowIso();
    await trx
      .insertInto("deviation_answers")
      .values({
        id: newId(),
        deviation_id: access.id,
        organisation_id: organisationId,
        author_id: user.id,
        body: input.body,
        created_at: now,
      })
      .execute();
    if (!route.answered_at) {
      await trx
        .updateTable("deviation_routes")
        .set({ answered_at: now })
        .where("deviation_id", "=", access.id)
        .where("organisation_id", "=", organisationId)
        .execute();
      await syncAnswerFacts(trx, access.id);
    }
    const open = await trx
      .selectFrom("deviation_routes")
      .select("organisation_id")
      .where("deviation_id", "=", access.id)
      .where("answered_at", "is", null)
      .execute();
    if (open.length === 0 && access.status === "awaiting_response") await setStatus(trx, access.id, "answered");
    await recordEvent(trx, access.id, user, "answer", { organisationId });
    await notify(trx, {
      userIds: [...(await handlersOf(trx, access)), access.reporterId],
      kind: "deviation.answered",
      link: caseLink(access.id),
    });
    return ok();
  });
}
