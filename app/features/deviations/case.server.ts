// Reading one case, as the reader may see it (app/features/access/deviation-policy.ts decides):
// the reporter only for coordinators, the reporter's own words only for coordinators and the
// reporter, the linked plan only for those who may see the plan. Every read is audited.
import type { DB } from "#db/client.server";
import { fromJson } from "#db/portable";
import { canAccessPlan } from "~/features/access/access.server";
import { actorOf } from "~/features/access/current-user";
import { deviationSight } from "~/features/access/deviation-policy";
import { audit } from "~/features/audit/audit.server";
import { partnershipMembers } from "~/features/organisations/organisations.server";
import { addDays, todayInStockholm } from "~/lib/time";
import { notFoundFailure, ok, type Result } from "~/lib/result";
import { toAnswer, toCase, toEvent, toMessage, toRoute, type DeviationCase } from "./mapping";
import { deviationAccessFor, type DeviationAccess, type DeviationUser } from "./workflow.server";

async function readCase(db: DB, user: DeviationUser, access: DeviationAccess, today: string): Promise<DeviationCase> {
  const sight = deviationSight(access.views, access.reporterOrganisationId === user.organisationId);
  const d = await db
    .selectFrom("deviations")
    .innerJoin("partnerships", "partnerships.id", "deviations.partnership_id")
    .selectAll("deviations")
    .select("partnerships.name as partnership_name")
    .where("deviations.id", "=", access.id)
    .executeTakeFirstOrThrow();

  const [parties, routes, answers, messages, events, reporter] = await Promise.all([
    db
      .selectFrom("deviation_parties")
      .innerJoin("organisations", "organisations.id", "deviation_parties.organisation_id")
      .select(["organisations.id", "organisations.name"])
      .where("deviation_id", "=", d.id)
      .orderBy("organisations.name")
      .execute(),
    db
      .selectFrom("deviation_routes")
      .innerJoin("organisations", "organisations.id", "deviation_routes.organisation_id")
      .select([
        "organisations.id",
        "organisations.name",
        "deviation_routes.routed_at",
        "deviation_routes.answer_by",
        "deviation_routes.answered_at",
      ])
      .where("deviation_id", "=", d.id)
      .orderBy("organisations.name")
      .execute(),
    db
      .selectFrom("deviation_answers")
      .innerJoin("organisations", "organisations.id", "deviation_answers.organisation_id")
      .select([
        "deviation_answers.id",
        "deviation_answers.body",
        "deviation_answers.created_at",
        "organisations.id as organisation_id",
        "organisations.name as organisation_name",
      ])
      .where("deviation_id", "=", d.id)
      .orderBy("deviation_answers.created_at")
      .execute(),
    sight.messages
      ? db
          .selectFrom("deviation_messages")
          .select(["id", "kind", "body", "created_at"])
          .where("deviation_id", "=", d.id)
          .orderBy("created_at")
          .execute()
      : Promise.resolve([]),
    sight.history
      ? db
          .selectFrom("deviation_events")
          .innerJoin("users", "users.id", "deviation_events.user_id")
          .select([
            "deviation_events.id",
            "deviation_events.change",
            "deviation_events.occurred_at",
            "deviation_events.details",
            "users.name as user_name",
          ])
          .where("deviation_id", "=", d.id)
          .orderBy("occurred_at", "desc")
          .execute()
      : Promise.resolve([]),
    sight.reporter
      ? db
          .selectFrom("users")
          .innerJoin("organisations", "organisations.id", "users.organisation_id")
          .select(["users.name", "users.email", "organisations.name as organisation_name"])
          .where("users.id", "=", d.reporter_id)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);

  const planVisible = d.plan_id ? await canAccessPlan(db, user, d.plan_id, today) : false;
  await audit(db, { actor: actorOf(user), action: "deviation.read", recordType: "deviation", recordId: d.id });
  return toCase(d, {
    reporterText: sight.reporterText,
    planVisible,
    reporter: reporter
      ? {
          name: reporter.name,
          email: reporter.email,
          organisationName: reporter.organisation_name,
          role: d.reporter_role,
        }
      : null,
    parties,
    routes: routes.map((r) => toRoute(r, today)),
    answers: answers.map(toAnswer),
    messages: messages.map(toMessage),
    events: events.map((e) => toEvent(e, fromJson<Record<string, unknown> | null>(e.details, null))),
    views: access.views,
  });
}

/** One case as the user may see it; not_found when it is missing or nothing to them. */
export async function getCase(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  today = todayInStockholm(),
): Promise<Result<DeviationCase>> {
  const access = await deviationAccessFor(db, user, deviationId, "read");
  if (!access) return notFoundFailure();
  return ok(await readCase(db, user, access, today));
}

/** The case page: the case, and for its coordinator the organisations to triage and route with. */
export async function casePage(
  db: DB,
  user: DeviationUser,
  deviationId: string,
  today = todayInStockholm(),
): Promise<Result<{ theCase: DeviationCase; organisations: { id: string; name: string }[]; defaultAnswerBy: string }>> {
  const access = await deviationAccessFor(db, user, deviationId, "read");
  if (!access) return notFoundFailure();
  const theCase = await readCase(db, user, access, today);
  const coordinator = deviationSight(access.views).partnershipOrganisations;
  const partnership = await db
    .selectFrom("partnerships")
    .select("answer_days")
    .where("id", "=", access.partnershipId)
    .executeTakeFirstOrThrow();
  return ok({
    theCase,
    organisations: coordinator
      ? (await partnershipMembers(db, access.partnershipId)).map((o) => ({ id: o.id, name: o.name }))
      : [],
    defaultAnswerBy: addDays(today, partnership.answer_days),
  });
}
