// iCalendar (RFC 5545) for meetings, written with ical-generator. One UID per meeting for
// its whole life; SEQUENCE rises on every reschedule and on cancellation so calendar
// programs replace the old entry instead of adding a new one.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { InvitationKind, MeetingResponse } from "#db/schema";
import { getEnv } from "~/lib/env.server";
import { endOf } from "./meeting-time";

export type CalendarMethod = "REQUEST" | "CANCEL" | "PUBLISH";

export interface CalendarAttendee {
  name: string;
  email: string;
  kind: InvitationKind | "organiser";
  response: MeetingResponse;
}

export interface CalendarInput {
  method: CalendarMethod;
  meetingId: string;
  sequence: number;
  startsAt: string;
  durationMinutes: number;
  cancelled: boolean;
  summary: string;
  description: string;
  location: string | null;
  url: string;
  organiser: { name: string; email: string };
  attendees: CalendarAttendee[];
  stamp?: Date;
}

/** Stable for the meeting's whole life: the random meeting id at the app's host. */
export function meetingUid(meetingId: string): string {
  return `${meetingId}@${new URL(getEnv().APP_URL).hostname}`;
}

const ROLE: Record<CalendarAttendee["kind"], ICalAttendeeRole> = {
  organiser: ICalAttendeeRole.CHAIR,
  summons: ICalAttendeeRole.REQ,
  invitation: ICalAttendeeRole.OPT,
};

const STATUS: Record<MeetingResponse, ICalAttendeeStatus> = {
  pending: ICalAttendeeStatus.NEEDSACTION,
  accepted: ICalAttendeeStatus.ACCEPTED,
  declined: ICalAttendeeStatus.DECLINED,
};

export function meetingCalendar(input: CalendarInput): string {
  const calendar = ical({
    prodId: { company: "Samsyn", product: "Samsyn", language: "SV" },
    method: ICalCalendarMethod[input.method],
  });
  // Times are written in UTC ("...Z"); calendar programs show them in the reader's zone.
  calendar.createEvent({
    id: meetingUid(input.meetingId),
    sequence: input.sequence,
    stamp: input.stamp ?? new Date(),
    start: new Date(input.startsAt),
    end: new Date(endOf(input.startsAt, input.durationMinutes)),
    status: input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    summary: input.summary,
    description: input.description,
    location: input.location,
    url: input.url,
    organizer: { name: input.organiser.name, email: input.organiser.email },
    attendees: input.attendees.map((a) => ({
      name: a.name,
      email: a.email,
      role: ROLE[a.kind],
      status: STATUS[a.response],
      rsvp: a.kind !== "organiser" && a.response === "pending" && !input.cancelled,
    })),
  });
  return calendar.toString();
}
