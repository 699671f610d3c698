// Moving and cancelling a meeting, as invitees' calendars see it.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { unreadNotifications } from "~/features/notifications/notifications.server";
import { convene, lastMailTo, meetingSetup, outcome, valueOf, parseCalendar } from "../../../test/meetings";
import { stockholmToUtcIso } from "./meeting-time";
import { cancelMeeting, meetingCalendarFile, rescheduleMeeting, respondToMeeting } from "./meetings.server";

const db = () => getDb();
const emailOf = async (userId: string) =>
  (await db().selectFrom("users").select("email").where("id", "=", userId).executeTakeFirstOrThrow()).email;

describe("rescheduling and cancelling", () => {
  it("sends an update with a higher SEQUENCE and the same UID, and asks for new answers", async () => {
    const { lead, ame, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, {
      startsAt: stockholmToUtcIso("2030-03-12", "10:00"),
      staff: [{ userId: ame.id, kind: "summons" }],
    });
    await respondToMeeting(db(), ame, meetingId, { response: "accepted" });
    const first = (await lastMailTo(await emailOf(ame.id))).calendar!;

    const newStart = stockholmToUtcIso("2030-03-14", "13:30");
    expect(
      outcome(
        await rescheduleMeeting(db(), lead, meetingId, {
          startsAt: newStart,
          durationMinutes: 45,
          place: "Jobbtorget",
          videoLink: null,
        }),
      ),
    ).toBe("ok");
    const moved = await lastMailTo(await emailOf(ame.id));
    expect(moved.subject).toMatch(/^Ny tid: /);
    expect(moved.calendar!.method).toBe("REQUEST");
    expect(moved.calendar!.uid).toBe(first.uid);
    expect(moved.calendar!.sequence).toBeGreaterThan(first.sequence);
    expect(moved.calendar!.start).toBe("2030-03-14T12:30:00.000Z");
    expect(moved.calendar!.location).toBe("Jobbtorget");
    const invitee = await db()
      .selectFrom("meeting_invitees")
      .select("response")
      .where("meeting_id", "=", meetingId)
      .where("user_id", "=", ame.id)
      .executeTakeFirstOrThrow();
    expect(invitee.response).toBe("pending");
    expect((await unreadNotifications(db(), ame)).map((n) => n.kind)).toContain("meeting.rescheduled");

    // Only the convener or the plan's lead may move it.
    expect(
      outcome(
        await rescheduleMeeting(db(), ame, meetingId, {
          startsAt: newStart,
          durationMinutes: 45,
          place: "x",
          videoLink: null,
        }),
      ),
    ).toBe("not_allowed");
  });

  it("cancels with METHOD:CANCEL, the same UID and a higher SEQUENCE still", async () => {
    const { lead, ame, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, { staff: [{ userId: ame.id, kind: "summons" }] });
    await rescheduleMeeting(db(), lead, meetingId, {
      startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString(),
      durationMinutes: 60,
      place: "Rum 4",
      videoLink: null,
    });
    const moved = (await lastMailTo(await emailOf(ame.id))).calendar!;
    expect(outcome(await cancelMeeting(db(), lead, meetingId, "Personen är sjuk"))).toBe("ok");
    const cancelled = await lastMailTo(await emailOf(ame.id));
    expect(cancelled.ics_method).toBe("CANCEL");
    expect(cancelled.calendar!.method).toBe("CANCEL");
    expect(cancelled.calendar!.status).toBe("CANCELLED");
    expect(cancelled.calendar!.uid).toBe(moved.uid);
    expect(cancelled.calendar!.sequence).toBeGreaterThan(moved.sequence);
    // The reason stays in Samsyn; the e-mail says only that it is cancelled.
    expect(cancelled.text_body).not.toContain("sjuk");
    expect(outcome(await cancelMeeting(db(), lead, meetingId, "igen"))).toBe("not_scheduled");
  });

  it("offers the calendar file with the current SEQUENCE", async () => {
    const { lead, ame, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, { staff: [{ userId: ame.id, kind: "summons" }] });
    await rescheduleMeeting(db(), lead, meetingId, {
      startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString(),
      durationMinutes: 60,
      place: "Rum 4",
      videoLink: null,
    });
    const file = parseCalendar(valueOf(await meetingCalendarFile(db(), ame, meetingId, "sv")));
    expect(file).toMatchObject({ method: "PUBLISH", uid: `${meetingId}@localhost`, sequence: 1 });
  });
});
