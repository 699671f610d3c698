// Reading a plan: the plan page and "Min plan". Each read passes the access guard and is audited.
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import {
  coveredOrganisationIds,
  planAccessFor,
  type AccessUser,
  type PlanAccess,
} from "~/features/access/access.server";
import { actorOf } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { listConsents } from "~/features/consent/consent.server";
import { listPlanMeetings } from "~/features/meetings/meetings.server";
import { planSettings } from "~/features/organisations/partnership-settings.server";
import { personOnPlan } from "~/features/persons/persons.server";
import { notFoundFailure, ok, type Result } from "~/lib/result";
import { todayInStockholm } from "~/lib/time";
import { partnerOrganisations } from "./plan-parts.server";
import { toFollowUp, toHistoryEntry, toNote, toPlan, toPlanAction, toTeamMember } from "./plan-rows.server";
import type { HistoryEntry, MyPlan, PlanPage, PlanView } from "./plan-view";
import { teamCandidates } from "./team.server";

async function readPlan(
  db: DB,
  user: AccessUser,
  access: PlanAccess,
  today: string,
  { withHistory = true }: { withHistory?: boolean } = {},
): Promise<PlanPage> {
  const row = await db
    .selectFrom("plans")
    .innerJoin("organisations as lead_org", "lead_org.id", "plans.lead_organisation_id")
    .innerJoin("users as lead_user", "lead_user.id", "plans.lead_user_id")
    .select([
      "plans.id",
      "plans.kind",
      "plans.status",
      "plans.goal",
      "plans.needs",
      "plans.next_follow_up",
      "plans.follow_up_reason",
      "plans.outcome",
      "plans.closed_at",
      "plans.version",
      "plans.lead_organisation_id",
      "plans.lead_user_id",
      "plans.created_at",
      "lead_org.name as lead_organisation_name",
      "lead_user.name as lead_user_name",
    ])
    .where("plans.id", "=", access.planId)
    .executeTakeFirstOrThrow();

  const [person, team, actions, followUps, notes, history, consents, covered, settings] = await Promise.all([
    personOnPlan(db, user, access),
    db
      .selectFrom("plan_team")
      .innerJoin("users", "users.id", "plan_team.user_id")
      .innerJoin("organisations", "organisations.id", "users.organisation_id")
      .select([
        "users.id",
        "users.name",
        "users.email",
        "organisations.id as organisation_id",
        "organisations.name as organisation_name",
        "organisations.kind as organisation_kind",
      ])
      .where("plan_team.plan_id", "=", access.planId)
      .orderBy("organisations.name")
      .orderBy("users.name")
      .execute(),
    db
      .selectFrom("plan_actions")
      .innerJoin("organisations", "organisations.id", "plan_actions.responsible_organisation_id")
      .leftJoin("users", "users.id", "plan_actions.responsible_user_id")
      .selectAll("plan_actions")
      .select(["organisations.name as organisation_name", "users.name as user_name"])
      .where("plan_actions.plan_id", "=", access.planId)
      .orderBy(sql`case plan_actions.status when 'ongoing' then 0 when 'planned' then 1 when 'done' then 2 else 3 end`)
      .orderBy("plan_actions.due_date")
      .execute(),
    db
      .selectFrom("plan_follow_ups")
      .innerJoin("users", "users.id", "plan_follow_ups.recorded_by")
      .selectAll("plan_follow_ups")
      .select("users.name as recorded_by_name")
      .where("plan_id", "=", access.planId)
      .orderBy("held_on", "desc")
      .execute(),
    db
      .selectFrom("plan_notes")
      .innerJoin("users", "users.id", "plan_notes.author_id")
      .innerJoin("organisations", "organisations.id", "users.organisation_id")
      .selectAll("plan_notes")
      .select(["users.name as author_name", "organisations.name as organisation_name"])
      .where("plan_id", "=", access.planId)
      .orderBy("plan_notes.created_at", "desc")
      .execute(),
    withHistory
      ? db
          .selectFrom("plan_history")
          .innerJoin("users", "users.id", "plan_history.user_id")
          .selectAll("plan_history")
          .select("users.name as user_name")
          .where("plan_id", "=", access.planId)
          .orderBy("occurred_at", "desc")
          .limit(100)
          .execute()
      : [],
    listConsents(db, access.planId),
    coveredOrganisationIds(db, access.planId, today),
    planSettings(db, row.lead_organisation_id),
  ]);

  const members = team.map(toTeamMember);
  const teamOrganisations = [
    ...new Map(members.map((m) => [m.organisationId, { id: m.organisationId, name: m.organisationName }])).values(),
  ];
  return {
    plan: toPlan(row, today),
    person,
    team: members,
    actions: actions.map((a) => toPlanAction(a, today)),
    followUps: followUps.map(toFollowUp),
    notes: notes.map(toNote),
    history: await withUserNames(db, history.map(toHistoryEntry)),
    consents,
    coveredOrganisationIds: [...covered],
    uncoveredOrganisations: teamOrganisations.filter((o) => o.id !== row.lead_organisation_id && !covered.has(o.id)),
    isLead: access.isLead,
    settings,
  };
}

async function auditRead(db: DB, user: AccessUser, access: PlanAccess) {
  await audit(db, {
    actor: actorOf(user),
    action: "plan.read",
    recordType: "plan",
    recordId: access.planId,
    planId: access.planId,
    personId: access.personId,
  });
}

/** Everything the plan page shows about the plan itself. Reading it is audited. */
export async function getPlanPage(
  db: DB,
  user: AccessUser,
  planId: string,
  today = todayInStockholm(),
): Promise<Result<PlanPage>> {
  const access = await planAccessFor(db, user, planId, "plan.read", { today });
  if (!access) return notFoundFailure();
  const page = await readPlan(db, user, access, today);
  await auditRead(db, user, access);
  return ok(page);
}

/** What the plan page reads beyond the plan itself; the overview needs none of it. */
export interface PlanPageParts {
  history: boolean;
  /** Who may join the team: for editing the team. */
  candidates: boolean;
  /** The lead organisation's partners: for adding actions and recording consent. */
  organisations: boolean;
}

const EVERY_PART: PlanPageParts = { history: true, candidates: true, organisations: true };

/** The plan page with what its open forms offer: team candidates, partner organisations, meetings. */
export async function planPage(
  db: DB,
  user: AccessUser,
  planId: string,
  parts: PlanPageParts = EVERY_PART,
): Promise<Result<PlanView>> {
  const today = todayInStockholm();
  const access = await planAccessFor(db, user, planId, "plan.read", { today });
  if (!access) return notFoundFailure();
  const [page, candidates, organisations, meetings] = await Promise.all([
    readPlan(db, user, access, today, { withHistory: parts.history }),
    parts.candidates ? teamCandidates(db, access) : [],
    parts.organisations ? partnerOrganisations(db, access) : [],
    listPlanMeetings(db, access),
  ]);
  await auditRead(db, user, access);
  return ok({ ...page, candidates, organisations, currentUserId: user.id, meetings });
}

/**
 * "Min plan": the person's own copy, in plain language. It carries no address or contact
 * details of the person, so it is safe to print whatever the identity's protection.
 */
export async function getMyPlan(db: DB, user: AccessUser, planId: string): Promise<Result<MyPlan>> {
  const today = todayInStockholm();
  const access = await planAccessFor(db, user, planId, "plan.print", { today });
  if (!access) return notFoundFailure();
  const page = await readPlan(db, user, access, today, { withHistory: false });
  await auditRead(db, user, access);
  return ok({
    kind: page.plan.kind,
    personName: page.person.name,
    goal: page.plan.goal,
    nextFollowUp: page.plan.nextFollowUp,
    nextFollowUpPassed: page.plan.nextFollowUp !== null && page.plan.nextFollowUp < today,
    leadUserName: page.plan.leadUserName,
    leadOrganisationName: page.plan.leadOrganisationName,
    actions: page.actions
      .filter((a) => a.status !== "cancelled")
      .map((a) => ({
        id: a.id,
        description: a.description,
        organisation: a.organisationName,
        person: a.userName,
        dueDate: a.dueDate,
        status: a.status,
        byPerson: a.byPerson,
      })),
    contacts: page.team.map((m) => ({ id: m.id, name: m.name, organisation: m.organisationName, email: m.email })),
  });
}

/** History stores who became planning lead by id; the page shows the name, never the id. */
async function withUserNames(db: DB, history: HistoryEntry[]): Promise<HistoryEntry[]> {
  const ids = new Set<string>();
  for (const h of history)
    for (const side of [h.before, h.after]) if (typeof side?.leadUserId === "string") ids.add(side.leadUserId);
  if (ids.size === 0) return history;
  const names = new Map(
    (
      await db
        .selectFrom("users")
        .select(["id", "name"])
        .where("id", "in", [...ids])
        .execute()
    ).map((u) => [u.id, u.name]),
  );
  const named = (side: Record<string, unknown> | null) =>
    side && typeof side.leadUserId === "string" ? { ...side, leadUserId: names.get(side.leadUserId) ?? null } : side;
  return history.map((h) => ({ ...h, before: named(h.before), after: named(h.after) }));
}
