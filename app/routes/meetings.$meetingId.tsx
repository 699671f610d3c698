import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/features/auth/auth.server";
import { MeetingPageView, type MeetingActionResult } from "~/features/meetings/meeting-page";
import { stockholmToUtcIso } from "~/features/meetings/meeting-time";
import {
  acceptSchema,
  cancelSchema,
  decisionSchema,
  decisionToActionSchema,
  declineSchema,
  recordSchema,
  rescheduleSchema,
} from "~/features/meetings/meetings.schema";
import {
  addDecision,
  cancelMeeting,
  decisionToAction,
  getMeetingPage,
  recordMeeting,
  requireMeetingAccess,
  rescheduleMeeting,
  respondToMeeting,
} from "~/features/meetings/meetings.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { notFound } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";

export const meta: MetaFunction = () => [{ title: "Samsyn – möte" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const db = getDb();
  const { access, meetingId } = await requireMeetingAccess(db, user, params.meetingId ?? "", "meeting.read");
  const page = await getMeetingPage(db, user, access, meetingId);
  if (!page) throw notFound();
  return { ...page, currentUserId: user.id };
}

const ACTIONS: Record<string, string> = {
  accept: "meeting.respond",
  decline: "meeting.respond",
  reschedule: "meeting.reschedule",
  cancel: "meeting.cancel",
  record: "meeting.record",
  "add-decision": "meeting.decision",
  "decision-action": "meeting.decision",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const db = getDb();
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const { access, meetingId } = await requireMeetingAccess(
    db,
    user,
    params.meetingId ?? "",
    ACTIONS[intent] ?? "meeting.update",
  );
  const t = await getT(request);
  const here = `/meetings/${meetingId}`;
  const invalid = (result: unknown, extra: Partial<MeetingActionResult> = {}) =>
    data({ intent, result, ...extra } as MeetingActionResult, { status: 400 });
  const done = (key: string) => redirectWithFlash(here, { kind: "success", key });
  // Anything the user may not do on a meeting they can see reads as "not found", like the plan routes.
  const refusedAsNotFound = (outcome: string) => {
    if (outcome === "not_found" || outcome === "not_allowed" || outcome === "not_invited") throw notFound();
  };

  switch (intent) {
    case "accept":
    case "decline": {
      const submission = parseWithZod(formData, { schema: intent === "accept" ? acceptSchema() : declineSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      const value = submission.value as { reason?: string; replacementUserId?: string };
      const outcome = await respondToMeeting(db, user, access, meetingId, {
        response: intent === "accept" ? "accepted" : "declined",
        reason: value.reason ?? null,
        replacementUserId: value.replacementUserId || null,
      });
      refusedAsNotFound(outcome);
      if (outcome === "not_scheduled") return invalid(submission.reply({ formErrors: [t("meetings.notScheduled")] }));
      if (outcome === "reason_required")
        return invalid(submission.reply({ fieldErrors: { reason: [t("meetings.declineReasonRequired")] } }));
      if (outcome === "bad_replacement")
        return invalid(submission.reply({ fieldErrors: { replacementUserId: [t("meetings.badReplacement")] } }));
      return done(intent === "accept" ? "meetings.acceptedFlash" : "meetings.declinedFlash");
    }
    case "reschedule": {
      const submission = parseWithZod(formData, { schema: rescheduleSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      const v = submission.value;
      const outcome = await rescheduleMeeting(db, user, access, meetingId, {
        startsAt: stockholmToUtcIso(v.date, v.time),
        durationMinutes: v.durationMinutes,
        place: v.place || null,
        videoLink: v.videoLink || null,
      });
      refusedAsNotFound(outcome);
      if (outcome === "not_scheduled") return invalid(submission.reply({ formErrors: [t("meetings.notScheduled")] }));
      return done("meetings.rescheduled");
    }
    case "cancel": {
      const submission = parseWithZod(formData, { schema: cancelSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      const outcome = await cancelMeeting(db, user, access, meetingId, submission.value.reason);
      refusedAsNotFound(outcome);
      if (outcome === "not_scheduled") return invalid(submission.reply({ formErrors: [t("meetings.notScheduled")] }));
      return done("meetings.cancelled");
    }
    case "record": {
      const submission = parseWithZod(formData, { schema: recordSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      const outcome = await recordMeeting(db, user, access, meetingId, {
        attendedInviteeIds: submission.value.attended,
        minutes: submission.value.minutes,
        nextFollowUp: submission.value.nextFollowUp,
      });
      refusedAsNotFound(outcome);
      if (outcome === "not_scheduled") return invalid(submission.reply({ formErrors: [t("meetings.notScheduled")] }));
      if (outcome === "too_early") return invalid(submission.reply({ formErrors: [t("meetings.tooEarly")] }));
      if (outcome === "next_before_meeting")
        return invalid(submission.reply({ fieldErrors: { nextFollowUp: [t("meetings.nextAfterMeeting")] } }));
      return done("meetings.recorded");
    }
    case "add-decision": {
      const submission = parseWithZod(formData, { schema: decisionSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      const v = submission.value;
      const outcome = await addDecision(db, user, access, meetingId, {
        text: v.text,
        action: v.makeAction
          ? { responsibleOrganisationId: v.responsibleOrganisationId!, dueDate: v.dueDate ?? null }
          : null,
      });
      refusedAsNotFound(outcome);
      if (outcome === "bad_organisation")
        return invalid(
          submission.reply({ fieldErrors: { responsibleOrganisationId: [t("meetings.chooseOrganisation")] } }),
        );
      if (outcome === "not_scheduled") return invalid(submission.reply({ formErrors: [t("meetings.notScheduled")] }));
      if (outcome === "too_early") return invalid(submission.reply({ formErrors: [t("meetings.decisionsLater")] }));
      return done(v.makeAction ? "meetings.decisionAndAction" : "meetings.decisionAdded");
    }
    case "decision-action": {
      const submission = parseWithZod(formData, { schema: decisionToActionSchema(t) });
      if (submission.status !== "success")
        return invalid(submission.reply(), { decisionId: String(formData.get("decisionId") ?? "") });
      const v = submission.value;
      const outcome = await decisionToAction(db, user, access, meetingId, v.decisionId, {
        responsibleOrganisationId: v.responsibleOrganisationId,
        dueDate: v.dueDate ?? null,
      });
      refusedAsNotFound(outcome);
      const fail = (message: string, field?: string) =>
        invalid(submission.reply(field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] }), {
          decisionId: v.decisionId,
        });
      if (outcome === "bad_organisation") return fail(t("meetings.chooseOrganisation"), "responsibleOrganisationId");
      if (outcome === "has_action") return fail(t("meetings.hasAction"));
      if (outcome === "not_scheduled") return fail(t("meetings.notScheduled"));
      if (outcome === "too_early") return fail(t("meetings.decisionsLater"));
      return done("meetings.decisionAndAction");
    }
    default:
      return data({ intent } as MeetingActionResult, { status: 400 });
  }
}

export default function MeetingRoute() {
  const page = useLoaderData<typeof loader>();
  return <MeetingPageView page={page} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
