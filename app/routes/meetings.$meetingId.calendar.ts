import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/features/auth/auth.server";
import { meetingCalendarFile } from "~/features/meetings/meetings.server";
import { invariantResponse } from "~/lib/http.server";
import { getLocale } from "~/lib/i18n.server";

// The meeting as an iCalendar file, behind the access rule like the meeting page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const file = await meetingCalendarFile(getDb(), user, params.meetingId ?? "", await getLocale(request));
  invariantResponse(file.ok);
  return new Response(file.value, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="mote.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
