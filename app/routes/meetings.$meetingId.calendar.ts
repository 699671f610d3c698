import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/features/auth/auth.server";
import { meetingCalendarFile, requireMeetingAccess } from "~/features/meetings/meetings.server";
import { notFound } from "~/lib/http.server";
import { getLocale } from "~/lib/i18n.server";

// The meeting as an iCalendar file, behind the access rule like the meeting page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const db = getDb();
  const { access, meetingId } = await requireMeetingAccess(db, user, params.meetingId ?? "", "meeting.calendar");
  const content = await meetingCalendarFile(db, user, access, meetingId, await getLocale(request));
  if (content === null) throw notFound();
  return new Response(content, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="mote.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
