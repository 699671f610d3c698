// Reporting a deviation: any signed-in user, to a partnership their organisation belongs to.
// The report passes the personal-data guard before anything is written.
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import { canAccessPlan, planAccessFilter } from "~/features/access/access.server";
import { reporterRoleOf } from "~/features/access/deviation-policy";
import { utcToStockholm } from "~/features/meetings/meeting-time";
import { notify } from "~/features/notifications/notifications.server";
import { partnershipMembers } from "~/features/organisations/organisations.server";
import { personalDataIn } from "~/features/privacy/personal-data.server";
import type { PersonalDataFindings } from "~/features/privacy/personal-data.server";
import { fail, ok, type Result } from "~/lib/result";
import type { ReportInput } from "./deviations.schema";
import {
  caseLink,
  coordinatorsOf,
  inTransaction,
  managersOf,
  memberIdsOf,
  recordEvent,
  type DeviationUser,
} from "./workflow.server";

/** Partnerships the user's organisation belongs to: where they may report. */
export async function reportablePartnerships(db: DB, user: DeviationUser) {
  return db
    .selectFrom("partnerships")
    .innerJoin("organisation_partnerships", "organisation_partnerships.partnership_id", "partnerships.id")
    .select(["partnerships.id", "partnerships.name", "partnerships.answer_days as answerDays"])
    .where("organisation_partnerships.organisation_id", "=", user.organisationId)
    .orderBy("partnerships.name")
    .execute();
}

/**
 * What the report form offers: the partnerships, their organisations as parties, and the plans
 * the reporter may link (exactly those the access rule lets them see). A plan suggested by the
 * start page is kept only when the reporter may see it.
 */
export async function reportForm(
  db: DB,
  user: DeviationUser,
  { planId, meetingId, organisationId }: { planId?: string; meetingId?: string; organisationId?: string } = {},
) {
  const partnerships = await reportablePartnerships(db, user);
  const organisations = new Map<string, { id: string; name: string }>();
  for (const p of partnerships) {
    for (const o of await partnershipMembers(db, p.id)) organisations.set(o.id, { id: o.id, name: o.name });
  }
  const plans = await db
    .selectFrom("plans")
    .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
    .select(["plans.id", "plans.kind", "person.name"])
    .where(planAccessFilter(user))
    .where("plans.status", "!=", "closed")
    .orderBy("person.name")
    .limit(200)
    .execute();
  const suggestedPlanId = planId && (await canAccessPlan(db, user, planId)) ? planId : undefined;
  // A missed meeting on that plan: the meeting's date, and the absent party ticked.
  const meeting =
    suggestedPlanId && meetingId
      ? await db
          .selectFrom("meetings")
          .select("starts_at")
          .where("id", "=", meetingId)
          .where("plan_id", "=", suggestedPlanId)
          .executeTakeFirst()
      : undefined;
  return {
    suggestedEventDate: meeting ? utcToStockholm(meeting.starts_at).date : undefined,
    suggestedPartyIds: organisationId && organisations.has(organisationId) ? [organisationId] : [],
    partnerships: partnerships.map((p) => ({ id: p.id, name: p.name })),
    organisations: [...organisations.values()].sort((a, b) => a.name.localeCompare(b.name, "sv")),
    plans,
    suggestedPlanId,
    /** The answer time of the first partnership: the suggestion text mentions it. */
    answerDays: partnerships[0]?.answerDays ?? 14,
  };
}

export type ReportFailure = "personal_data" | "partnership";

/**
 * Files a report. Parties outside the partnership are dropped, and so is a plan the reporter
 * may not see; a partnership the reporter's organisation is not in is refused. A routine case
 * goes to the managers of the organisation whose routine was not followed (the reporter's own
 * unless another of the partnership's is chosen), never to the partnership's coordinator.
 */
export async function reportDeviation(
  db: DB,
  user: DeviationUser,
  input: ReportInput,
): Promise<Result<{ id: string }, ReportFailure, PersonalDataFindings>> {
  return inTransaction(db, async (trx) => {
    const partnerships = await reportablePartnerships(trx, user);
    if (!partnerships.some((p) => p.id === input.partnershipId)) {
      return fail("partnership", { fields: { partnershipId: "not_allowed" } });
    }
    const refused = await personalDataIn(trx, user, {
      description: input.description,
      triedLocally: input.triedLocally,
      suggestedImprovement: input.suggestedImprovement,
    });
    if (refused) return refused;

    const members = await memberIdsOf(trx, input.partnershipId);
    const partyIds = [...new Set(input.partyIds)].filter((id) => members.has(id));
    const planId = input.planId && (await canAccessPlan(trx, user, input.planId)) ? input.planId : null;
    const routine = input.kind === "routine";
    const routineOrganisationId = !routine
      ? null
      : input.routineOrganisationId && members.has(input.routineOrganisationId)
        ? input.routineOrganisationId
        : user.organisationId;
    const last = await trx
      .selectFrom("deviations")
      .select((eb) => eb.fn.max("number").as("n"))
      .where("partnership_id", "=", input.partnershipId)
      .executeTakeFirst();
    const id = newId();
    const now = nowIso();
    await trx
      .insertInto("deviations")
      .values({
        id,
        partnership_id: input.partnershipId,
        number: Number(last?.n ?? 0) + 1,
        event_date: input.eventDate,
        reporter_id: user.id,
        reporter_organisation_id: user.organisationId,
        reporter_role: reporterRoleOf(user),
        kind: input.kind,
        handler: routine ? "manager" : "coordinator",
        routine_organisation_id: routineOrganisationId,
        category: input.category,
        consequence: input.consequence,
        description: input.description,
        tried_locally: input.triedLocally ?? "",
        suggested_improvement: input.suggestedImprovement ?? "",
        plan_id: planId,
        status: "submitted",
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (partyIds.length > 0) {
      await trx
        .insertInto("deviation_parties")
        .values(
          partyIds.map((organisation_id) => ({
            deviation_id: id,
            organisation_id,
            partnership_id: input.partnershipId,
            event_date: input.eventDate,
          })),
        )
        .execute();
    }
    await recordEvent(trx, id, user, "submit");
    await notify(trx, {
      userIds: routineOrganisationId
        ? await managersOf(trx, routineOrganisationId)
        : await coordinatorsOf(trx, input.partnershipId),
      kind: "deviation.submitted",
      link: caseLink(id),
    });
    return ok({ id });
  });
}
