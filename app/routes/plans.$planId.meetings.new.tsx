import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/features/auth/auth.server";
import { ConveneMeetingView } from "~/features/meetings/convene-form";
import { conveneSchema } from "~/features/meetings/meetings.schema";
import { checkConveneAccess, conveneFormPage, conveneMeeting } from "~/features/meetings/meetings.server";
import { stockholmToUtcIso } from "~/features/meetings/meeting-time";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply, invariantResponse } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";
import dailyStyles from "~/styles/daily-work.css?url";

export const meta = pageTitle("meetings.conveneTitle");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dailyStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const search = new URL(request.url).searchParams;
  // The invitee step travels in the query string: the search, who is chosen, and who was added.
  const picked = search.has("picked") || search.has("invite");
  const invite = [...search.getAll("invite"), ...search.getAll("add")].filter((id) => /^[a-z0-9]{1,40}$/.test(id));
  const page = await conveneFormPage(getDb(), user, params.planId ?? "", {
    q: search.get("q") ?? "",
    invite: picked ? invite : null,
  });
  invariantResponse(page.ok);
  return page.value;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const planId = params.planId ?? "";
  const t = await getT(request);
  const submission = parseWithZod(await request.formData(), { schema: conveneSchema(t) });
  if (submission.status !== "success") {
    // Someone who may not see the plan learns nothing from the form either.
    invariantResponse((await checkConveneAccess(getDb(), user, planId)).ok);
    return formReply("convene", submission.reply());
  }
  const v = submission.value;
  const result = await conveneMeeting(getDb(), user, planId, {
    startsAt: stockholmToUtcIso(v.date, v.time),
    durationMinutes: v.durationMinutes,
    place: v.place || null,
    videoLink: v.videoLink || null,
    purpose: v.purpose,
    agenda: v.agenda ?? "",
    staff: Object.entries(v.staff)
      .filter(([, kind]) => kind !== "none")
      .map(([userId, kind]) => ({ userId, kind: kind as "summons" | "invitation" })),
    person: v.personKind === "none" ? null : { kind: "invitation" },
    externals: v.externals,
  });
  if (result.ok)
    return redirectWithFlash(`/meetings/${result.value.meetingId}`, { kind: "success", key: "meetings.convened" });
  invariantResponse(result.error !== "not_found");
  const message =
    result.error === "not_covered"
      ? t("meetings.uncoveredRefused", {
          organisations: result.detail!.organisations.join(", "),
          names: result.detail!.refused.map((r) => r.name).join(", "),
        })
      : t(result.error === "plan_closed" ? "meetings.planClosed" : "meetings.unknownInvitee");
  return formReply("convene", submission.reply({ formErrors: [message] }));
}

export default function ConveneMeetingRoute() {
  const page = useLoaderData<typeof loader>();
  return <ConveneMeetingView page={page} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
