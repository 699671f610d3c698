// The demo scenario for plan meetings (issue 5), built through the app's own feature
// functions: plan 1 (Sanna) gets one past meeting with minutes and one upcoming meeting.
import type { DB } from "../client.server";
import { requirePlanAccess, type AccessUser } from "../../app/features/access/access.server";
import {
  addDecision,
  conveneMeeting,
  recordMeeting,
  respondToMeeting,
} from "../../app/features/meetings/meetings.server";
import { stockholmToUtcIso } from "../../app/features/meetings/meeting-time";
import { addDays, todayInStockholm } from "../../app/lib/time";

type Caseworker = AccessUser & { name: string };

export async function seedDemoMeetings(
  db: DB,
  { planId, anna, omar, lena }: { planId: string; anna: Caseworker; omar: Caseworker; lena: Caseworker },
) {
  const today = todayInStockholm();
  const annaAccess = await requirePlanAccess(db, anna, planId, "seed");

  // A past meeting: Omar came, Lena (Arbetsförmedlingen) was summoned but did not attend.
  const past = await conveneMeeting(
    db,
    anna,
    annaAccess,
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
      relative: null,
    },
    new Date(Date.now() - 40 * 86_400_000),
  );
  if (!past.ok) throw new Error(`demo meeting not convened: ${past.reason}`);
  await respondToMeeting(db, omar, await requirePlanAccess(db, omar, planId, "seed"), past.meetingId, {
    response: "accepted",
  });
  const invitees = await db
    .selectFrom("meeting_invitees")
    .select(["id", "user_id", "party"])
    .where("meeting_id", "=", past.meetingId)
    .execute();
  await recordMeeting(db, anna, annaAccess, past.meetingId, {
    attendedInviteeIds: invitees
      .filter((i) => i.party === "person" || i.user_id === anna.id || i.user_id === omar.id)
      .map((i) => i.id),
    minutes:
      "Sanna berättade att hon vill arbeta inom handel. Vi gick igenom vad som behövs för att komma dit.\nOmar ordnar arbetsträning i butik tre dagar i veckan. Socialtjänsten beviljar försörjningsstöd under tiden.\nArbetsförmedlingen deltog inte; Anna kontaktar Lena om matchning.",
    nextFollowUp: addDays(today, -7),
  });
  await addDecision(db, anna, annaAccess, past.meetingId, {
    text: "Arbetsträning i butik tre dagar i veckan, med stöd av arbetsmarknadsenheten.",
    action: null,
  });
  // The invitees saw that summons long ago.
  await db
    .updateTable("notifications")
    .set({ read_at: new Date(Date.now() - 35 * 86_400_000).toISOString() })
    .where("link", "=", `/meetings/${past.meetingId}`)
    .execute();

  // An upcoming meeting: Omar and Lena summoned, Sanna invited. Lena has accepted; Omar has not answered yet.
  const upcoming = await conveneMeeting(db, anna, annaAccess, {
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
    relative: null,
  });
  if (!upcoming.ok) throw new Error(`demo meeting not convened: ${upcoming.reason}`);
  await respondToMeeting(db, lena, await requirePlanAccess(db, lena, planId, "seed"), upcoming.meetingId, {
    response: "accepted",
  });
}
