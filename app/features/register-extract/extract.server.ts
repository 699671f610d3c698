// The register extract (GDPR article 15). Every organisation on a plan's team is responsible for
// what it recorded and owes the person an extract: a caseworker of that organisation produces,
// for the person of a plan they may see, everything Samsyn holds about the person in the plans
// their organisation leads or takes part in, and which organisations read those records and when.
// Nothing from a plan the organisation has no part in appears, not even that it exists.
import type { DB } from "#db/client.server";
import { fromBool } from "#db/portable";
import type { ActionStatus, PlanKind, PlanStatus } from "#db/schema";
import { listConsents } from "~/features/consent/consent.server";
import { planAccessFor, type AccessUser } from "~/features/access/access.server";
import { actorOf } from "~/features/access/current-user";
import { can } from "~/features/access/policy";
import { audit } from "~/features/audit/audit.server";
import { formatIdentityNumber } from "~/features/persons/identity-number";
import { ruleOf } from "~/features/retention/settings.server";
import { inTransaction } from "~/lib/transaction.server";
import { notFoundFailure, ok, type Result } from "~/lib/result";
import { todayInStockholm } from "~/lib/time";

export interface ExtractPlan {
  id: string;
  kind: PlanKind;
  status: PlanStatus;
  leadOrganisation: string;
  createdAt: string;
  closedAt: string | null;
  goal: string;
  needs: string;
  consents: {
    givenOn: string;
    validFrom: string;
    validUntil: string;
    purpose: string;
    organisations: string[];
    withdrawnAt: string | null;
  }[];
  actions: { description: string; organisation: string; status: ActionStatus; dueDate: string | null }[];
  followUps: { heldOn: string; reviewed: string }[];
  /** Notes written by staff of the producing organisation: what it recorded itself. */
  notes: { createdAt: string; body: string }[];
  meetings: { startsAt: string; purpose: string; status: string; minutes: string | null; letter: boolean }[];
}

export interface RegisterExtract {
  producedAt: string;
  organisation: string;
  person: {
    identityNumber: string;
    protectedIdentity: boolean;
    /** What each plan recorded (name and, unless protected, contact details), without repeats. */
    details: { name: string; address: string | null; phone: string | null; email: string | null }[];
  };
  plans: ExtractPlan[];
  /** Which organisations (and, where the organisation's setting says so, who) read the records, by day. */
  reads: { date: string; organisation: string; name: string | null }[];
  staffNames: boolean;
}

async function plansOf(db: DB, personId: string, organisationId: string) {
  return db
    .selectFrom("plans")
    .innerJoin("organisations as lead", "lead.id", "plans.lead_organisation_id")
    .select([
      "plans.id",
      "plans.kind",
      "plans.status",
      "plans.created_at",
      "plans.closed_at",
      "plans.goal",
      "plans.needs",
      "lead.name as lead_name",
    ])
    .where("plans.person_id", "=", personId)
    .where((eb) =>
      eb.or([
        eb("plans.lead_organisation_id", "=", organisationId),
        eb(
          "plans.id",
          "in",
          eb
            .selectFrom("plan_team")
            .innerJoin("users", "users.id", "plan_team.user_id")
            .select("plan_team.plan_id")
            .where("users.organisation_id", "=", organisationId),
        ),
      ]),
    )
    .orderBy("plans.created_at")
    .execute();
}

async function planContent(db: DB, planId: string, organisationId: string): Promise<Omit<ExtractPlan, keyof PlanHead>> {
  const [consents, actions, followUps, notes, meetings] = await Promise.all([
    // The consent feature owns how a consent is read, withdrawal included.
    listConsents(db, planId),
    db
      .selectFrom("plan_actions")
      .innerJoin("organisations", "organisations.id", "plan_actions.responsible_organisation_id")
      .select(["plan_actions.description", "organisations.name", "plan_actions.status", "plan_actions.due_date"])
      .where("plan_actions.plan_id", "=", planId)
      .orderBy("plan_actions.created_at")
      .execute(),
    db
      .selectFrom("plan_follow_ups")
      .select(["held_on", "reviewed"])
      .where("plan_id", "=", planId)
      .orderBy("held_on")
      .execute(),
    db
      .selectFrom("plan_notes")
      .innerJoin("users", "users.id", "plan_notes.author_id")
      .select(["plan_notes.created_at", "plan_notes.body"])
      .where("plan_notes.plan_id", "=", planId)
      .where("users.organisation_id", "=", organisationId)
      .orderBy("plan_notes.created_at")
      .execute(),
    db
      .selectFrom("meetings")
      .select((eb) => [
        "meetings.starts_at",
        "meetings.purpose",
        "meetings.status",
        "meetings.minutes",
        eb
          .exists(
            eb
              .selectFrom("meeting_invitees")
              .select("meeting_invitees.id")
              .whereRef("meeting_invitees.meeting_id", "=", "meetings.id")
              .where("meeting_invitees.party", "=", "person"),
          )
          .as("letter"),
      ])
      .where("meetings.plan_id", "=", planId)
      .orderBy("meetings.starts_at")
      .execute(),
  ]);
  return {
    consents: [...consents]
      .sort((a, b) => a.givenOn.localeCompare(b.givenOn))
      .map((c) => ({
        givenOn: c.givenOn,
        validFrom: c.validFrom,
        validUntil: c.validUntil,
        purpose: c.purpose,
        organisations: c.organisations.map((o) => o.name),
        withdrawnAt: c.withdrawnAt,
      })),
    actions: actions.map((a) => ({
      description: a.description,
      organisation: a.name,
      status: a.status,
      dueDate: a.due_date,
    })),
    followUps: followUps.map((f) => ({ heldOn: f.held_on, reviewed: f.reviewed })),
    notes: notes.map((n) => ({ createdAt: n.created_at, body: n.body })),
    meetings: meetings.map((m) => ({
      startsAt: m.starts_at,
      purpose: m.purpose,
      status: m.status,
      minutes: m.minutes,
      letter: fromBool(Number(m.letter)),
    })),
  };
}

type PlanHead = Pick<
  ExtractPlan,
  "id" | "kind" | "status" | "leadOrganisation" | "createdAt" | "closedAt" | "goal" | "needs"
>;

async function readsOf(db: DB, planIds: string[], staffNames: boolean): Promise<RegisterExtract["reads"]> {
  const rows = await db
    .selectFrom("audit_events")
    .innerJoin("organisations", "organisations.id", "audit_events.organisation_id")
    .leftJoin("users", "users.id", "audit_events.user_id")
    .select(["audit_events.occurred_at", "organisations.name as organisation", "users.name as user_name"])
    .where("audit_events.plan_id", "in", planIds)
    .where("audit_events.outcome", "=", "allowed")
    .where((eb) =>
      eb.or([
        eb("audit_events.action", "like", "%.read"),
        eb("audit_events.action", "like", "%.print"),
        eb("audit_events.action", "=", "extract.produced"),
      ]),
    )
    .orderBy("audit_events.seq")
    .execute();
  const seen = new Set<string>();
  const reads: RegisterExtract["reads"] = [];
  for (const r of rows) {
    const date = todayInStockholm(new Date(r.occurred_at));
    const name = staffNames ? r.user_name : null;
    const key = `${date}\u0000${r.organisation}\u0000${name ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reads.push({ date, organisation: r.organisation, name });
  }
  return reads;
}

/** The extract for the person of a plan the caseworker may see; audited as produced. */
export async function registerExtract(
  db: DB,
  user: AccessUser & { organisationName: string },
  planId: string,
  format: "page" | "json",
  now = new Date(),
): Promise<Result<RegisterExtract>> {
  if (!can(user, "extract:produce")) return notFoundFailure();
  return inTransaction(db, async (trx) => {
    const access = await planAccessFor(trx, user, planId, "extract.produce");
    if (!access) return notFoundFailure();
    const person = await trx
      .selectFrom("persons")
      .select(["identity_number", "protected_identity"])
      .where("id", "=", access.personId)
      .executeTakeFirstOrThrow();
    const protectedIdentity = fromBool(person.protected_identity);
    const heads = await plansOf(trx, access.personId, user.organisationId);
    const planIds = heads.map((p) => p.id);
    const plans: ExtractPlan[] = [];
    for (const p of heads) {
      plans.push({
        id: p.id,
        kind: p.kind,
        status: p.status,
        leadOrganisation: p.lead_name,
        createdAt: p.created_at,
        closedAt: p.closed_at,
        goal: p.goal,
        needs: p.needs,
        ...(await planContent(trx, p.id, user.organisationId)),
      });
    }
    const detailRows = await trx
      .selectFrom("plan_person_details")
      .select(["name", "address", "phone", "email"])
      .where("plan_id", "in", planIds)
      .execute();
    const details = new Map<string, RegisterExtract["person"]["details"][number]>();
    for (const d of detailRows) {
      const value = protectedIdentity
        ? { name: d.name, address: null, phone: null, email: null }
        : { name: d.name, address: d.address, phone: d.phone, email: d.email };
      if (value.name || value.address || value.phone || value.email) details.set(JSON.stringify(value), value);
    }
    const staffNames = (await ruleOf(trx, user.organisationId))?.extractStaffNames ?? false;
    await audit(
      trx,
      {
        actor: actorOf(user),
        action: "extract.produced",
        recordType: "person",
        recordId: access.personId,
        personId: access.personId,
        planId,
        details: { plans: planIds.length, format },
      },
      now,
    );
    return ok({
      producedAt: now.toISOString(),
      organisation: user.organisationName,
      person: {
        identityNumber: formatIdentityNumber(person.identity_number),
        protectedIdentity,
        details: [...details.values()],
      },
      plans,
      reads: await readsOf(trx, planIds, staffNames),
      staffNames,
    });
  });
}
