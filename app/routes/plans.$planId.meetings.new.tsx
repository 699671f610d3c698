import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePlanAccess } from "~/features/access/access.server";
import { requirePermission } from "~/features/auth/auth.server";
import { ConveneMeetingView } from "~/features/meetings/convene-form";
import { conveneSchema } from "~/features/meetings/meetings.schema";
import { conveneForm, conveneMeeting } from "~/features/meetings/meetings.server";
import { stockholmToUtcIso } from "~/features/meetings/meeting-time";
import { redirectWithFlash } from "~/lib/flash.server";
import { getT } from "~/lib/i18n.server";

export const meta: MetaFunction = () => [{ title: "Samsyn – kalla till möte" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const db = getDb();
  const access = await requirePlanAccess(db, user, params.planId ?? "", "meeting.prepare");
  return conveneForm(db, user, access);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const db = getDb();
  const access = await requirePlanAccess(db, user, params.planId ?? "", "meeting.create");
  const t = await getT(request);
  const submission = parseWithZod(await request.formData(), { schema: conveneSchema(t) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const result = await conveneMeeting(db, user, access, {
    startsAt: stockholmToUtcIso(v.date, v.time),
    durationMinutes: v.durationMinutes,
    place: v.place || null,
    videoLink: v.videoLink || null,
    purpose: v.purpose,
    agenda: v.agenda ?? "",
    staff: Object.entries(v.staff)
      .filter(([, kind]) => kind !== "none")
      .map(([userId, kind]) => ({ userId, kind: kind as "summons" | "invitation" })),
    person: v.personKind === "none" ? null : { kind: v.personKind },
    relative: v.relativeName ? { name: v.relativeName, contact: v.relativeContact ?? "" } : null,
  });
  if (!result.ok) {
    const message =
      result.reason === "uncovered"
        ? t("meetings.uncoveredRefused", {
            organisations: [...new Set(result.refused.map((r) => r.organisationName))].join(", "),
            names: result.refused.map((r) => r.name).join(", "),
          })
        : t(result.reason === "plan_closed" ? "meetings.planClosed" : "meetings.unknownInvitee");
    return data(submission.reply({ formErrors: [message] }), { status: 400 });
  }
  return redirectWithFlash(`/meetings/${result.meetingId}`, { kind: "success", key: "meetings.convened" });
}

export default function ConveneMeetingRoute() {
  const page = useLoaderData<typeof loader>();
  return <ConveneMeetingView page={page} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
