// What the partnership's plan settings make the commands do (docs/decisions/0022): insats types
// from its list, a reason for a next follow-up beyond its longest interval, a step on its scale.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { planSettings } from "~/features/organisations/partnership-settings.server";
import { planSetup, valueOf } from "../../../test/plans";
import { addAction } from "./plan-parts.server";

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
