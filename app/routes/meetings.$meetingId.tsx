import { pageTitle } from "~/lib/meta";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import type { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { CurrentUser } from "~/features/access/current-user";
import { requirePermission } from "~/features/auth/auth.server";
import type { DecisionActionDetail } from "~/features/meetings/meeting-decisions";
import { MeetingPageView } from "~/features/meetings/meeting-page";
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
  checkMeetingAccess,
  decisionToAction,
  meetingPage,
  recordMeeting,
  rescheduleMeeting,
  respondToMeeting,
} from "~/features/meetings/meetings.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply, invariantResponse, notFound } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import type { Result } from "~/lib/result";

export const meta = pageTitle("meetings.meetingPageTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const page = await meetingPage(getDb(), user, params.meetingId ?? "");
  invariantResponse(page.ok);
  return page.value;
}

/** How a named failure reads on the form: a message, on a field or the whole form. */
type Messages = Record<string, { key: string; field?: string }>;

const COMMON: Messages = {
  not_scheduled: { key: "meetings.notScheduled" },
  reason_required: { key: "meetings.declineReasonRequired", field: "reason" },
  bad_replacement: { key: "meetings.badReplacement", field: "replacementUserId" },
  too_early: { key: "meetings.tooEarly" },
  next_before_meeting: { key: "meetings.nextAfterMeeting", field: "nextFollowUp" },
  bad_organisation: { key: "meetings.chooseOrganisation", field: "responsibleOrganisationId" },
  has_action: { key: "meetings.hasAction" },
};
const DECISIONS: Messages = { ...COMMON, too_early: { key: "meetings.decisionsLater" } };

interface Step<S extends z.ZodTypeAny> {
  schema: (t: TFunction) => S;
  /** The audit action of the guard, when the form is refused before the command runs. */
  guard: string;
  run: (user: CurrentUser, meetingId: string, value: z.output<S>) => Promise<Result<unknown, string>>;
  done: (value: z.output<S>) => string;
  messages?: Messages;
  detail?: (formData: FormData) => DecisionActionDetail;
}

const step = <S extends z.ZodTypeAny>(s: Step<S>) => s as unknown as Step<z.ZodTypeAny>;

const STEPS: Record<string, Step<z.ZodTypeAny>> = {
  accept: step({
    schema: () => acceptSchema(),
    guard: "meeting.respond",
    run: (user, meetingId) => respondToMeeting(getDb(), user, meetingId, { response: "accepted" }),
    done: () => "meetings.acceptedFlash",
  }),
  decline: step({
    schema: declineSchema,
    guard: "meeting.respond",
    run: (user, meetingId, v) =>
      respondToMeeting(getDb(), user, meetingId, {
        response: "declined",
        reason: v.reason,
        replacementUserId: v.replacementUserId || null,
      }),
    done: () => "meetings.declinedFlash",
  }),
  reschedule: step({
    schema: (t) => rescheduleSchema(t),
    guard: "meeting.reschedule",
    run: (user, meetingId, v) =>
      rescheduleMeeting(getDb(), user, meetingId, {
        startsAt: stockholmToUtcIso(v.date, v.time),
        durationMinutes: v.durationMinutes,
        place: v.place || null,
        videoLink: v.videoLink || null,
      }),
    done: () => "meetings.rescheduled",
  }),
  cancel: step({
    schema: cancelSchema,
    guard: "meeting.cancel",
    run: (user, meetingId, v) => cancelMeeting(getDb(), user, meetingId, v.reason),
    done: () => "meetings.cancelled",
  }),
  record: step({
    schema: recordSchema,
    guard: "meeting.record",
    run: (user, meetingId, v) =>
      recordMeeting(getDb(), user, meetingId, {
        attendedInviteeIds: v.attended,
        minutes: v.minutes,
        nextFollowUp: v.nextFollowUp,
      }),
    done: () => "meetings.recorded",
  }),
  "add-decision": step({
    schema: decisionSchema,
    guard: "meeting.decision",
    run: (user, meetingId, v) =>
      addDecision(getDb(), user, meetingId, {
        text: v.text,
        action: v.makeAction
          ? { responsibleOrganisationId: v.responsibleOrganisationId!, dueDate: v.dueDate ?? null }
          : null,
      }),
    done: (v) => (v.makeAction ? "meetings.decisionAndAction" : "meetings.decisionAdded"),
    messages: DECISIONS,
  }),
  "decision-action": step({
    schema: decisionToActionSchema,
    guard: "meeting.decision",
    run: (user, meetingId, v) =>
      decisionToAction(getDb(), user, meetingId, v.decisionId, {
        responsibleOrganisationId: v.responsibleOrganisationId,
        dueDate: v.dueDate ?? null,
      }),
    done: () => "meetings.decisionAndAction",
    messages: DECISIONS,
    // Each decision has its own small form: the answer says which one failed.
    detail: (formData) => ({ decisionId: String(formData.get("decisionId") ?? "") }),
  }),
};

// Anything the user may not do on a meeting they can see reads as "not found", like the plan routes.
const REFUSED = new Set(["not_found", "not_allowed", "not_invited"]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const meetingId = params.meetingId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const s = STEPS[intent];
  if (!s) {
    invariantResponse((await checkMeetingAccess(getDb(), user, meetingId, "meeting.update")).ok);
    return formReply(intent, undefined);
  }
  const t = await getT(request);
  const detail = s.detail?.(formData);
  const submission = parseWithZod(formData, { schema: s.schema(t) });
  if (submission.status !== "success") {
    // Someone who may not see the meeting learns nothing from the form either.
    invariantResponse((await checkMeetingAccess(getDb(), user, meetingId, s.guard)).ok);
    return formReply(intent, submission.reply(), { detail });
  }
  const result = await s.run(user, meetingId, submission.value);
  if (result.ok) return redirectWithFlash(`/meetings/${meetingId}`, { kind: "success", key: s.done(submission.value) });
  if (REFUSED.has(result.error)) throw notFound();
  const message = (s.messages ?? COMMON)[result.error] ?? { key: "meetings.notScheduled" };
  const text = t(message.key as never) as string;
  return formReply(
    intent,
    submission.reply(message.field ? { fieldErrors: { [message.field]: [text] } } : { formErrors: [text] }),
    { detail },
  );
}

export default function MeetingRoute() {
  const page = useLoaderData<typeof loader>();
  return <MeetingPageView page={page} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
