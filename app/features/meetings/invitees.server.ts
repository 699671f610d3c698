// Who is, and who can be, invited to a plan meeting. Staff invitees must belong to the lead
// organisation or to one an active consent names; the commands refuse anything else, whatever
// the form sent. Only caseworkers are invited as staff or take over an invitation.
import type { ExpressionBuilder } from "kysely";
import type { DB } from "#db/client.server";
import { newId } from "#db/portable";
import type {
  Database,
  ExternalRole,
  InvitationKind,
  InviteeParty,
  MeetingResponse,
  OrganisationKind,
} from "#db/schema";
import { coveredOrganisationIds, type AccessUser, type PlanAccess } from "~/features/access/access.server";
import { actorOf } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { recordHistory } from "~/features/plans/history.server";
import { joinTeam } from "~/features/plans/team.server";
import { likePattern } from "~/lib/pagination";
import { todayInStockholm } from "~/lib/time";
import { toInvitee, toStaffOption } from "./meeting-mapping.server";
import type { Invitee, StaffOption } from "./meeting-types";

export function isCaseworker(eb: ExpressionBuilder<Database, "users">) {
  return eb.exists(
    eb
      .selectFrom("role_grants")
      .select("role_grants.id")
      .whereRef("role_grants.user_id", "=", "users.id")
      .where("role_grants.role", "=", "caseworker"),
  );
}

/** Team members (covered or not, so the form can warn) and caseworkers of covered organisations. */
export async function invitableStaff(db: DB, access: PlanAccess, today = todayInStockholm()): Promise<StaffOption[]> {
  const covered = await coveredOrganisationIds(db, access.planId, today);
  const [team, others] = await Promise.all([
    teamStaff(db, access, covered),
    staffBase(db)
      .where("users.organisation_id", "in", [access.leadOrganisationId, ...covered])
      .where(isCaseworker)
      .where("users.id", "not in", (eb) =>
        eb.selectFrom("plan_team").select("plan_team.user_id").where("plan_team.plan_id", "=", access.planId),
      )
      .orderBy("organisations.name")
      .orderBy("users.name")
      .execute(),
  ]);
  return [...team, ...others.map((u) => toStaffOption(u, { onTeam: false, covered: true }))];
}

function staffBase(db: DB) {
  return db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "users.id",
      "users.name",
      "users.email",
      "organisations.id as organisation_id",
      "organisations.name as organisation_name",
      "organisations.kind as organisation_kind",
    ])
    .where("users.disabled_at", "is", null);
}

/** The plan's team, each marked covered or not: what the convening form suggests first. */
export async function teamStaff(
  db: DB,
  access: PlanAccess,
  covered?: Set<string>,
  today = todayInStockholm(),
): Promise<StaffOption[]> {
  const coveredIds = covered ?? (await coveredOrganisationIds(db, access.planId, today));
  const team = await staffBase(db)
    .innerJoin("plan_team", "plan_team.user_id", "users.id")
    .where("plan_team.plan_id", "=", access.planId)
    .orderBy("organisations.name")
    .orderBy("users.name")
    .execute();
  return team.map((u) =>
    toStaffOption(u, {
      onTeam: true,
      covered: u.organisation_id === access.leadOrganisationId || coveredIds.has(u.organisation_id),
    }),
  );
}

/** How many hits one search shows; a longer list asks for a narrower search. */
export const SEARCH_LIMIT = 20;

/**
 * Caseworkers of the organisations in the lead organisation's partnerships whose name matches
 * `q` (case-insensitive), or the given ids. Each is marked covered when the plan's lead
 * organisation or an active consent (the access feature's one definition) names its organisation.
 */
export async function findStaff(
  db: DB,
  access: PlanAccess,
  by: { q: string } | { ids: string[] },
  today = todayInStockholm(),
): Promise<StaffOption[]> {
  if ("ids" in by && by.ids.length === 0) return [];
  const covered = await coveredOrganisationIds(db, access.planId, today);
  let query = db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .leftJoin("plan_team", (j) =>
      j.onRef("plan_team.user_id", "=", "users.id").on("plan_team.plan_id", "=", access.planId),
    )
    .select([
      "users.id",
      "users.name",
      "users.email",
      "organisations.id as organisation_id",
      "organisations.name as organisation_name",
      "organisations.kind as organisation_kind",
      "plan_team.user_id as team_member",
    ])
    .where("users.disabled_at", "is", null)
    .where(isCaseworker)
    .where("users.organisation_id", "in", (eb) =>
      eb
        .selectFrom("organisation_partnerships as op")
        .select("op.organisation_id")
        .where("op.partnership_id", "in", (eb2) =>
          eb2
            .selectFrom("organisation_partnerships as lead")
            .select("lead.partnership_id")
            .where("lead.organisation_id", "=", access.leadOrganisationId),
        ),
    );
  if ("q" in by) {
    const words = by.q.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 4);
    if (words.length === 0) return [];
    for (const word of words) {
      const pattern = likePattern(word);
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn("lower", ["users.name"]), "like", pattern),
          eb(eb.fn("lower", ["organisations.name"]), "like", pattern),
        ]),
      );
    }
    query = query.limit(SEARCH_LIMIT + 1);
  } else {
    query = query.where("users.id", "in", by.ids);
  }
  const rows = await query.orderBy("users.name").orderBy("organisations.name").execute();
  return rows.map((u) =>
    toStaffOption(u, {
      onTeam: u.team_member !== null,
      covered: u.organisation_id === access.leadOrganisationId || covered.has(u.organisation_id),
    }),
  );
}

/** The convener first, then staff by organisation and name, then the person and a relative. */
export async function loadInvitees(db: DB, meetingId: string, organiserId: string): Promise<Invitee[]> {
  const rows = await db
    .selectFrom("meeting_invitees")
    .leftJoin("users", "users.id", "meeting_invitees.user_id")
    .leftJoin("organisations", "organisations.id", "meeting_invitees.organisation_id")
    .select([
      "meeting_invitees.id",
      "meeting_invitees.party",
      "meeting_invitees.kind",
      "meeting_invitees.user_id",
      "meeting_invitees.organisation_id",
      "meeting_invitees.relative_name",
      "meeting_invitees.relative_contact",
      "meeting_invitees.external_role",
      "meeting_invitees.response",
      "meeting_invitees.response_reason",
      "meeting_invitees.responded_at",
      "meeting_invitees.replaced_by",
      "meeting_invitees.attended",
      "users.name as user_name",
      "organisations.name as organisation_name",
    ])
    .where("meeting_invitees.meeting_id", "=", meetingId)
    .execute();
  const rank = (i: Invitee) =>
    i.party === "staff" ? (i.userId === organiserId ? 0 : 1) : i.party === "person" ? 2 : 3;
  return rows
    .map(toInvitee)
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.organisationName ?? "").localeCompare(b.organisationName ?? "", "sv") ||
        (a.userName ?? "").localeCompare(b.userName ?? "", "sv"),
    );
}

/** Staff invitees who should hear about changes: everyone but the organiser and those replaced. */
export async function staffToTell(db: DB, meetingId: string, organiserId: string) {
  const rows = await db
    .selectFrom("meeting_invitees")
    .select(["id", "user_id"])
    .where("meeting_id", "=", meetingId)
    .where("party", "=", "staff")
    .where("replaced_by", "is", null)
    .where("user_id", "!=", organiserId)
    .execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id! }));
}

/** A new meeting_invitees row; `stamp` is when it was made (and, for an accepted one, answered). */
export function inviteeValues(
  meetingId: string,
  stamp: string,
  values: {
    party: InviteeParty;
    kind: InvitationKind;
    userId?: string;
    organisationId?: string;
    organisationKind?: OrganisationKind;
    relativeName?: string;
    relativeContact?: string;
    externalRole?: ExternalRole;
    response?: MeetingResponse;
  },
) {
  return {
    id: newId(),
    meeting_id: meetingId,
    party: values.party,
    kind: values.kind,
    user_id: values.userId ?? null,
    organisation_id: values.organisationId ?? null,
    organisation_kind: values.organisationKind ?? null,
    relative_name: values.relativeName ?? null,
    relative_contact: values.relativeContact ?? null,
    external_role: values.externalRole ?? null,
    response: values.response ?? "pending",
    responded_at: values.response === "accepted" ? stamp : null,
    response_reason: null,
    replaced_by: null,
    attended: null,
    created_at: stamp,
  };
}

/** Puts a staff member on the plan's team when they are invited from a covered organisation. */
export async function ensureOnTeam(
  trx: DB,
  user: AccessUser,
  access: PlanAccess,
  member: { id: string; name: string; organisationName: string },
) {
  const on = await trx
    .selectFrom("plan_team")
    .select("user_id")
    .where("plan_id", "=", access.planId)
    .where("user_id", "=", member.id)
    .executeTakeFirst();
  if (on) return;
  await joinTeam(trx, access.planId, member.id);
  await recordHistory(trx, {
    planId: access.planId,
    userId: user.id,
    change: "team.add",
    after: { member: member.name, organisation: member.organisationName },
  });
  await audit(trx, {
    actor: actorOf(user),
    action: "team.add",
    recordType: "plan",
    recordId: access.planId,
    planId: access.planId,
    personId: access.personId,
    details: { memberId: member.id, reason: "meeting" },
  });
}
