// What the partnership's plan settings make the commands do (docs/decisions/0022): insats types
// from its list, a reason for a next follow-up beyond its longest interval, a step on its scale.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { planSettings } from "~/features/organisations/partnership-settings.server";
import { addDays, todayInStockholm } from "~/lib/time";
import { signedInRequest } from "../../../test/factories";
import { caseworkerIn, giveConsent, planSetup, valueOf } from "../../../test/plans";
import { action as planAction } from "../../routes/plans.$planId";
import { addMonths } from "~/features/organisations/partnership-settings";
import { beyondInterval, consentEndsBeforeFollowUp } from "./cadence";
import { planPage } from "./plan-page.server";
import { addAction, recordFollowUp } from "./plan-parts.server";
import { updatePlanCore } from "./plans.server";

const action = {
  responsibleUserId: null,
  description: "Insats",
  startDate: null,
  dueDate: null,
  status: "planned" as const,
};

describe("insats types", () => {
  it("come from the partnership's list, the default until it sets its own", async () => {
    const { partnership, lead, planId } = await planSetup();
    expect((await planSettings(getDb(), lead.organisationId)).actionTypes).toContain("Arbetsträning");
    const id = valueOf(
      await addAction(getDb(), lead, planId, {
        ...action,
        responsibleOrganisationId: lead.organisationId,
        insatsType: "Arbetsträning",
      }),
    );
    const row = await getDb().selectFrom("plan_actions").select("insats_type").where("id", "=", id).executeTakeFirst();
    expect(row?.insats_type).toBe("Arbetsträning");

    await getDb()
      .updateTable("partnerships")
      .set({ action_types: JSON.stringify(["Språkstöd", "Praktik"]) })
      .where("id", "=", partnership.id)
      .execute();
    expect(
      await addAction(getDb(), lead, planId, {
        ...action,
        responsibleOrganisationId: lead.organisationId,
        insatsType: "Arbetsträning",
      }),
    ).toMatchObject({ ok: false, error: "invalid", fields: { insatsType: "not_on_list" } });
    expect(
      (
        await addAction(getDb(), lead, planId, {
          ...action,
          responsibleOrganisationId: lead.organisationId,
          insatsType: "Praktik",
        })
      ).ok,
    ).toBe(true);
  });
});

describe("the longest interval between follow-ups", () => {
  it("counts calendar months, the month's last day when the day does not exist", () => {
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(beyondInterval("2026-01-15", "2026-04-15", 3)).toBe(false);
    expect(beyondInterval("2026-01-15", "2026-04-16", 3)).toBe(true);
  });

  it("asks for a reason when the plan's next follow-up lies beyond it, and keeps the reason", async () => {
    const { lead, planId } = await planSetup();
    const today = todayInStockholm();
    const core = { version: 1, goal: "", needs: "", leadUserId: lead.id };
    const far = addDays(addMonths(today, 3), 1);
    expect(
      await updatePlanCore(getDb(), lead, planId, { ...core, nextFollowUp: far, followUpReason: null }),
    ).toMatchObject({ ok: false, error: "invalid", fields: { followUpReason: "required_beyond_interval" } });
    const saved = valueOf(
      await updatePlanCore(getDb(), lead, planId, {
        ...core,
        nextFollowUp: far,
        followUpReason: " Behandling i fyra månader ",
      }),
    );
    const reasonOf = async () =>
      (await getDb().selectFrom("plans").select("follow_up_reason").where("id", "=", planId).executeTakeFirstOrThrow())
        .follow_up_reason;
    expect(await reasonOf()).toBe("Behandling i fyra månader");
    // Back within the interval the reason no longer applies.
    valueOf(
      await updatePlanCore(getDb(), lead, planId, {
        ...core,
        version: saved.version,
        nextFollowUp: addMonths(today, 3),
        followUpReason: "Behandling i fyra månader",
      }),
    );
    expect(await reasonOf()).toBeNull();
  });

  it("asks for a reason at a follow-up too, measured from the day it was held, and records the step", async () => {
    const { partnership, lead, planId } = await planSetup();
    await getDb()
      .updateTable("partnerships")
      .set({ max_follow_up_months: 2 })
      .where("id", "=", partnership.id)
      .execute();
    const held = { heldOn: "2026-05-02", reviewed: "Genomgång" };
    expect(
      await recordFollowUp(getDb(), lead, planId, {
        ...held,
        nextDate: "2026-07-03",
        intervalReason: null,
        progressionStep: 2,
      }),
    ).toMatchObject({ ok: false, fields: { intervalReason: "required_beyond_interval" } });
    expect(
      await recordFollowUp(getDb(), lead, planId, {
        ...held,
        nextDate: "2026-07-02",
        intervalReason: null,
        progressionStep: 6,
      }),
    ).toMatchObject({ ok: false, fields: { progressionStep: "not_on_scale" } });
    valueOf(
      await recordFollowUp(getDb(), lead, planId, {
        ...held,
        nextDate: "2026-07-03",
        intervalReason: "Sommaruppehåll",
        progressionStep: 2,
      }),
    );
    const row = await getDb()
      .selectFrom("plan_follow_ups")
      .select(["interval_reason", "progression_step"])
      .where("plan_id", "=", planId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ interval_reason: "Sommaruppehåll", progression_step: 2 });
  });

  it("on the plan page: a Swedish error by the reason field, and everything typed kept", async () => {
    const { lead, planId } = await planSetup();
    const far = addDays(addMonths(todayInStockholm(), 3), 10);
    const body = new URLSearchParams({
      intent: "save-plan",
      version: "1",
      goal: "Eget arbete",
      needs: "Arbetsträning",
      nextFollowUp: far,
      leadUserId: lead.id,
    });
    const reply = (await planAction({
      request: await signedInRequest(lead.id, `/plans/${planId}`, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
      params: { planId },
      context: { cspNonce: "", clientIp: "127.0.0.1" },
    } as never)) as unknown as {
      init: { status: number };
      data: { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } };
    };
    expect(reply.init.status).toBe(400);
    expect(reply.data.result.error.followUpReason).toEqual([
      "Nästa uppföljning ligger längre fram än samverkansområdets längsta tid mellan uppföljningar. Skriv skälet till det längre intervallet.",
    ]);
    expect(reply.data.result.initialValue).toMatchObject({
      goal: "Eget arbete",
      needs: "Arbetsträning",
      nextFollowUp: far,
    });
  });
});

describe("a next follow-up after the consent ends", () => {
  it("is named with the day the active consents end; withdrawn or expired consents do not count", async () => {
    const consents = [
      { state: "active" as const, validUntil: "2026-09-30" },
      { state: "active" as const, validUntil: "2026-10-31" },
      { state: "expired" as const, validUntil: "2027-12-31" },
    ];
    expect(consentEndsBeforeFollowUp("2026-11-01", consents)).toBe("2026-10-31");
    expect(consentEndsBeforeFollowUp("2026-10-31", consents)).toBeNull();
    expect(consentEndsBeforeFollowUp("2026-11-01", [consents[2]])).toBeNull();
    expect(consentEndsBeforeFollowUp(null, consents)).toBeNull();
  });

  it("shows on the plan page as a warning, not a refusal", async () => {
    const { partnership, lead, planId } = await planSetup();
    const until = addDays(todayInStockholm(), 20);
    const af = await caseworkerIn("employment_service", partnership.id);
    await giveConsent(lead, planId, [af.organisationId], until);
    const next = addDays(todayInStockholm(), 30);
    valueOf(
      await updatePlanCore(getDb(), lead, planId, {
        version: 1,
        goal: "",
        needs: "",
        leadUserId: lead.id,
        nextFollowUp: next,
        followUpReason: null,
      }),
    );
    const page = valueOf(await planPage(getDb(), lead, planId));
    expect(consentEndsBeforeFollowUp(page.plan.nextFollowUp, page.consents)).toBe(until);
  });
});
