// Invitees answering a summons or an invitation.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { unreadNotifications } from "~/features/notifications/notifications.server";
import { makeUser } from "../../../test/factories";
import { convene, lastMailTo, meetingSetup, outcome, valueOf } from "../../../test/meetings";
import { meetingPage, respondToMeeting } from "./meetings.server";

const db = () => getDb();

describe("responding", () => {
  it("accepts, and declines only with a reason, which the convener sees", async () => {
    const { lead, ame, af, planId } = await meetingSetup();
    const meetingId = await convene(lead, planId, {
      staff: [
        { userId: ame.id, kind: "summons" },
        { userId: af.id, kind: "summons" },
      ],
    });

    expect(outcome(await respondToMeeting(db(), ame, meetingId, { response: "accepted" }))).toBe("ok");
    expect(outcome(await respondToMeeting(db(), af, meetingId, { response: "declined", reason: "  " }))).toBe(
      "reason_required",
    );
    expect(
      outcome(
        await respondToMeeting(db(), af, meetingId, {
          response: "declined",
          reason: "Semester den veckan",
        }),
      ),
    ).toBe("ok");

    // The convener hears about the decline (and reads it by opening the meeting).
    expect((await unreadNotifications(db(), lead)).map((n) => n.kind)).toEqual(["meeting.declined"]);
    const page = valueOf(await meetingPage(db(), lead, meetingId));
    expect(page.counts).toEqual({ invited: 3, accepted: 2, declined: 1, pending: 0 });
    const declined = page.invitees.find((i) => i.userId === af.id)!;
    expect(declined).toMatchObject({ response: "declined", responseReason: "Semester den veckan" });
    expect(await unreadNotifications(db(), lead)).toEqual([]);
    // The convener is not an invitee who answers.
    expect(outcome(await respondToMeeting(db(), lead, meetingId, { response: "declined", reason: "x" }))).toBe(
      "not_invited",
    );
  });

  it("lets a decliner name a colleague as replacement, who is summoned in their place", async () => {
    const { lead, af, planId } = await meetingSetup();
    const colleague = await makeUser(db(), { organisationId: af.organisationId, roles: [{ role: "caseworker" }] });
    const meetingId = await convene(lead, planId, { staff: [{ userId: af.id, kind: "summons" }] });
    expect(
      outcome(
        await respondToMeeting(db(), af, meetingId, {
          response: "declined",
          reason: "Sjuk",
          replacementUserId: colleague.id,
        }),
      ),
    ).toBe("ok");
    const invitees = await db()
      .selectFrom("meeting_invitees")
      .selectAll()
      .where("meeting_id", "=", meetingId)
      .where("party", "=", "staff")
      .execute();
    const replacement = invitees.find((i) => i.user_id === colleague.id)!;
    expect(replacement).toMatchObject({ kind: "summons", response: "pending" });
    expect(invitees.find((i) => i.user_id === af.id)!.replaced_by).toBe(replacement.id);
    expect((await lastMailTo(colleague.email)).calendar!.method).toBe("REQUEST");
    // A replacement from another organisation is refused.
    const other = await makeUser(db(), { roles: [{ role: "caseworker" }] });
    const second = await convene(lead, planId, { staff: [{ userId: af.id, kind: "summons" }] });
    expect(
      outcome(
        await respondToMeeting(db(), af, second, {
          response: "declined",
          reason: "Sjuk",
          replacementUserId: other.id,
        }),
      ),
    ).toBe("bad_replacement");
  });
});
