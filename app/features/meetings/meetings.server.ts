// Plan meetings (DESIGN.md "Plan meetings"): convening with summons and invitations,
// responses, rescheduling, cancelling, and recording attendance, minutes and decisions.
//
// A meeting is visible exactly when its plan is: every entry point goes through
// requireMeetingAccess(), which looks up the meeting's plan and calls the one access rule.
// Invitees must belong to the lead organisation or to one an active consent names; the
// server refuses anything else, whatever the form sent.
import type { ExpressionBuilder } from "kysely";
import type { DB } from "#db/client.server";
import { fromBool, newId, nowIso, toBool } from "#db/portable";
import type { Database, InvitationKind, MeetingResponse, OrganisationKind } from "#db/schema";
import { joinTeam } from "~/features/plans/team.server";
import {
  coveredOrganisationIds,
  requirePlanAccess,
  type AccessUser,
  type PlanAccess,
} from "~/features/access/access.server";
import { audit } from "~/features/audit/audit.server";
import { markRead, notify } from "~/features/notifications/notifications.server";
import { recordHistory } from "~/features/plans/history.server";
import { addAction, partnerOrganisations, recordFollowUp } from "~/features/plans/plan-parts.server";
import { sendMail } from "~/lib/mail.server";
import { getFixedT } from "~/lib/i18n.server";
import { todayInStockholm } from "~/lib/time";
import type { Locale } from "~/locales/resources";
import { meetingCalendarText, meetingMails } from "./meeting-mail.server";
import { utcToStockholm } from "./meeting-time";

export type MeetingUser = AccessUser & { name?: string };

/** "2026-03-12 10:00" in Stockholm, for the plan's history. */
const localTime = (iso: string) => Object.values(utcToStockholm(iso)).join(" ");
const actorOf = (user: MeetingUser) => ({ userId: user.id, organisationId: user.organisationId });
export const meetingPath = (meetingId: string) => `/meetings/${meetingId}`;

function auditMeeting(
  db: DB,
  user: MeetingUser,
  access: PlanAccess,
  action: string,
  recordId: string,
  extra: { outcome?: "allowed" | "denied"; details?: Record<string, unknown>; recordType?: string } = {},
) {
  return audit(db, {
    actor: actorOf(user),
    action,
    recordType: extra.recordType ?? "meeting",
    recordId,
    planId: access.planId,
    personId: access.personId,
    outcome: extra.outcome,
    details: extra.details,
  });
}

/** Steps the user may not take on a meeting they can see are refused like any denial, and audited. */
async function deny<T extends string>(
  db: DB,
  user: MeetingUser,
  access: PlanAccess,
  action: string,
  meetingId: string,
  result: T,
): Promise<T> {
  await auditMeeting(db, user, access, action, meetingId, { outcome: "denied" });
  return result;
}

/**
 * The guard for every meeting route: the meeting's plan under the access rule.
 * A meeting that does not exist is refused exactly like one the user may not see (404).
 */
export async function requireMeetingAccess(
  db: DB,
  user: AccessUser,
  meetingId: string,
  action: string,
  today = todayInStockholm(),
) {
  const meeting = await db.selectFrom("meetings").select("plan_id").where("id", "=", meetingId).executeTakeFirst();
  const access = await requirePlanAccess(db, user, meeting?.plan_id ?? "", action, today);
  return { access, meetingId };
}

// ---------------------------------------------------------------------------------------
// Who can be invited

export interface StaffOption {
  id: string;
  name: string;
  email: string;
  organisation_id: string;
  organisation_name: string;
  organisation_kind: OrganisationKind;
  onTeam: boolean;
  /** The lead organisation, or named by an active consent. */
  covered: boolean;
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
    ...team.map((u) => ({ ...u, onTeam: true, covered: isCovered(u.organisation_id) })),
    ...others.map((u) => ({ ...u, onTeam: false, covered: true })),
  ];
}

/** What the convening form needs. Reading it is audited (it shows the person's name). */
export async function conveneForm(db: DB, user: MeetingUser, access: PlanAccess, today = todayInStockholm()) {
  const [plan, staff] = await Promise.all([
    db
      .selectFrom("plans")
      .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
      .select(["plans.id", "plans.kind", "plans.status", "person.name as person_name"])
      .where("plans.id", "=", access.planId)
      .executeTakeFirstOrThrow(),
    invitableStaff(db, access, today),
  ]);
  await audit(db, {
    actor: actorOf(user),
    action: "meeting.prepare",
    recordType: "plan",
    recordId: access.planId,
    planId: access.planId,
    personId: access.personId,
  });
  const invitable = staff.filter((s) => s.id !== user.id);
  const uncovered = [
    ...new Map(invitable.filter((s) => !s.covered).map((s) => [s.organisation_id, s.organisation_name])).values(),
  ];
  return { plan, staff: invitable, uncoveredOrganisations: uncovered };
}

// ---------------------------------------------------------------------------------------
// Convening

export interface WhenWhere {
  /** UTC ISO. */
  startsAt: string;
  durationMinutes: number;
  place: string | null;
  videoLink: string | null;
}

export interface ConveneInput extends WhenWhere {
  purpose: string;
  agenda: string;
  staff: { userId: string; kind: InvitationKind }[];
  person: { kind: InvitationKind } | null;
  relative: { name: string; contact: string } | null;
}

export type ConveneResult =
  | { ok: true; meetingId: string }
  | { ok: false; reason: "uncovered"; refused: { id: string; name: string; organisationName: string }[] }
  | { ok: false; reason: "unknown_invitee" | "plan_closed" };

/** Only caseworkers are invited as staff or take over an invitation. */
function isCaseworker(eb: ExpressionBuilder<Database, "users">) {
  return eb.exists(
    eb
      .selectFrom("role_grants")
      .select("role_grants.id")
      .whereRef("role_grants.user_id", "=", "users.id")
      .where("role_grants.role", "=", "caseworker"),
  );
}

/** Puts a staff member on the plan's team when they are invited from a covered organisation. */
async function ensureOnTeam(
  trx: DB,
  user: MeetingUser,
  access: PlanAccess,
  member: { id: string; name: string; organisation_name: string },
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
    after: { member: member.name, organisation: member.organisation_name },
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

/** `sentAt` is when the summons goes out: now, except when the demo data or a test backdates it. */
export async function conveneMeeting(
  db: DB,
  user: MeetingUser,
  access: PlanAccess,
  input: ConveneInput,
  sentAt = new Date(),
): Promise<ConveneResult> {
  const today = todayInStockholm();
  const plan = await db.selectFrom("plans").select("status").where("id", "=", access.planId).executeTakeFirstOrThrow();
  if (plan.status === "closed") return { ok: false, reason: "plan_closed" };
  const options = new Map((await invitableStaff(db, access, today)).map((s) => [s.id, s]));
  const wanted = [...new Map(input.staff.filter((s) => s.userId !== user.id).map((s) => [s.userId, s])).values()];
  if (wanted.some((s) => !options.has(s.userId))) return { ok: false, reason: "unknown_invitee" };
  const refused = wanted.map((s) => options.get(s.userId)!).filter((o) => !o.covered);
  if (refused.length > 0) {
    await audit(db, {
      actor: actorOf(user),
      action: "meeting.create",
      recordType: "plan",
      recordId: access.planId,
      planId: access.planId,
      personId: access.personId,
      outcome: "denied",
      details: { uncoveredOrganisations: [...new Set(refused.map((r) => r.organisation_id))] },
    });
    return {
      ok: false,
      reason: "uncovered",
      refused: refused.map((r) => ({ id: r.id, name: r.name, organisationName: r.organisation_name })),
    };
  }

  const organiser = await db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["users.id", "users.organisation_id", "organisations.kind"])
    .where("users.id", "=", user.id)
    .executeTakeFirstOrThrow();
  const meetingId = newId();
  const stamp = nowIso(sentAt);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("meetings")
      .values({
        id: meetingId,
        plan_id: access.planId,
        organiser_id: user.id,
        starts_at: input.startsAt,
        duration_minutes: input.durationMinutes,
        place: input.place,
        video_link: input.videoLink,
        purpose: input.purpose,
        agenda: input.agenda,
        status: "scheduled",
        sequence: 0,
        summons_sent_at: stamp,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    const invitee = (values: {
      party: "staff" | "person" | "relative";
      kind: InvitationKind;
      user_id?: string;
      organisation_id?: string;
      organisation_kind?: OrganisationKind;
      relative_name?: string;
      relative_contact?: string;
      response?: MeetingResponse;
    }) => ({
      id: newId(),
      meeting_id: meetingId,
      party: values.party,
      kind: values.kind,
      user_id: values.user_id ?? null,
      organisation_id: values.organisation_id ?? null,
      organisation_kind: values.organisation_kind ?? null,
      relative_name: values.relative_name ?? null,
      relative_contact: values.relative_contact ?? null,
      response: values.response ?? "pending",
      responded_at: values.response === "accepted" ? stamp : null,
      response_reason: null,
      replaced_by: null,
      attended: null,
      created_at: stamp,
    });
    const rows = [
      // The organiser takes part for the lead organisation and has, in effect, accepted.
      invitee({
        party: "staff",
        kind: "summons",
        user_id: organiser.id,
        organisation_id: organiser.organisation_id,
        organisation_kind: organiser.kind,
        response: "accepted",
      }),
      ...wanted.map((s) => {
        const o = options.get(s.userId)!;
        return invitee({
          party: "staff",
          kind: s.kind,
          user_id: o.id,
          organisation_id: o.organisation_id,
          organisation_kind: o.organisation_kind,
        });
      }),
      ...(input.person ? [invitee({ party: "person", kind: input.person.kind })] : []),
      ...(input.relative
        ? [
            invitee({
              party: "relative",
              kind: "invitation",
              relative_name: input.relative.name,
              relative_contact: input.relative.contact,
            }),
          ]
        : []),
    ];
    await trx.insertInto("meeting_invitees").values(rows).execute();
    for (const s of wanted) {
      const o = options.get(s.userId)!;
      if (!o.onTeam) await ensureOnTeam(trx, user, access, o);
    }
    for (const kind of ["summons", "invitation"] as const) {
      await notify(trx, {
        userIds: wanted.filter((s) => s.kind === kind).map((s) => s.userId),
        kind: `meeting.${kind}`,
        link: meetingPath(meetingId),
        planId: access.planId,
      });
    }
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "meeting.convene",
      after: { meetingAt: localTime(input.startsAt) },
    });
    await auditMeeting(trx, user, access, "meeting.create", meetingId, { details: { invitees: rows.length } });
  });

  await sendMail(db, await meetingMails(db, meetingId, { kind: "request", onlyUserIds: wanted.map((s) => s.userId) }));
  return { ok: true, meetingId };
}

// ---------------------------------------------------------------------------------------
// Reading

async function loadMeeting(db: DB, access: PlanAccess, meetingId: string) {
  return db
    .selectFrom("meetings")
    .innerJoin("plans", "plans.id", "meetings.plan_id")
    .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
    .innerJoin("users as organiser", "organiser.id", "meetings.organiser_id")
    .innerJoin("organisations as organiser_org", "organiser_org.id", "organiser.organisation_id")
    .selectAll("meetings")
    .select([
      "plans.kind as plan_kind",
      "plans.status as plan_status",
      "plans.lead_user_id",
      "person.name as person_name",
      "organiser.name as organiser_name",
      "organiser.email as organiser_email",
      "organiser_org.name as organiser_organisation_name",
    ])
    .where("meetings.id", "=", meetingId)
    .where("meetings.plan_id", "=", access.planId)
    .executeTakeFirst();
}

async function loadInvitees(db: DB, meetingId: string, organiserId: string) {
  const rows = await db
    .selectFrom("meeting_invitees")
    .leftJoin("users", "users.id", "meeting_invitees.user_id")
    .leftJoin("organisations", "organisations.id", "meeting_invitees.organisation_id")
    .selectAll("meeting_invitees")
    .select([
      "users.name as user_name",
      "users.email as user_email",
      "users.locale as user_locale",
      "organisations.name as organisation_name",
    ])
    .where("meeting_invitees.meeting_id", "=", meetingId)
    .execute();
  // The convener first, then staff by organisation and name, then the person and a relative.
  const rank = (r: { party: string; user_id: string | null }) =>
    r.party === "staff" ? (r.user_id === organiserId ? 0 : 1) : r.party === "person" ? 2 : 3;
  return rows
    .map((r) => ({ ...r, attended: r.attended === null ? null : fromBool(r.attended) }))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.organisation_name ?? "").localeCompare(b.organisation_name ?? "", "sv") ||
        (a.user_name ?? "").localeCompare(b.user_name ?? "", "sv"),
    );
}

export type Invitee = Awaited<ReturnType<typeof loadInvitees>>[number];

function canManage(user: MeetingUser, meeting: { organiser_id: string; lead_user_id: string }) {
  return user.id === meeting.organiser_id || user.id === meeting.lead_user_id;
}

/** The meeting's Stockholm calendar day has come (it may be recorded, decisions may be noted). */
function hasBegun(startsAt: string, today: string) {
  return utcToStockholm(startsAt).date <= today;
}

export function responseCounts(invitees: { party: string; response: MeetingResponse; replaced_by: string | null }[]) {
  const staff = invitees.filter((i) => i.party === "staff" && !i.replaced_by);
  return {
    invited: staff.length,
    accepted: staff.filter((i) => i.response === "accepted").length,
    declined: staff.filter((i) => i.response === "declined").length,
    pending: staff.filter((i) => i.response === "pending").length,
  };
}

/** The meeting page. Reading it is audited, and it reads the user's notifications about it. */
export async function getMeetingPage(
  db: DB,
  user: MeetingUser,
  access: PlanAccess,
  meetingId: string,
  today = todayInStockholm(),
) {
  const meeting = await loadMeeting(db, access, meetingId);
  if (!meeting) return null;
  const [invitees, decisions, organisations] = await Promise.all([
    loadInvitees(db, meetingId, meeting.organiser_id),
    db
      .selectFrom("meeting_decisions")
      .leftJoin("plan_actions", "plan_actions.id", "meeting_decisions.action_id")
      .leftJoin("organisations", "organisations.id", "plan_actions.responsible_organisation_id")
      .innerJoin("users", "users.id", "meeting_decisions.created_by")
      .selectAll("meeting_decisions")
      .select([
        "plan_actions.status as action_status",
        "plan_actions.due_date as action_due_date",
        "organisations.name as action_organisation_name",
        "users.name as created_by_name",
      ])
      .where("meeting_decisions.meeting_id", "=", meetingId)
      .orderBy("meeting_decisions.created_at")
      .execute(),
    partnerOrganisations(db, access),
  ]);
  const mine =
    invitees.find((i) => i.party === "staff" && i.user_id === user.id && user.id !== meeting.organiser_id) ?? null;
  const replacementCandidates = mine
    ? await db
        .selectFrom("users")
        .select(["users.id", "users.name"])
        .where("users.organisation_id", "=", user.organisationId)
        .where("users.disabled_at", "is", null)
        .where("users.id", "!=", user.id)
        .where(isCaseworker)
        .where(
          "users.id",
          "not in",
          invitees.map((i) => i.user_id).filter((id): id is string => id !== null),
        )
        .orderBy("users.name")
        .execute()
    : [];
  await auditMeeting(db, user, access, "meeting.read", meetingId);
  await markRead(db, user.id, meetingPath(meetingId));
  const begun = hasBegun(meeting.starts_at, today);
  const manage = canManage(user, meeting);
  return {
    meeting,
    invitees,
    counts: responseCounts(invitees),
    decisions,
    organisations,
    myInvitation: mine,
    replacementCandidates,
    canManage: manage,
    canRespond: mine !== null && meeting.status === "scheduled",
    canReschedule: manage && meeting.status === "scheduled",
    canRecord: manage && meeting.status === "scheduled" && begun,
    canDecide: manage && meeting.status !== "cancelled" && begun,
    today,
  };
}

export type MeetingPage = NonNullable<Awaited<ReturnType<typeof getMeetingPage>>>;

/** The person's letter: what, when, where, who comes, whom to call. Reading it is audited. */
export async function getMeetingLetter(db: DB, user: MeetingUser, access: PlanAccess, meetingId: string) {
  const meeting = await loadMeeting(db, access, meetingId);
  if (!meeting) return null;
  const invitees = await loadInvitees(db, meetingId, meeting.organiser_id);
  await auditMeeting(db, user, access, "meeting.letter", meetingId);
  const person = invitees.find((i) => i.party === "person");
  return {
    meetingId,
    planId: access.planId,
    status: meeting.status,
    personName: meeting.person_name,
    personKind: person?.kind ?? null,
    startsAt: meeting.starts_at,
    durationMinutes: meeting.duration_minutes,
    place: meeting.place,
    videoLink: meeting.video_link,
    purpose: meeting.purpose,
    agenda: meeting.agenda,
    organiser: {
      name: meeting.organiser_name,
      organisation: meeting.organiser_organisation_name,
      email: meeting.organiser_email,
    },
    coming: invitees
      .filter((i) => i.party === "staff" && i.response !== "declined")
      .map((i) => ({ id: i.id, name: i.user_name ?? "", organisation: i.organisation_name ?? "" })),
    relative: invitees.find((i) => i.party === "relative")?.relative_name ?? null,
  };
}

/** The calendar file behind the access rule: PUBLISH, same UID and SEQUENCE as the e-mails. */
export async function meetingCalendarFile(
  db: DB,
  user: MeetingUser,
  access: PlanAccess,
  meetingId: string,
  locale: Locale,
) {
  const exists = await db
    .selectFrom("meetings")
    .select("id")
    .where("id", "=", meetingId)
    .where("plan_id", "=", access.planId)
    .executeTakeFirst();
  if (!exists) return null;
  const content = await meetingCalendarText(db, meetingId, locale);
  await auditMeeting(db, user, access, "meeting.calendar", meetingId);
  return content;
}

/** Past and upcoming meetings on the plan page. */
export async function listPlanMeetings(db: DB, access: PlanAccess, now = new Date()) {
  const meetings = await db
    .selectFrom("meetings")
    .select(["id", "starts_at", "duration_minutes", "status", "purpose", "place", "video_link"])
    .where("plan_id", "=", access.planId)
    .orderBy("starts_at", "desc")
    .execute();
  const invitees = meetings.length
    ? await db
        .selectFrom("meeting_invitees")
        .select(["meeting_id", "party", "response", "replaced_by"])
        .where(
          "meeting_id",
          "in",
          meetings.map((m) => m.id),
        )
        .execute()
    : [];
  const nowIsoString = nowIso(now);
  const withCounts = meetings.map((m) => ({
    ...m,
    counts: responseCounts(invitees.filter((i) => i.meeting_id === m.id)),
  }));
  return {
    upcoming: withCounts.filter((m) => m.status === "scheduled" && m.starts_at >= nowIsoString).reverse(),
    past: withCounts.filter((m) => !(m.status === "scheduled" && m.starts_at >= nowIsoString)),
  };
}

// ---------------------------------------------------------------------------------------
// Responding

export type RespondResult = "ok" | "not_invited" | "not_scheduled" | "reason_required" | "bad_replacement";

export async function respondToMeeting(
  db: DB,
  user: MeetingUser,
  access: PlanAccess,
  meetingId: string,
  input: { response: "accepted" | "declined"; reason?: string | null; replacementUserId?: string | null },
): Promise<RespondResult> {
  const meeting = await loadMeeting(db, access, meetingId);
  if (!meeting) return "not_invited";
  const mine = await db
    .selectFrom("meeting_invitees")
    .selectAll()
    .where("meeting_id", "=", meetingId)
    .where("party", "=", "staff")
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  if (!mine || user.id === meeting.organiser_id)
    return deny(db, user, access, "meeting.respond", meetingId, "not_invited");
  if (meeting.status !== "scheduled") return "not_scheduled";
  const reason = input.reason?.trim() || null;
  if (input.response === "declined" && !reason) return "reason_required";

  let replacement:
    | { id: string; name: string; organisation_id: string; organisation_name: string; kind: OrganisationKind }
    | undefined;
  if (input.response === "declined" && input.replacementUserId) {
    const covered = await coveredOrganisationIds(db, access.planId);
    replacement = await db
      .selectFrom("users")
      .innerJoin("organisations", "organisations.id", "users.organisation_id")
      .select([
        "users.id",
        "users.name",
        "users.organisation_id",
        "organisations.name as organisation_name",
        "organisations.kind",
      ])
      .where("users.id", "=", input.replacementUserId)
      .where("users.organisation_id", "=", user.organisationId)
      .where("users.disabled_at", "is", null)
      .where(isCaseworker)
      .where("users.id", "not in", (eb) =>
        eb
          .selectFrom("meeting_invitees")
          .select("meeting_invitees.user_id")
          .where("meeting_invitees.meeting_id", "=", meetingId)
          .where("meeting_invitees.user_id", "is not", null)
          .$narrowType<{ user_id: string }>(),
      )
      .executeTakeFirst();
    if (
      !replacement ||
      (replacement.organisation_id !== access.leadOrganisationId && !covered.has(replacement.organisation_id))
    )
      return "bad_replacement";
  }

  const stamp = nowIso();
  await db.transaction().execute(async (trx) => {
    let replacedBy: string | null = mine.replaced_by;
    if (replacement) {
      replacedBy = newId();
      await trx
        .insertInto("meeting_invitees")
        .values({
          id: replacedBy,
          meeting_id: meetingId,
          party: "staff",
          kind: mine.kind,
          user_id: replacement.id,
          organisation_id: replacement.organisation_id,
          organisation_kind: replacement.kind,
          relative_name: null,
          relative_contact: null,
          response: "pending",
          response_reason: null,
          responded_at: null,
          replaced_by: null,
          attended: null,
          created_at: stamp,
        })
        .execute();
      await ensureOnTeam(trx, user, access, replacement);
      await notify(trx, {
        userIds: [replacement.id],
        kind: `meeting.${mine.kind}`,
        link: meetingPath(meetingId),
        planId: access.planId,
      });
    }
    await trx
      .updateTable("meeting_invitees")
      .set({
        response: input.response,
        response_reason: input.response === "declined" ? reason : null,
        responded_at: stamp,
        replaced_by: replacedBy,
      })
      .where("id", "=", mine.id)
      .execute();
    if (input.response === "declined") {
      await notify(trx, {
        userIds: [meeting.organiser_id],
        kind: "meeting.declined",
        link: meetingPath(meetingId),
        planId: access.planId,
      });
    }
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "meeting.respond",
      after: { response: input.response, ...(replacement ? { replacement: replacement.name } : {}) },
    });
    await auditMeeting(trx, user, access, "meeting.respond", meetingId, {
      details: { response: input.response, replaced: Boolean(replacement) },
    });
  });
  if (replacement)
    await sendMail(db, await meetingMails(db, meetingId, { kind: "request", onlyUserIds: [replacement.id] }));
  return "ok";
}

// ---------------------------------------------------------------------------------------
// Rescheduling and cancelling

export type ManageResult = "ok" | "not_found" | "not_allowed" | "not_scheduled";

/** Staff invitees who should hear about changes: everyone but the organiser and those replaced. */
async function staffToTell(db: DB, meetingId: string, organiserId: string) {
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

export async function rescheduleMeeting(
  db: DB,
  user: MeetingUser,
  access: PlanAccess,
  meetingId: string,
  input: WhenWhere,
): Promise<ManageResult> {
  const meeting = await loadMeeting(db, access, meetingId);
  if (!meeting) return "not_found";
  if (!canManage(user, meeting)) return deny(db, user, access, "meeting.reschedule", meetingId, "not_allowed");
  if (meeting.status !== "scheduled") return "not_scheduled";
  const tell = await staffToTell(db, meetingId, meeting.organiser_id);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("meetings")
      .set({
        starts_at: input.startsAt,
        duration_minutes: input.durationMinutes,
        place: input.place,
        video_link: input.videoLink,
        sequence: meeting.sequence + 1,
        updated_at: nowIso(),
      })
      .where("id", "=", meetingId)
      .execute();
    // A new time needs a new answer.
    if (tell.length > 0) {
      await trx
        .updateTable("meeting_invitees")
        .set({ response: "pending", response_reason: null, responded_at: null })
        .where(
          "id",
          "in",
          tell.map((t) => t.id),
        )
        .execute();
    }
    await notify(trx, {
      userIds: tell.map((t) => t.userId),
      kind: "meeting.rescheduled",
      link: meetingPath(meetingId),
      planId: access.planId,
    });
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "meeting.reschedule",
      before: { meetingAt: localTime(meeting.starts_at) },
      after: { meetingAt: localTime(input.startsAt) },
    });
    await auditMeeting(trx, user, access, "meeting.reschedule", meetingId, {
      details: { sequence: meeting.sequence + 1 },
    });
  });
  await sendMail(
    db,
    await meetingMails(db, meetingId, { kind: "rescheduled", onlyUserIds: tell.map((t) => t.userId) }),
  );
  return "ok";
}

export async function cancelMeeting(
  db: DB,
  user: MeetingUser,
  access: PlanAccess,
  meetingId: string,
  reason: string,
): Promise<ManageResult> {
  const meeting = await loadMeeting(db, access, meetingId);
  if (!meeting) return "not_found";
  if (!canManage(user, meeting)) return deny(db, user, access, "meeting.cancel", meetingId, "not_allowed");
  if (meeting.status !== "scheduled") return "not_scheduled";
  const tell = await staffToTell(db, meetingId, meeting.organiser_id);
  await db.transaction().execute(async (trx) => {
    const stamp = nowIso();
    await trx
      .updateTable("meetings")
      .set({
        status: "cancelled",
        sequence: meeting.sequence + 1,
        cancelled_at: stamp,
        cancelled_by: user.id,
        cancel_reason: reason,
        updated_at: stamp,
      })
      .where("id", "=", meetingId)
      .execute();
    await notify(trx, {
      userIds: tell.map((t) => t.userId),
      kind: "meeting.cancelled",
      link: meetingPath(meetingId),
      planId: access.planId,
    });
    await recordHistory(trx, { planId: access.planId, userId: user.id, change: "meeting.cancel", after: { reason } });
    await auditMeeting(trx, user, access, "meeting.cancel", meetingId);
  });
  await sendMail(db, await meetingMails(db, meetingId, { kind: "cancelled", onlyUserIds: tell.map((t) => t.userId) }));
  return "ok";
}

// ---------------------------------------------------------------------------------------
// Holding and recording

export type RecordResult = ManageResult | "too_early" | "next_before_meeting";

export async function recordMeeting(
  db: DB,
  user: MeetingUser,
  access: PlanAccess,
  meetingId: string,
  input: { attendedInviteeIds: string[]; minutes: string; nextFollowUp: string },
  today = todayInStockholm(),
): Promise<RecordResult> {
  const meeting = await loadMeeting(db, access, meetingId);
  if (!meeting) return "not_found";
  if (!canManage(user, meeting)) return deny(db, user, access, "meeting.record", meetingId, "not_allowed");
  if (meeting.status !== "scheduled") return "not_scheduled";
  const heldOn = utcToStockholm(meeting.starts_at).date;
  if (heldOn > today) return "too_early";
  if (input.nextFollowUp <= heldOn) return "next_before_meeting";
  const attended = new Set(input.attendedInviteeIds);
  const invitees = await db.selectFrom("meeting_invitees").select("id").where("meeting_id", "=", meetingId).execute();
  await db.transaction().execute(async (trx) => {
    const stamp = nowIso();
    await trx
      .updateTable("meetings")
      .set({
        status: "held",
        held_at: meeting.starts_at,
        minutes: input.minutes,
        recorded_by: user.id,
        recorded_at: stamp,
        updated_at: stamp,
      })
      .where("id", "=", meetingId)
      .execute();
    for (const value of [true, false]) {
      const ids = invitees.map((i) => i.id).filter((id) => attended.has(id) === value);
      if (ids.length > 0)
        await trx
          .updateTable("meeting_invitees")
          .set({ attended: toBool(value) })
          .where("id", "in", ids)
          .execute();
    }
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "meeting.record",
      after: { meetingAt: localTime(meeting.starts_at), attended: attended.size },
    });
    await auditMeeting(trx, user, access, "meeting.record", meetingId);
  });
  // The meeting is where the plan is followed up and the next date set (DESIGN.md "follow-up").
  const sv = getFixedT("sv");
  await recordFollowUp(db, user, access.planId, {
    heldOn,
    reviewed: sv("meetings.followUpReviewed", { purpose: meeting.purpose }),
    nextDate: input.nextFollowUp,
  });
  return "ok";
}

export type DecisionResult = ManageResult | "too_early" | "bad_organisation" | "has_action";

async function decisionGuard(
  db: DB,
  user: MeetingUser,
  access: PlanAccess,
  meetingId: string,
  today: string,
): Promise<{ ok: true; startsAt: string } | { ok: false; result: DecisionResult }> {
  const meeting = await loadMeeting(db, access, meetingId);
  if (!meeting) return { ok: false, result: "not_found" };
  if (!canManage(user, meeting))
    return { ok: false, result: await deny(db, user, access, "meeting.decision", meetingId, "not_allowed") };
  if (meeting.status === "cancelled") return { ok: false, result: "not_scheduled" };
  if (!hasBegun(meeting.starts_at, today)) return { ok: false, result: "too_early" };
  return { ok: true, startsAt: meeting.starts_at };
}

async function actionFromDecision(
  db: DB,
  user: MeetingUser,
  access: PlanAccess,
  text: string,
  startsAt: string,
  action: { responsibleOrganisationId: string; dueDate: string | null },
) {
  const organisations = await partnerOrganisations(db, access);
  if (!organisations.some((o) => o.id === action.responsibleOrganisationId)) return null;
  const added = await addAction(db, user, access.planId, {
    responsibleOrganisationId: action.responsibleOrganisationId,
    responsibleUserId: null,
    description: text,
    startDate: utcToStockholm(startsAt).date,
    dueDate: action.dueDate,
    status: "planned",
  });
  return added.ok ? added.value : null;
}

/** A decision taken at the meeting; with `action` it becomes a plan action in the same step. */
export async function addDecision(
  db: DB,
  user: MeetingUser,
  access: PlanAccess,
  meetingId: string,
  input: { text: string; action: { responsibleOrganisationId: string; dueDate: string | null } | null },
  today = todayInStockholm(),
): Promise<DecisionResult> {
  const guard = await decisionGuard(db, user, access, meetingId, today);
  if (!guard.ok) return guard.result;
  let actionId: string | null = null;
  if (input.action) {
    actionId = await actionFromDecision(db, user, access, input.text, guard.startsAt, input.action);
    if (!actionId) return "bad_organisation";
  }
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("meeting_decisions")
      .values({
        id,
        meeting_id: meetingId,
        text: input.text,
        action_id: actionId,
        created_by: user.id,
        created_at: nowIso(),
      })
      .execute();
    await recordHistory(trx, {
      planId: access.planId,
      userId: user.id,
      change: "meeting.decision",
      after: { description: input.text },
    });
    await auditMeeting(trx, user, access, "meeting.decision", id, {
      recordType: "meeting_decision",
      details: { meetingId, actionId },
    });
  });
  return "ok";
}

/** Turns an earlier decision into a plan action. */
export async function decisionToAction(
  db: DB,
  user: MeetingUser,
  access: PlanAccess,
  meetingId: string,
  decisionId: string,
  action: { responsibleOrganisationId: string; dueDate: string | null },
  today = todayInStockholm(),
): Promise<DecisionResult> {
  const guard = await decisionGuard(db, user, access, meetingId, today);
  if (!guard.ok) return guard.result;
  const decision = await db
    .selectFrom("meeting_decisions")
    .select(["id", "text", "action_id"])
    .where("id", "=", decisionId)
    .where("meeting_id", "=", meetingId)
    .executeTakeFirst();
  if (!decision) return "not_found";
  if (decision.action_id) return "has_action";
  const actionId = await actionFromDecision(db, user, access, decision.text, guard.startsAt, action);
  if (!actionId) return "bad_organisation";
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("meeting_decisions").set({ action_id: actionId }).where("id", "=", decisionId).execute();
    await auditMeeting(trx, user, access, "meeting.decision_action", decisionId, {
      recordType: "meeting_decision",
      details: { actionId },
    });
  });
  return "ok";
}
