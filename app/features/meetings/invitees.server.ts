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
  const coveredIds = [access.leadOrganisationId, ...covered];
  const base = db
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
  const [team, others] = await Promise.all([
    base
      .innerJoin("plan_team", "plan_team.user_id", "users.id")
      .where("plan_team.plan_id", "=", access.planId)
      .orderBy("organisations.name")
      .orderBy("users.name")
      .execute(),
    base
      .where("users.organisation_id", "in", coveredIds)
      .where(isCaseworker)
      .where("users.id", "not in", (eb) =>
        eb.selectFrom("plan_team").select("plan_team.user_id").where("plan_team.plan_id", "=", access.planId),
      )
      .orderBy("organisations.name")
      .orderBy("users.name")
      .execute(),
  ]);
  const isCovered = (orgId: string) => orgId === access.leadOrganisationId || covered.has(orgId);
  return [
    ...team.map((u) => toStaffOption(u, { onTeam: true, covered: isCovered(u.organisation_id) })),
    ...others.map((u) => toStaffOption(u, { onTeam: false, covered: true })),
  ];
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
