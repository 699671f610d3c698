// What the meeting pages read: the meeting page, the person's letter, the calendar file and the
// plan page's list. Each read of personal data is audited; each starts with the access rule.
import { personOnPlan } from "~/features/persons/persons.server";
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";
import type { AccessUser, PlanAccess } from "~/features/access/access.server";
import { markRead } from "~/features/notifications/notifications.server";
import { partnerOrganisations } from "~/features/plans/plan-parts.server";
import { notFoundFailure, ok, type Result } from "~/lib/result";
import type { Locale } from "~/locales/locales";
import { todayInStockholm } from "~/lib/time";
import { isCaseworker, loadInvitees } from "./invitees.server";
import { auditMeeting, canManage, hasBegun, meetingAccessFor, meetingPath } from "./meeting-access.server";
import { meetingCalendarText } from "./meeting-mail.server";
import { toDecision, toPlanMeeting } from "./meeting-mapping.server";
import {
  responseCounts,
  type MeetingLetter,
  type MeetingPage,
  type PlanMeeting,
  type PlanMeetings,
} from "./meeting-types";

/**
 * Whether the user may see the meeting at all (the denial audited under `action`). A form that
 * failed validation, or an unknown step, is answered only after this: 404 to anyone else.
 */
export async function checkMeetingAccess(
  db: DB,
  user: AccessUser,
  meetingId: string,
  action: string,
): Promise<Result<undefined>> {
  return (await meetingAccessFor(db, user, meetingId, action)) ? ok() : notFoundFailure();
}

/** The meeting page. Reading it is audited, and it reads the user's notifications about it. */
export async function meetingPage(
  db: DB,
  user: AccessUser,
  meetingId: string,
  today = todayInStockholm(),
): Promise<Result<MeetingPage>> {
  const found = await meetingAccessFor(db, user, meetingId, "meeting.read", today);
  if (!found) return notFoundFailure();
  const { access, meeting } = found;
  const [invitees, decisions, organisations] = await Promise.all([
    loadInvitees(db, meetingId, meeting.organiserId),
    db
      .selectFrom("meeting_decisions")
      .leftJoin("plan_actions", "plan_actions.id", "meeting_decisions.action_id")
      .leftJoin("organisations", "organisations.id", "plan_actions.responsible_organisation_id")
      .innerJoin("users", "users.id", "meeting_decisions.created_by")
      .select([
        "meeting_decisions.id",
        "meeting_decisions.text",
        "meeting_decisions.action_id",
        "meeting_decisions.created_at",
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
    invitees.find((i) => i.party === "staff" && i.userId === user.id && user.id !== meeting.organiserId) ?? null;
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
          invitees.map((i) => i.userId).filter((id): id is string => id !== null),
        )
        .orderBy("users.name")
        .execute()
    : [];
  await auditMeeting(db, user, access, "meeting.read", meetingId);
  await markRead(db, user, meetingPath(meetingId));
  const begun = hasBegun(meeting.startsAt, today);
  const manage = canManage(user, meeting);
  return ok({
    meeting,
    invitees,
    counts: responseCounts(invitees),
    decisions: decisions.map(toDecision),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    myInvitation: mine,
    replacementCandidates,
    canManage: manage,
    canRespond: mine !== null && meeting.status === "scheduled",
    canReschedule: manage && meeting.status === "scheduled",
    canRecord: manage && meeting.status === "scheduled" && begun,
    canDecide: manage && meeting.status !== "cancelled" && begun,
  });
}

/** The person's letter. Reading it is audited. */
export async function meetingLetter(
  db: DB,
  user: AccessUser,
  meetingId: string,
  today = todayInStockholm(),
): Promise<Result<MeetingLetter>> {
  const found = await meetingAccessFor(db, user, meetingId, "meeting.letter", today);
  if (!found) return notFoundFailure();
  const { access, meeting } = found;
  const [invitees, recipient] = await Promise.all([
    loadInvitees(db, meetingId, meeting.organiserId),
    // The persons feature hides the address while the identity is protected: such a letter has none.
    personOnPlan(db, user, access),
  ]);
  await auditMeeting(db, user, access, "meeting.letter", meetingId);
  const person = invitees.find((i) => i.party === "person");
  return ok({
    meetingId,
    planId: access.planId,
    status: meeting.status,
    personName: meeting.personName,
    personKind: person?.kind ?? null,
    startsAt: meeting.startsAt,
    durationMinutes: meeting.durationMinutes,
    place: meeting.place,
    videoLink: meeting.videoLink,
    purpose: meeting.purpose,
    agenda: meeting.agenda,
    organiser: {
      name: meeting.organiserName,
      organisation: meeting.organiserOrganisationName,
      email: meeting.organiserEmail,
      phone: meeting.organiserPhone,
    },
    coming: invitees
      .filter((i) => i.party === "staff" && i.response !== "declined")
      .map((i) => ({ id: i.id, name: i.userName ?? "", organisation: i.organisationName ?? "" })),
    externals: invitees
      .filter((i) => i.party === "relative")
      .map((i) => ({ id: i.id, name: i.relativeName ?? "", role: i.externalRole ?? "relative" })),
    recipient: {
      name: recipient.name || meeting.personName,
      address: recipient.protectedIdentity ? null : recipient.address,
      protectedIdentity: recipient.protectedIdentity,
    },
    today,
  });
}

/** The calendar file behind the access rule: PUBLISH, same UID and SEQUENCE as the e-mails. */
export async function meetingCalendarFile(
  db: DB,
  user: AccessUser,
  meetingId: string,
  locale: Locale,
): Promise<Result<string>> {
  const found = await meetingAccessFor(db, user, meetingId, "meeting.calendar");
  if (!found) return notFoundFailure();
  const content = await meetingCalendarText(db, meetingId, locale);
  await auditMeeting(db, user, found.access, "meeting.calendar", meetingId);
  return ok(content);
}

/**
 * Past and upcoming meetings for the plan page, which has already passed the access rule and
 * audited its read.
 */
export async function listPlanMeetings(
  db: DB,
  access: Pick<PlanAccess, "planId">,
  now = new Date(),
): Promise<PlanMeetings> {
  const meetings = await db
    .selectFrom("meetings")
    .select(["id", "starts_at", "duration_minutes", "status", "purpose"])
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
  const list = meetings.map((m) =>
    toPlanMeeting(
      m,
      responseCounts(
        invitees
          .filter((i) => i.meeting_id === m.id)
          .map((i) => ({ party: i.party, response: i.response, replacedBy: i.replaced_by })),
      ),
    ),
  );
  const upcoming = (m: PlanMeeting) => m.status === "scheduled" && m.startsAt >= nowIsoString;
  return { upcoming: list.filter(upcoming).reverse(), past: list.filter((m) => !upcoming(m)) };
}
