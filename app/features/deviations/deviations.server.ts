// The deviation log (Lex Heller): report, triage, route, answer, close the loop.
//
// Who sees a case:
//   coordinator of its partnership  – everything, including who reported it
//   the reporter                    – their own report, questions, answers, the closing note
//   a contact of a routed organisation – the de-identified summary and description, never the reporter
//   a steering member of the partnership – published cases only (summary and answers)
// Anyone else gets 404.
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { fromJson, newId, nowIso, toJson } from "#db/portable";
import type { DeviationStatus } from "#db/schema";
import { canAccessPlan, type AccessUser } from "~/features/access/access.server";
import { audit } from "~/features/audit/audit.server";
import { type CurrentUser } from "~/features/access/current-user";
import { can } from "~/features/access/policy";
import { notify } from "~/features/notifications/notifications.server";
import { partnershipMembers } from "~/features/organisations/organisations.server";
import { likePattern, pageOf, PAGE_SIZE } from "~/lib/pagination";
import { addDays, todayInStockholm } from "~/lib/time";
import { notFound } from "~/lib/http.server";
import type { DeviationFilter, ReportInput } from "./deviations.schema";

export type Viewer = "coordinator" | "reporter" | "contact" | "steering";

type User = Pick<CurrentUser, "id" | "organisationId" | "grants">;
const actorOf = (user: User) => ({ userId: user.id, organisationId: user.organisationId });

export const caseLink = (id: string) => `/deviations/${id}`;

/** Partnerships the user's organisation belongs to: where they may report. */
export async function reportablePartnerships(db: DB, user: User) {
  return db
    .selectFrom("partnerships")
    .innerJoin("organisation_partnerships", "organisation_partnerships.partnership_id", "partnerships.id")
    .select(["partnerships.id", "partnerships.name", "partnerships.answer_days"])
    .where("organisation_partnerships.organisation_id", "=", user.organisationId)
    .orderBy("partnerships.name")
    .execute();
}

/** The partnership's member organisations: the parties a case can concern. */
export const partnershipOrganisations = partnershipMembers;

async function coordinatorsOf(db: DB, partnershipId: string) {
  const rows = await db
    .selectFrom("role_grants")
    .innerJoin("users", "users.id", "role_grants.user_id")
    .select("users.id")
    .where("role_grants.role", "=", "coordinator")
    .where("role_grants.partnership_id", "=", partnershipId)
    .where("users.disabled_at", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

async function contactsOf(db: DB, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .selectFrom("role_grants")
    .innerJoin("users", "users.id", "role_grants.user_id")
    .select("users.id")
    .where("role_grants.role", "=", "contact")
    .where("users.organisation_id", "in", organisationIds)
    .where("users.disabled_at", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

async function recordEvent(
  trx: DB,
  deviationId: string,
  user: User,
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

export async function reportDeviation(db: DB, user: User, input: ReportInput): Promise<string> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom("deviations")
      .select((eb) => eb.fn.max("number").as("n"))
      .where("partnership_id", "=", input.partnershipId)
      .executeTakeFirst();
    const now = nowIso();
    const role = user.grants.find((g) => g.role === "caseworker")?.role ?? user.grants[0]?.role ?? "staff";
    await trx
      .insertInto("deviations")
      .values({
        id,
        partnership_id: input.partnershipId,
        number: Number(last?.n ?? 0) + 1,
        event_date: input.eventDate,
        reporter_id: user.id,
        reporter_organisation_id: user.organisationId,
        reporter_role: role,
        kind: input.kind,
        category: input.category,
        consequence: input.consequence,
        description: input.description,
        tried_locally: input.triedLocally ?? "",
        suggested_improvement: input.suggestedImprovement ?? "",
        plan_id: input.planId ?? null,
        status: "submitted",
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (input.partyIds.length > 0) {
      await trx
        .insertInto("deviation_parties")
        .values(
          input.partyIds.map((organisation_id) => ({
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
      userIds: await coordinatorsOf(trx, input.partnershipId),
      kind: "deviation.submitted",
      link: caseLink(id),
    });
  });
  return id;
}

export interface DeviationAccess {
  id: string;
  partnershipId: string;
  viewers: Set<Viewer>;
}

/** Who the user is to this case; 404 when they are nobody to it. */
export async function requireDeviationAccess(db: DB, user: User, deviationId: string): Promise<DeviationAccess> {
  const row = await db
    .selectFrom("deviations")
    .select(["id", "partnership_id", "reporter_id", "published_at"])
    .where("id", "=", deviationId)
    .executeTakeFirst();
  const viewers = new Set<Viewer>();
  if (row) {
    if (can(user, "deviations:triage", row.partnership_id)) viewers.add("coordinator");
    if (row.reporter_id === user.id) viewers.add("reporter");
    if (row.published_at && can(user, "deviations:read_published", row.partnership_id)) viewers.add("steering");
    if (can(user, "deviations:answer")) {
      const routed = await db
        .selectFrom("deviation_routes")
        .select("deviation_id")
        .where("deviation_id", "=", row.id)
        .where("organisation_id", "=", user.organisationId)
        .executeTakeFirst();
      if (routed) viewers.add("contact");
    }
  }
  if (!row || viewers.size === 0) {
    await audit(db, {
      actor: actorOf(user),
      action: "deviation.read",
      recordType: "deviation",
      recordId: row ? deviationId : null,
      outcome: "denied",
    });
    throw notFound();
  }
  return { id: row.id, partnershipId: row.partnership_id, viewers };
}

export function requireViewer(access: DeviationAccess, ...viewers: Viewer[]): void {
  if (!viewers.some((v) => access.viewers.has(v))) throw notFound();
}

/** The case as this user may see it: the reporter only for coordinators, the plan only for those who may see the plan. */
export async function getCase(db: DB, user: User & AccessUser, access: DeviationAccess, today = todayInStockholm()) {
  const d = await db
    .selectFrom("deviations")
    .innerJoin("partnerships", "partnerships.id", "deviations.partnership_id")
    .selectAll("deviations")
    .select("partnerships.name as partnership_name")
    .where("deviations.id", "=", access.id)
    .executeTakeFirstOrThrow();
  const isCoordinator = access.viewers.has("coordinator");
  const isReporter = access.viewers.has("reporter");

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
    isCoordinator || isReporter
      ? db
          .selectFrom("deviation_messages")
          .select(["id", "kind", "body", "created_at"])
          .where("deviation_id", "=", d.id)
          .orderBy("created_at")
          .execute()
      : Promise.resolve([]),
    isCoordinator
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
    isCoordinator
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

  // Contacts and steering members see the coordinator's de-identified summary, and the
  // reporter's own text only once the coordinator has reviewed it (it has passed the guard).
  return {
    id: d.id,
    number: d.number,
    partnershipId: d.partnership_id,
    partnershipName: d.partnership_name,
    status: d.status,
    eventDate: d.event_date,
    kind: d.kind,
    category: d.category,
    consequence: d.consequence,
    description: d.description,
    triedLocally: isCoordinator || isReporter ? d.tried_locally : "",
    suggestedImprovement: d.suggested_improvement,
    summary: d.summary,
    answerBy: d.answer_by,
    closingOutcome: d.closing_outcome,
    closingNote: d.closing_note,
    escalationLevel: d.escalation_level,
    agendaDate: d.agenda_date,
    publishedAt: d.published_at,
    closedAt: d.closed_at,
    createdAt: d.created_at,
    version: d.version,
    planId: planVisible ? d.plan_id : null,
    reporter: reporter ? { ...reporter, role: d.reporter_role } : null,
    parties,
    routes: routes.map((r) => ({ ...r, overdue: !r.answered_at && r.answer_by < today })),
    answers,
    messages,
    events: events.map((e) => ({ ...e, details: fromJson<Record<string, unknown> | null>(e.details, null) })),
    viewers: [...access.viewers],
  };
}

export type DeviationCase = Awaited<ReturnType<typeof getCase>>;

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

async function setStatus(trx: DB, id: string, status: DeviationStatus, extra: Record<string, unknown> = {}) {
  await trx
    .updateTable("deviations")
    .set({ status, updated_at: nowIso(), version: sql`version + 1`, ...extra })
    .where("id", "=", id)
    .execute();
}

/** The case's reporter, status and event date: what the workflow steps below decide by. */
async function caseBasics(trx: DB, id: string) {
  return await trx
    .selectFrom("deviations")
    .select(["reporter_id", "status", "event_date"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

export async function triage(
  db: DB,
  user: User,
  access: DeviationAccess,
  input: {
    kind: ReportInput["kind"];
    category: ReportInput["category"];
    consequence: ReportInput["consequence"];
    partyIds: string[];
    summary: string;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await caseBasics(trx, access.id);
    await trx
      .updateTable("deviations")
      .set({
        kind: input.kind,
        category: input.category,
        consequence: input.consequence,
        summary: input.summary,
        status: current.status === "submitted" ? "in_review" : current.status,
        updated_at: nowIso(),
        version: sql`version + 1`,
      })
      .where("id", "=", access.id)
      .execute();
    await trx.deleteFrom("deviation_parties").where("deviation_id", "=", access.id).execute();
    if (input.partyIds.length > 0) {
      await trx
        .insertInto("deviation_parties")
        .values(
          [...new Set(input.partyIds)].map((organisation_id) => ({
            deviation_id: access.id,
            organisation_id,
            partnership_id: access.partnershipId,
            event_date: current.event_date,
          })),
        )
        .execute();
    }
    await recordEvent(trx, access.id, user, "triage", {
      category: input.category,
      kind: input.kind,
      parties: input.partyIds.length,
    });
    if (current.status === "submitted")
      await notify(trx, { userIds: [current.reporter_id], kind: "deviation.in_review", link: caseLink(access.id) });
  });
}

export async function askReporter(db: DB, user: User, access: DeviationAccess, question: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await caseBasics(trx, access.id);
    await trx
      .insertInto("deviation_messages")
      .values({
        id: newId(),
        deviation_id: access.id,
        author_id: user.id,
        kind: "question",
        body: question,
        created_at: nowIso(),
      })
      .execute();
    if (current.status === "submitted") await setStatus(trx, access.id, "in_review");
    await recordEvent(trx, access.id, user, "question");
    await notify(trx, { userIds: [current.reporter_id], kind: "deviation.question", link: caseLink(access.id) });
  });
}

export async function replyAsReporter(db: DB, user: User, access: DeviationAccess, reply: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("deviation_messages")
      .values({
        id: newId(),
        deviation_id: access.id,
        author_id: user.id,
        kind: "reply",
        body: reply,
        created_at: nowIso(),
      })
      .execute();
    await recordEvent(trx, access.id, user, "reply");
    await notify(trx, {
      userIds: await coordinatorsOf(trx, access.partnershipId),
      kind: "deviation.reply",
      link: caseLink(access.id),
    });
  });
}

export async function routeToParties(
  db: DB,
  user: User,
  access: DeviationAccess,
  input: { organisationIds: string[]; answerBy: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
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
    const fresh = [...new Set(input.organisationIds)].filter((id) => !existing.has(id));
    const current = await caseBasics(trx, access.id);
    if (fresh.length > 0) {
      await trx
        .insertInto("deviation_routes")
        .values(
          fresh.map((organisation_id) => ({
            deviation_id: access.id,
            organisation_id,
            partnership_id: access.partnershipId,
            event_date: current.event_date,
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
    await notify(trx, { userIds: [current.reporter_id], kind: "deviation.routed_reporter", link: caseLink(access.id) });
  });
}

/** An organisation's answer: by its contact, or recorded by the coordinator. Answered when every routed party has. */
export async function answer(
  db: DB,
  user: User,
  access: DeviationAccess,
  input: { organisationId: string; body: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const route = await trx
      .selectFrom("deviation_routes")
      .select(["answered_at"])
      .where("deviation_id", "=", access.id)
      .where("organisation_id", "=", input.organisationId)
      .executeTakeFirst();
    if (!route) return false;
    const now = nowIso();
    await trx
      .insertInto("deviation_answers")
      .values({
        id: newId(),
        deviation_id: access.id,
        organisation_id: input.organisationId,
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
        .where("organisation_id", "=", input.organisationId)
        .execute();
      await syncAnswerFacts(trx, access.id);
    }
    const open = await trx
      .selectFrom("deviation_routes")
      .select("organisation_id")
      .where("deviation_id", "=", access.id)
      .where("answered_at", "is", null)
      .execute();
    const current = await caseBasics(trx, access.id);
    if (open.length === 0 && current.status === "awaiting_response") await setStatus(trx, access.id, "answered");
    await recordEvent(trx, access.id, user, "answer", { organisationId: input.organisationId });
    await notify(trx, {
      userIds: [...(await coordinatorsOf(trx, access.partnershipId)), current.reporter_id],
      kind: "deviation.answered",
      link: caseLink(access.id),
    });
    return true;
  });
}

export async function closeCase(
  db: DB,
  user: User,
  access: DeviationAccess,
  input: {
    outcome: "resolved_locally" | "improvement_agreed" | "escalated" | "not_actionable";
    note: string;
    escalationLevel?: "organisation" | "partnership_board" | "national";
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await caseBasics(trx, access.id);
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
    await notify(trx, { userIds: [current.reporter_id], kind: "deviation.closed", link: caseLink(access.id) });
  });
}

export async function escalate(
  db: DB,
  user: User,
  access: DeviationAccess,
  level: "organisation" | "partnership_board" | "national",
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("deviations")
      .set({ escalation_level: level, updated_at: nowIso(), version: sql`version + 1` })
      .where("id", "=", access.id)
      .execute();
    await recordEvent(trx, access.id, user, "escalate", { level });
  });
}

export async function setAgenda(db: DB, user: User, access: DeviationAccess, date: string | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("deviations")
      .set({ agenda_date: date, updated_at: nowIso(), version: sql`version + 1` })
      .where("id", "=", access.id)
      .execute();
    await recordEvent(trx, access.id, user, "agenda", { date });
  });
}

/** Publishing shows the summary and the answers to the partnership's steering members. */
export async function publish(
  db: DB,
  user: User,
  access: DeviationAccess,
  published: boolean,
): Promise<"ok" | "not_answered"> {
  return db.transaction().execute(async (trx) => {
    const current = await caseBasics(trx, access.id);
    if (published && current.status !== "answered" && current.status !== "closed") return "not_answered";
    await trx
      .updateTable("deviations")
      .set({ published_at: published ? nowIso() : null, updated_at: nowIso(), version: sql`version + 1` })
      .where("id", "=", access.id)
      .execute();
    await recordEvent(trx, access.id, user, published ? "publish" : "unpublish");
    return "ok";
  });
}

export async function reopen(db: DB, user: User, access: DeviationAccess, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await caseBasics(trx, access.id);
    await setStatus(trx, access.id, "in_review", { closed_at: null, closing_outcome: null });
    await recordEvent(trx, access.id, user, "reopen", { reason });
    await notify(trx, { userIds: [current.reporter_id], kind: "deviation.reopened", link: caseLink(access.id) });
  });
}

function applyFilter<Q extends { where: (...args: never[]) => unknown }>(query: Q, filter: DeviationFilter): Q {
  let q = query as unknown as ReturnType<typeof baseQuery>;
  if (filter.status) q = q.where("deviations.status", "=", filter.status);
  if (filter.category) q = q.where("deviations.category", "=", filter.category);
  if (filter.kind) q = q.where("deviations.kind", "=", filter.kind);
  if (filter.from) q = q.where("deviations.event_date", ">=", filter.from);
  if (filter.to) q = q.where("deviations.event_date", "<=", filter.to);
  if (filter.partyId) {
    const partyId = filter.partyId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("deviation_parties")
          .select("deviation_parties.deviation_id")
          .whereRef("deviation_parties.deviation_id", "=", "deviations.id")
          .where("deviation_parties.organisation_id", "=", partyId),
      ),
    );
  }
  if (filter.q) {
    const pattern = likePattern(filter.q);
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["deviations.description"]), "like", pattern),
        eb(eb.fn("lower", ["deviations.summary"]), "like", pattern),
      ]),
    );
  }
  return q as unknown as Q;
}

function baseQuery(db: DB) {
  return db.selectFrom("deviations");
}

const LIST_COLUMNS = [
  "deviations.id",
  "deviations.number",
  "deviations.status",
  "deviations.event_date",
  "deviations.kind",
  "deviations.category",
  "deviations.consequence",
  "deviations.summary",
  "deviations.description",
  "deviations.answer_by",
  "deviations.published_at",
  "deviations.agenda_date",
  "deviations.created_at",
] as const;

/** The coordinator's inbox for one partnership, filtered, with counts per status. */
export async function coordinatorInbox(
  db: DB,
  partnershipId: string,
  filter: DeviationFilter,
  page: number,
  today = todayInStockholm(),
) {
  const scoped = () => baseQuery(db).where("deviations.partnership_id", "=", partnershipId);
  const filtered = applyFilter(scoped(), filter);
  const [items, count, counts] = await Promise.all([
    filtered
      .select([
        ...LIST_COLUMNS,
        (eb) =>
          eb
            .selectFrom("deviation_routes")
            .select((e) => e.fn.countAll<number>().as("n"))
            .whereRef("deviation_routes.deviation_id", "=", "deviations.id")
            .where("deviation_routes.answered_at", "is", null)
            .where("deviation_routes.answer_by", "<", today)
            .as("overdue_routes"),
      ])
      .orderBy("deviations.created_at", "desc")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    applyFilter(scoped(), { ...filter, status: undefined })
      .select(["deviations.status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("deviations.status")
      .execute(),
  ]);
  return {
    ...pageOf(
      items.map((i) => ({ ...i, overdue: Number(i.overdue_routes ?? 0) > 0 })),
      Number(count.total),
      page,
    ),
    counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Partial<Record<DeviationStatus, number>>,
  };
}

/** Every row of the filtered inbox, for the CSV export. */
export async function coordinatorExport(db: DB, partnershipId: string, filter: DeviationFilter) {
  return applyFilter(baseQuery(db).where("deviations.partnership_id", "=", partnershipId), filter)
    .select([...LIST_COLUMNS, "deviations.closing_outcome", "deviations.escalation_level", "deviations.closed_at"])
    .orderBy("deviations.number")
    .execute();
}

/** Cases routed to the contact's organisation, never showing who reported them. */
export async function contactInbox(db: DB, user: User, page: number, today = todayInStockholm()) {
  const query = baseQuery(db)
    .innerJoin("deviation_routes", "deviation_routes.deviation_id", "deviations.id")
    .innerJoin("partnerships", "partnerships.id", "deviations.partnership_id")
    .where("deviation_routes.organisation_id", "=", user.organisationId);
  const [items, count] = await Promise.all([
    query
      .select([
        "deviations.id",
        "deviations.number",
        "deviations.status",
        "deviations.category",
        "deviations.summary",
        "deviation_routes.answer_by",
        "deviation_routes.answered_at",
        "partnerships.name as partnership_name",
      ])
      .orderBy("deviation_routes.answered_at", (ob) => ob.nullsFirst())
      .orderBy("deviation_routes.answer_by")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return pageOf(
    items.map((i) => ({ ...i, overdue: !i.answered_at && i.answer_by < today })),
    Number(count.total),
    page,
  );
}

export async function myReports(db: DB, user: User, page: number) {
  const query = baseQuery(db)
    .innerJoin("partnerships", "partnerships.id", "deviations.partnership_id")
    .where("deviations.reporter_id", "=", user.id);
  const [items, count] = await Promise.all([
    query
      .select([
        "deviations.id",
        "deviations.number",
        "deviations.status",
        "deviations.event_date",
        "deviations.category",
        "deviations.created_at",
        "deviations.closing_outcome",
        "partnerships.name as partnership_name",
      ])
      .orderBy("deviations.created_at", "desc")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return pageOf(items, Number(count.total), page);
}

export async function publishedCases(db: DB, partnershipIds: string[], page: number) {
  const query = baseQuery(db)
    .innerJoin("partnerships", "partnerships.id", "deviations.partnership_id")
    .where("deviations.partnership_id", "in", partnershipIds.length ? partnershipIds : [""])
    .where("deviations.published_at", "is not", null);
  const [items, count] = await Promise.all([
    query
      .select([
        "deviations.id",
        "deviations.number",
        "deviations.status",
        "deviations.category",
        "deviations.summary",
        "deviations.published_at",
        "deviations.agenda_date",
        "partnerships.name as partnership_name",
      ])
      .orderBy("deviations.published_at", "desc")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return pageOf(items, Number(count.total), page);
}

export function defaultAnswerBy(answerDays: number, today = todayInStockholm()): string {
  return addDays(today, answerDays);
}
