// Convening a plan meeting (DESIGN.md "Plan meetings"): the summons and invitations, the
// consent check on every staff invitee, notifications, the plan's history and the e-mails.
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import { planAccessFor, type AccessUser } from "~/features/access/access.server";
import { actorOf } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { notify } from "~/features/notifications/notifications.server";
import { recordHistory } from "~/features/plans/history.server";
import { sendMail } from "~/lib/mail.server";
import { fail, notFoundFailure, ok, type Result } from "~/lib/result";
import { todayInStockholm } from "~/lib/time";
import { ensureOnTeam, findStaff, invitableStaff, inviteeValues, SEARCH_LIMIT, teamStaff } from "./invitees.server";
import { auditMeeting, localTime, meetingPath } from "./meeting-access.server";
import { meetingMails } from "./meeting-mail.server";
import type { ConveneInput, ConvenePage, ConvenePicks, RefusedInvitee, StaffOption } from "./meeting-types";

/** What the convening form needs. Reading it is audited (it shows the person's name). */
export async function conveneFormPage(
  db: DB,
  user: AccessUser,
  planId: string,
  picks: ConvenePicks = { q: "", invite: null },
  today = todayInStockholm(),
): Promise<Result<ConvenePage>> {
  const access = await planAccessFor(db, user, planId, "meeting.prepare", { today });
  if (!access) return notFoundFailure();
  const q = picks.q.trim().slice(0, 100);
  const [plan, team, picked, found] = await Promise.all([
    db
      .selectFrom("plans")
      .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
      .select(["plans.id", "plans.kind", "plans.status", "person.name as person_name"])
      .where("plans.id", "=", access.planId)
      .executeTakeFirstOrThrow(),
    teamStaff(db, access, undefined, today),
    findStaff(db, access, { ids: [...new Set(picks.invite ?? [])].slice(0, 100) }, today),
    q.length >= 2 ? findStaff(db, access, { q }, today) : Promise.resolve([]),
  ]);
  await audit(db, {
    actor: actorOf(user),
    action: "meeting.prepare",
    recordType: "plan",
    recordId: access.planId,
    planId: access.planId,
    personId: access.personId,
  });
  const notMe = (s: StaffOption) => s.id !== user.id;
  // The first visit chooses the team members the consent covers; after that, what the user chose.
  const chosen = (picks.invite === null ? team.filter((s) => s.covered) : picked).filter(notMe);
  const isChosen = new Set(chosen.map((s) => s.id));
  const uncovered = [
    ...new Map(
      team
        .filter(notMe)
        .filter((s) => !s.covered)
        .map((s) => [s.organisationId, s.organisationName]),
    ).values(),
  ];
  return ok({
    plan: { id: plan.id, kind: plan.kind, status: plan.status, personName: plan.person_name },
    q,
    chosen,
    suggestions: team.filter(notMe).filter((s) => !isChosen.has(s.id)),
    hits: found
      .filter(notMe)
      .filter((s) => !isChosen.has(s.id))
      .slice(0, SEARCH_LIMIT),
    more: found.length > SEARCH_LIMIT,
    uncoveredOrganisations: uncovered,
  });
}

/**
 * Whether the user may convene on the plan at all; a form that failed validation is answered
 * only after this, so that nobody learns anything about a plan they may not see.
 */
export async function checkConveneAccess(db: DB, user: AccessUser, planId: string): Promise<Result<undefined>> {
  return (await planAccessFor(db, user, planId, "meeting.create")) ? ok() : notFoundFailure();
}

type ConveneFailure = "plan_closed" | "unknown_invitee" | "not_covered";
/** With not_covered: the refused invitees and their organisations. */
type ConveneDetail = { refused: RefusedInvitee[]; organisations: string[] };
export type ConveneResult = Result<{ meetingId: string }, ConveneFailure, ConveneDetail>;

/** `sentAt` is when the summons goes out: now, except when the demo data or a test backdates it. */
export async function conveneMeeting(
  db: DB,
  user: AccessUser,
  planId: string,
  input: ConveneInput,
  sentAt = new Date(),
): Promise<ConveneResult> {
  const today = todayInStockholm();
  const result = await db
    .transaction()
    .execute(async (trx): Promise<Result<{ meetingId: string; invited: string[] }, ConveneFailure, ConveneDetail>> => {
      const access = await planAccessFor(trx, user, planId, "meeting.create", { today });
      if (!access) return notFoundFailure();
      const plan = await trx.selectFrom("plans").select("status").where("id", "=", planId).executeTakeFirstOrThrow();
      if (plan.status === "closed") return fail("plan_closed");

      // The consent check: every staff invitee is on the lead organisation or one an active consent names.
      const options = new Map((await invitableStaff(trx, access, today)).map((s) => [s.id, s]));
      const wanted = [...new Map(input.staff.filter((s) => s.userId !== user.id).map((s) => [s.userId, s])).values()];
      if (wanted.some((s) => !options.has(s.userId))) return fail("unknown_invitee");
      const refused = wanted.map((s) => options.get(s.userId)!).filter((o) => !o.covered);
      if (refused.length > 0) {
        const organisationIds = [...new Set(refused.map((r) => r.organisationId))];
        await audit(trx, {
          actor: actorOf(user),
          action: "meeting.create",
          recordType: "plan",
          recordId: access.planId,
          planId: access.planId,
          personId: access.personId,
          outcome: "denied",
          details: { uncoveredOrganisations: organisationIds },
        });
        return fail("not_covered", {
          detail: {
            refused: refused.map((r) => ({ id: r.id, name: r.name, organisationName: r.organisationName })),
            organisations: [...new Set(refused.map((r) => r.organisationName))],
          },
        });
      }

      const organiser = await trx
        .selectFrom("users")
        .innerJoin("organisations", "organisations.id", "users.organisation_id")
        .select(["users.id", "users.organisation_id", "organisations.kind"])
        .where("users.id", "=", user.id)
        .executeTakeFirstOrThrow();
      const meetingId = newId();
      const stamp = nowIso(sentAt);
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
      const rows = [
        // The organiser takes part for the lead organisation and has, in effect, accepted.
        inviteeValues(meetingId, stamp, {
          party: "staff",
          kind: "summons",
          userId: organiser.id,
          organisationId: organiser.organisation_id,
          organisationKind: organiser.kind,
          response: "accepted",
        }),
        ...wanted.map((s) => {
          const o = options.get(s.userId)!;
          return inviteeValues(meetingId, stamp, {
            party: "staff",
            kind: s.kind,
            userId: o.id,
            organisationId: o.organisationId,
            organisationKind: o.organisationKind,
          });
        }),
        // The person is invited, never summoned, whatever the form sent.
        ...(input.person ? [inviteeValues(meetingId, stamp, { party: "person", kind: "invitation" })] : []),
        // Participants without an account: stored with the meeting for the letter, never in the calendar file.
        ...input.externals.map((e) =>
          inviteeValues(meetingId, stamp, {
            party: "relative",
            kind: "invitation",
            relativeName: e.name,
            relativeContact: e.contact,
            externalRole: e.role,
          }),
        ),
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
      await auditMeeting(trx, user, access, "meeting.create", meetingId, {
        details: { invitees: rows.length, withoutAccount: input.externals.length },
      });
      return ok({ meetingId, invited: wanted.map((s) => s.userId) });
    });
  if (!result.ok) return result;
  // E-mail after the commit: a delivery over SMTP must not hold the database's write lock.
  const { meetingId, invited } = result.value;
  await sendMail(db, await meetingMails(db, meetingId, { kind: "request", onlyUserIds: invited }));
  return ok({ meetingId });
}
