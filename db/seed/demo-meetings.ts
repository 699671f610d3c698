// The demo scenario for plan meetings (issue 5), built through the meetings feature's public
// commands, as the users would: plan 1 (Sanna) gets one past meeting with minutes and one
// upcoming meeting.
import type { DB } from "../client.server";
import type { AccessUser } from "../../app/features/access/access.server";
import {
  addDecision,
  conveneMeeting,
  meetingPage,
  meetingPath,
  recordMeeting,
  respondToMeeting,
} from "../../app/features/meetings/meetings.server";
import { stockholmToUtcIso } from "../../app/features/meetings/meeting-time";
import { markRead } from "../../app/features/notifications/notifications.server";
import type { Result } from "../../app/lib/result";
import { addDays, todayInStockholm } from "../../app/lib/time";

type Caseworker = AccessUser & { name: string };

/** The demo is built or the seed stops, saying which step failed. */
function must<T>(step: string, result: Result<T, string, unknown>): T {
  if (!result.ok) throw new Error(`demo meetings: ${step} failed (${result.error})`);
  return result.value;
}

export async function seedDemoMeetings(
  db: DB,
  { planId, anna, omar, lena }: { planId: string; anna: Caseworker; omar: Caseworker; lena: Caseworker },
) {
  const today = todayInStockholm();

  // A past meeting: Omar came, Lena (Arbetsförmedlingen) was summoned but did not attend.
  const past = must(
    "convene",
    await conveneMeeting(
      db,
      anna,
      planId,
      {
        startsAt: stockholmToUtcIso(addDays(today, -30), "10:00"),
        durationMinutes: 60,
        place: "Socialtjänsten, Storgatan 1, rum Ekorren",
        videoLink: null,
        purpose: "Göra en gemensam plan för arbetsträning och försörjning.",
        agenda:
          "1. Hur har du det just nu?\n2. Arbetsträning i butik\n3. Försörjning under arbetsträningen\n4. Nästa uppföljning",
        staff: [
          { userId: omar.id, kind: "summons" },
          { userId: lena.id, kind: "summons" },
        ],
        person: { kind: "invitation" },
        externals: [],
      },
      new Date(Date.now() - 40 * 86_400_000),
    ),
  ).meetingId;
  must("accept", await respondToMeeting(db, omar, past, { response: "accepted" }));
  const { invitees } = must("read", await meetingPage(db, anna, past));
  must(
    "record",
    await recordMeeting(db, anna, past, {
      attendedInviteeIds: invitees
        .filter((i) => i.party === "person" || i.userId === anna.id || i.userId === omar.id)
        .map((i) => i.id),
      minutes:
        "Sanna berättade att hon vill arbeta inom handel. Vi gick igenom vad som behövs för att komma dit.\nOmar ordnar arbetsträning i butik tre dagar i veckan. Socialtjänsten beviljar försörjningsstöd under tiden.\nArbetsförmedlingen deltog inte; Anna kontaktar Lena om matchning.",
      nextFollowUp: addDays(today, -7),
    }),
  );
  must(
    "decision",
    await addDecision(db, anna, past, {
      text: "Arbetsträning i butik tre dagar i veckan, med stöd av arbetsmarknadsenheten.",
      action: null,
    }),
  );
  // The invitees saw that summons long ago.
  for (const invitee of [omar, lena])
    await markRead(db, invitee, meetingPath(past), new Date(Date.now() - 35 * 86_400_000));

  // An upcoming meeting: Omar and Lena summoned, Sanna invited. Lena has accepted; Omar has not answered yet.
  const upcoming = must(
    "convene",
    await conveneMeeting(db, anna, planId, {
      startsAt: stockholmToUtcIso(addDays(today, 7), "13:00"),
      durationMinutes: 90,
      place: "Socialtjänsten, Storgatan 1, rum Ekorren",
      videoLink: null,
      purpose: "Följa upp arbetsträningen och planera nästa steg mot ett eget arbete.",
      agenda: "1. Hur går arbetsträningen?\n2. Lediga jobb inom handel\n3. Vem gör vad fram till nästa uppföljning",
      staff: [
        { userId: omar.id, kind: "summons" },
        { userId: lena.id, kind: "summons" },
      ],
      person: { kind: "invitation" },
      externals: [],
    }),
  ).meetingId;
  must("accept", await respondToMeeting(db, lena, upcoming, { response: "accepted" }));
}
