// The person's letter and the participants without an account: named in the letter, never in
// the calendar file (it travels to mailboxes outside the access rule); the address only where
// the identity is not protected; the convener's phone when the user has one.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { markProtected } from "~/features/persons/persons.server";
import { access, convene, meetingSetup, outboxFor } from "../../../test/meetings";
import { meetingCalendarFile, meetingLetter } from "./meetings.server";
import type { ExternalParticipant } from "./meeting-types";

const db = () => getDb();

const EXTERNALS: ExternalParticipant[] = [
  { name: "Tova Tolksson", role: "interpreter", contact: "tova.tolk@example.org" },
  { name: "Gustav Godman", role: "trustee", contact: "070-111 22 33" },
];

async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error("expected ok");
  return r.value;
}

describe("participants without an account", () => {
  it("are named in the letter with their part, and the calendar files hold none of them", async () => {
    const { lead, af, planId } = await meetingSetup("Brevperson Ett");
    const meetingId = await convene(lead, planId, {
      staff: [{ userId: af.id, kind: "summons" }],
      externals: EXTERNALS,
    });

    const letter = await ok(meetingLetter(db(), lead, meetingId));
    expect(letter.externals.map((e) => [e.name, e.role])).toEqual(
      expect.arrayContaining([
        ["Tova Tolksson", "interpreter"],
        ["Gustav Godman", "trustee"],
      ]),
    );
    // The letter names them, but how to reach them stays on the meeting page.
    expect(JSON.stringify(letter)).not.toContain("070-111 22 33");

    const files = [
      await ok(meetingCalendarFile(db(), lead, meetingId, "sv")),
      ...(
        await outboxFor(
          (await db().selectFrom("users").select("email").where("id", "=", af.id).executeTakeFirstOrThrow()).email,
        )
      ).map((m) => m.ics ?? ""),
    ];
    expect(files.some((f) => f.includes("BEGIN:VCALENDAR"))).toBe(true);
    for (const ics of files) {
      for (const e of EXTERNALS) {
        expect(ics).not.toContain(e.name);
        expect(ics).not.toContain(e.contact);
      }
      expect(ics).not.toMatch(/Tolksson|Godman|tolk@|111 22 33/);
    }
  });

  it("stores the person as invited, never summoned", async () => {
    const { lead, planId } = await meetingSetup("Brevperson Två");
    const meetingId = await convene(lead, planId, { person: { kind: "invitation" } });
    const row = await db()
      .selectFrom("meeting_invitees")
      .select("kind")
      .where("meeting_id", "=", meetingId)
      .where("party", "=", "person")
      .executeTakeFirstOrThrow();
    expect(row.kind).toBe("invitation");
  });
});

describe("the person's letter", () => {
  it("carries the plan's address for the window envelope and the convener's phone", async () => {
    const { lead, planId } = await meetingSetup("Brevperson Tre");
    await db()
      .updateTable("plan_person_details")
      .set({ address: "Storgatan 1\n123 45 Sjöstad" })
      .where("plan_id", "=", planId)
      .execute();
    await db().updateTable("users").set({ phone: "08-123 45 67" }).where("id", "=", lead.id).execute();
    const meetingId = await convene(lead, planId);
    const letter = await ok(meetingLetter(db(), lead, meetingId));
    expect(letter.recipient).toEqual({
      name: "Brevperson Tre",
      address: "Storgatan 1\n123 45 Sjöstad",
      protectedIdentity: false,
    });
    expect(letter.organiser.phone).toBe("08-123 45 67");
  });

  it("has no address at all for a person with protected identity", async () => {
    const { lead, planId } = await meetingSetup("Brevperson Fyra");
    await db()
      .updateTable("plan_person_details")
      .set({ address: "Hemliga vägen 2" })
      .where("plan_id", "=", planId)
      .execute();
    await markProtected(db(), lead, await access(lead, planId));
    const meetingId = await convene(lead, planId);
    const letter = await ok(meetingLetter(db(), lead, meetingId));
    expect(letter.recipient.protectedIdentity).toBe(true);
    expect(letter.recipient.address).toBeNull();
    expect(JSON.stringify(letter)).not.toContain("Hemliga vägen");
  });
});
