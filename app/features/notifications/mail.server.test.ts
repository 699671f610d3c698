import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { deviationSetup, reportCase, sampleReport } from "../../../test/deviations";
import { makeOrganisation, makePartnership, makeUser } from "../../../test/factories";
import { planSetup } from "../../../test/plans";
import { mailChoicesOf, sendDigests, sendNotificationMail, setMailChoices } from "./mail.server";
import { notify } from "./notifications.server";

async function outboxTo(email: string) {
  return getDb()
    .selectFrom("outbox")
    .select(["subject", "text_body"])
    .where("to_address", "=", email)
    .orderBy("created_at")
    .execute();
}

async function contact() {
  const p = await makePartnership();
  const org = await makeOrganisation(getDb(), { kind: "employment_service", partnershipIds: [p.id] });
  return makeUser(getDb(), { organisationId: org.id, roles: [{ role: "contact" }] });
}

describe("notifications by e-mail", () => {
  it("sends only the kinds the user chose, once each, naming the case and date but no person", async () => {
    const user = await contact();
    await setMailChoices(getDb(), user.id, { kinds: ["reminder.answer_due", "not.a.kind"], digest: false });
    expect(await mailChoicesOf(getDb(), user.id)).toEqual({ kinds: ["reminder.answer_due"], digest: false });

    const subject = { type: "deviation" as const, ref: "17", dueOn: "2030-12-10" };
    await notify(getDb(), { userIds: [user.id], kind: "reminder.answer_due", link: "/deviations/abc", subject });
    await notify(getDb(), { userIds: [user.id], kind: "deviation.answered", link: "/deviations/abc", subject });
    await sendNotificationMail(getDb());
    await sendNotificationMail(getDb());

    const mail = await outboxTo(user.email);
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe("Samsyn: Ärende 17");
    expect(mail[0].text_body).toContain("Påminnelse: ett ärende väntar på din organisations svar.");
    expect(mail[0].text_body).toContain("Svara senast");
    expect(mail[0].text_body).toContain("http://localhost:3999/deviations/abc");
  });

  it("sends nothing by e-mail to a user who chose nothing", async () => {
    const user = await contact();
    await notify(getDb(), { userIds: [user.id], kind: "deviation.routed", link: "/deviations/x" });
    await sendNotificationMail(getDb());
    expect(await outboxTo(user.email)).toEqual([]);
  });
});

describe("the daily digest", () => {
  it("lists what is unread and new since the last digest, in one mail", async () => {
    const user = await contact();
    await setMailChoices(getDb(), user.id, { kinds: [], digest: true });
    const now = new Date("2030-12-09T06:00:00Z");
    await notify(getDb(), {
      userIds: [user.id],
      kind: "reminder.answer_overdue",
      link: "/deviations/d1",
      subject: { type: "deviation", ref: "4", dueOn: "2030-12-06" },
      now: new Date("2030-12-08T10:00:00Z"),
    });
    await notify(getDb(), {
      userIds: [user.id],
      kind: "deviation.routed",
      link: "/deviations/d2",
      subject: { type: "deviation", ref: "5", dueOn: null },
      now: new Date("2030-12-08T11:00:00Z"),
    });
    await notify(getDb(), {
      userIds: [user.id],
      kind: "deviation.routed",
      link: "/deviations/d3",
      now: new Date("2030-12-08T12:00:00Z"),
    });
    await getDb()
      .updateTable("notifications")
      .set({ read_at: now.toISOString() })
      .where("link", "=", "/deviations/d3")
      .execute();

    expect(await sendDigests(getDb(), now)).toBeGreaterThanOrEqual(1);
    const [digest] = await outboxTo(user.email);
    expect(digest.subject).toBe("Samsyn: 2 olästa aviseringar");
    expect(digest.text_body).toContain("Ärende 4");
    expect(digest.text_body).toContain("Skulle ha besvarats");
    expect(digest.text_body).toContain("Ärende 5");
    expect(digest.text_body).toContain("http://localhost:3999/deviations/d1");
    expect(digest.text_body).not.toContain("/deviations/d3");

    // The next morning only what came since.
    await sendDigests(getDb(), new Date("2030-12-10T06:00:00Z"));
    expect(await outboxTo(user.email)).toHaveLength(1);
  });

  it("leaves out a notification about a plan the user may no longer see", async () => {
    const { lead, planId } = await planSetup();
    const outsider = await contact();
    await setMailChoices(getDb(), outsider.id, { kinds: [], digest: true });
    await notify(getDb(), {
      userIds: [outsider.id],
      kind: "reminder.follow_up_passed",
      link: `/plans/${planId}`,
      planId,
      subject: { type: "plan", ref: "GIP", dueOn: "2030-12-01" },
      now: new Date("2030-12-08T10:00:00Z"),
    });
    void lead;
    await sendDigests(getDb(), new Date("2030-12-09T06:00:00Z"));
    expect(await outboxTo(outsider.email)).toEqual([]);
  });
});

describe("a notification's subject", () => {
  it("names the case by its number when the caller gave only the link", async () => {
    const s = await deviationSetup();
    const id = await reportCase(s.reporter, sampleReport(s.partnership.id, [s.party.organisationId]));
    const { number } = await getDb()
      .selectFrom("deviations")
      .select("number")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const row = await getDb()
      .selectFrom("notifications")
      .select(["kind", "subject_type", "subject_ref"])
      .where("user_id", "=", s.coordinator.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: "deviation.submitted", subject_type: "deviation", subject_ref: String(number) });
  });
});
