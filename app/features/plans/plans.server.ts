// Joint individual plans (SIP/GIP): creating, listing, reading and saving the plan itself.
// Every function that touches a plan takes a PlanAccess from app/features/access, so none
// can be reached without the access rule.
import { sql } from "kysely";
import type { DB } from "#db/client.server";
import { fromBool, fromJson, newId, nowIso } from "#db/portable";
import type { PlanKind, PlanOutcome, PlanStatus } from "#db/schema";
import {
  planAccessFilter,
  coveredOrganisationIds,
  type AccessUser,
  type PlanAccess,
} from "~/features/access/access.server";
import { audit } from "~/features/audit/audit.server";
import { listConsents } from "~/features/consent/consent.server";
import { upsertPerson, type PersonInput } from "~/features/persons/persons.server";
import { likePattern, pageOf, PAGE_SIZE } from "~/lib/pagination";
import { todayInStockholm } from "~/lib/time";
import { diff, recordHistory } from "./history.server";
import { joinTeam } from "./team.server";

export type PlanUser = AccessUser & { name?: string };

const actorOf = (user: PlanUser) => ({ userId: user.id, organisationId: user.organisationId });

export async function createPlan(
  db: DB,
  user: PlanUser,
  input: { kind: PlanKind; person: PersonInput; goal?: string; needs?: string },
): Promise<string> {
  const planId = newId();
  await db.transaction().execute(async (trx) => {
    const person = await upsertPerson(trx, input.person);
    const now = nowIso();
    await trx
      .insertInto("plans")
      .values({
        id: planId,
        kind: input.kind,
        person_id: person.id,
        status: "draft",
        lead_organisation_id: user.organisationId,
        lead_user_id: user.id,
        goal: input.goal ?? "",
        needs: input.needs ?? "",
        created_by: user.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await joinTeam(trx, planId, user.id, now);
    await recordHistory(trx, {
      planId,
      userId: user.id,
      change: "plan.create",
      after: { kind: input.kind, status: "draft" },
    });
    await audit(trx, {
      actor: actorOf(user),
      action: person.created ? "person.create" : "person.link",
      recordType: "person",
      recordId: person.id,
      personId: person.id,
      planId,
    });
    await audit(trx, {
      actor: actorOf(user),
      action: "plan.create",
      recordType: "plan",
      recordId: planId,
      personId: person.id,
      planId,
    });
  });
  return planId;
}

const STATUS_ORDER = sql<number>`case plans.status when 'active' then 0 when 'draft' then 1 else 2 end`;

/** My plans: only what the access rule lets me see, in the list, the count and the search alike. */
export async function listPlans(
  db: DB,
  user: PlanUser,
  { q, page }: { q: string; page: number },
  today = todayInStockholm(),
) {
  let query = db
    .selectFrom("plans")
    .innerJoin("persons", "persons.id", "plans.person_id")
    .innerJoin("organisations as lead_org", "lead_org.id", "plans.lead_organisation_id")
    .where(planAccessFilter(user, today));
  if (q) {
    const digits = q.replace(/[^0-9]/g, "");
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["persons.name"]), "like", likePattern(q)),
        ...(digits.length >= 6 ? [eb("persons.identity_number", "like", `%${digits}%`)] : []),
      ]),
    );
  }
  const [items, count] = await Promise.all([
    query
      .select((eb) => [
        "plans.id",
        "plans.kind",
        "plans.status",
        "plans.next_follow_up",
        "persons.name as person_name",
        "lead_org.name as lead_organisation_name",
        eb
          .selectFrom("plan_actions")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("plan_actions.plan_id", "=", "plans.id")
          .where("plan_actions.status", "in", ["planned", "ongoing"])
          .where("plan_actions.due_date", "<", today)
          .as("overdue_actions"),
      ])
      .orderBy(STATUS_ORDER)
      .orderBy("plans.next_follow_up")
      .orderBy("persons.name")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return pageOf(
    items.map((p) => ({
      ...p,
      overdue_actions: Number(p.overdue_actions ?? 0),
      follow_up_overdue: p.status === "active" && p.next_follow_up !== null && p.next_follow_up < today,
    })),
    Number(count.total),
    page,
  );
}

/** Everything the plan page shows. Reading it is audited. */
export async function getPlanPage(db: DB, user: PlanUser, access: PlanAccess, today = todayInStockholm()) {
  const plan = await db
    .selectFrom("plans")
    .innerJoin("persons", "persons.id", "plans.person_id")
    .innerJoin("organisations as lead_org", "lead_org.id", "plans.lead_organisation_id")
    .innerJoin("users as lead_user", "lead_user.id", "plans.lead_user_id")
    .select([
      "plans.id",
      "plans.kind",
      "plans.status",
      "plans.goal",
      "plans.needs",
      "plans.next_follow_up",
      "plans.outcome",
      "plans.closed_at",
      "plans.version",
      "plans.lead_organisation_id",
      "plans.lead_user_id",
      "plans.created_at",
      "persons.id as person_id",
      "persons.name as person_name",
      "persons.identity_number",
      "persons.protected_identity",
      "persons.address",
      "persons.phone",
      "persons.email",
      "lead_org.name as lead_organisation_name",
      "lead_user.name as lead_user_name",
    ])
    .where("plans.id", "=", access.planId)
    .executeTakeFirstOrThrow();

  const [team, actions, followUps, notes, history, consents, covered] = await Promise.all([
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
    db
      .selectFrom("plan_history")
      .innerJoin("users", "users.id", "plan_history.user_id")
      .selectAll("plan_history")
      .select("users.name as user_name")
      .where("plan_id", "=", access.planId)
      .orderBy("occurred_at", "desc")
      .limit(100)
      .execute(),
    listConsents(db, access.planId),
    coveredOrganisationIds(db, access.planId, today),
  ]);

  const teamOrganisations = [
    ...new Map(team.map((m) => [m.organisation_id, { id: m.organisation_id, name: m.organisation_name }])).values(),
  ];
  const uncovered = teamOrganisations.filter((o) => o.id !== plan.lead_organisation_id && !covered.has(o.id));

  await audit(db, {
    actor: actorOf(user),
    action: "plan.read",
    recordType: "plan",
    recordId: plan.id,
    planId: plan.id,
    personId: plan.person_id,
  });

  const isProtected = fromBool(plan.protected_identity);
  return {
    plan: {
      ...plan,
      protected_identity: isProtected,
      address: isProtected ? null : plan.address,
      phone: isProtected ? null : plan.phone,
      email: isProtected ? null : plan.email,
    },
    team,
    actions: actions.map((a) => ({
      ...a,
      overdue: (a.status === "planned" || a.status === "ongoing") && a.due_date !== null && a.due_date < today,
    })),
    followUps,
    notes,
    history: history.map((h) => ({
      ...h,
      before: fromJson<Record<string, unknown> | null>(h.before, null),
      after: fromJson<Record<string, unknown> | null>(h.after, null),
    })),
    consents,
    coveredOrganisationIds: [...covered],
    uncoveredOrganisations: uncovered,
    isLead: access.isLead,
  };
}

export type PlanPage = Awaited<ReturnType<typeof getPlanPage>>;

export interface PlanCoreInput {
  version: number;
  goal: string;
  needs: string;
  nextFollowUp: string | null;
  leadUserId: string;
}

export type SaveResult<T> = { ok: true } | { ok: false; conflict: { saved: T; attempted: T } };

/** Saves the plan's own fields unless someone saved since `version` was read. */
export async function updatePlanCore(
  db: DB,
  user: PlanUser,
  access: PlanAccess,
  input: PlanCoreInput,
): Promise<SaveResult<Omit<PlanCoreInput, "version"> & { version: number; savedBy?: string; savedAt?: string }>> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("plans")
      .select(["version", "goal", "needs", "next_follow_up", "lead_user_id", "updated_at", "status"])
      .where("id", "=", access.planId)
      .executeTakeFirstOrThrow();
    const before = {
      goal: current.goal,
      needs: current.needs,
      nextFollowUp: current.next_follow_up,
      leadUserId: current.lead_user_id,
    };
    const attempted = {
      goal: input.goal,
      needs: input.needs,
      nextFollowUp: input.nextFollowUp,
      leadUserId: input.leadUserId,
    };
    if (current.version !== input.version) {
      const last = await trx
        .selectFrom("plan_history")
        .innerJoin("users", "users.id", "plan_history.user_id")
        .select(["users.name", "plan_history.occurred_at"])
        .where("plan_history.plan_id", "=", access.planId)
        .where("plan_history.change", "in", ["plan.update", "follow_up.record", "plan.activate", "plan.close"])
        .orderBy("plan_history.occurred_at", "desc")
        .limit(1)
        .executeTakeFirst();
      return {
        ok: false as const,
        conflict: {
          saved: { ...before, version: current.version, savedBy: last?.name, savedAt: last?.occurred_at },
          attempted: { ...attempted, version: input.version },
        },
      };
    }
    const changes = diff(before, attempted);
    if (changes.changed.length === 0) return { ok: true as const };
    await trx
      .updateTable("plans")
      .set({
        goal: input.goal,
        needs: input.needs,
        next_follow_up: input.nextFollowUp,
        lead_user_id: input.leadUserId,
        version: current.version + 1,
        updated_at: nowIso(),
      })
      .where("id", "=", access.planId)
      .where("version", "=", input.version)
      .execute();
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "plan.update",
      before: changes.before,
      after: changes.after,
    });
    await audit(trx, {
      actor: actorOf(user),
      action: "plan.update",
      recordType: "plan",
      recordId: access.planId,
      planId: access.planId,
      personId: access.personId,
      details: { fields: changes.changed },
    });
    return { ok: true as const };
  });
}

export type LifecycleResult = "ok" | "stale" | "needs_follow_up" | "not_allowed";

export async function changePlanStatus(
  db: DB,
  user: PlanUser,
  access: PlanAccess,
  input: { version: number; to: PlanStatus; outcome?: PlanOutcome },
): Promise<LifecycleResult> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("plans")
      .select(["status", "version", "next_follow_up"])
      .where("id", "=", access.planId)
      .executeTakeFirstOrThrow();
    if (current.version !== input.version) return "stale";
    const allowed =
      (current.status === "draft" && input.to === "active") ||
      (current.status === "active" && input.to === "closed") ||
      (current.status === "draft" && input.to === "closed");
    if (!allowed) return "not_allowed";
    if (input.to === "active" && !current.next_follow_up) return "needs_follow_up";
    if (input.to === "closed" && !input.outcome) return "not_allowed";
    await trx
      .updateTable("plans")
      .set({
        status: input.to,
        outcome: input.to === "closed" ? input.outcome! : null,
        closed_at: input.to === "closed" ? nowIso() : null,
        ...(input.to === "active" ? { activated_at: nowIso() } : {}),
        version: current.version + 1,
        updated_at: nowIso(),
      })
      .where("id", "=", access.planId)
      .execute();
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: input.to === "closed" ? "plan.close" : "plan.activate",
      before: { status: current.status },
      after: { status: input.to, ...(input.outcome ? { outcome: input.outcome } : {}) },
    });
    await audit(trx, {
      actor: actorOf(user),
      action: `plan.${input.to === "closed" ? "close" : "activate"}`,
      recordType: "plan",
      recordId: access.planId,
      planId: access.planId,
      personId: access.personId,
    });
    return "ok";
  });
}

/** "Min plan": the person's own copy, in plain language. Reading it is audited. */
export async function getMyPlan(db: DB, user: PlanUser, access: PlanAccess) {
  const page = await getPlanPage(db, user, access);
  return {
    kind: page.plan.kind,
    personName: page.plan.person_name,
    goal: page.plan.goal,
    nextFollowUp: page.plan.next_follow_up,
    leadUserName: page.plan.lead_user_name,
    leadOrganisationName: page.plan.lead_organisation_name,
    actions: page.actions
      .filter((a) => a.status !== "cancelled")
      .map((a) => ({
        id: a.id,
        description: a.description,
        organisation: a.organisation_name,
        person: a.user_name,
        dueDate: a.due_date,
        status: a.status,
      })),
    contacts: page.team.map((m) => ({ id: m.id, name: m.name, organisation: m.organisation_name, email: m.email })),
  };
}
