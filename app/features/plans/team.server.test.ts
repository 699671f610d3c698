// The kinds of organisation on a plan's team are written on the plan for the period summary;
// every way the team changes must keep them true.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { updateUser } from "~/features/users/users.server";
import { makeOrganisation } from "../../../test/factories";
import { caseworkerIn, giveConsent, planSetup } from "../../../test/plans";
import { addTeamMember, removeTeamMember } from "./team.server";

const kindsOf = async (planId: string) =>
  (
    await getDb()
      .selectFrom("plans")
      .select("team_organisation_kinds")
      .where("id", "=", planId)
      .executeTakeFirstOrThrow()
  ).team_organisation_kinds;

describe("the organisation kinds on a plan's team", () => {
  it("follow members joining, leaving and moving to another organisation", async () => {
    const db = getDb();
    const { partnership, lead, planId } = await planSetup();
    expect(await kindsOf(planId)).toBe("social_services");

    const af = await caseworkerIn("employment_service", partnership.id);
    await giveConsent(lead, planId, [af.organisationId]);
    expect((await addTeamMember(db, lead, planId, af.id)).ok).toBe(true);
    expect(await kindsOf(planId)).toBe("employment_service social_services");

    // Moving to a region: the plan now has healthcare on its team instead.
    const region = await makeOrganisation(db, { kind: "healthcare", partnershipIds: [partnership.id] });
    await updateUser(db, { userId: null, organisationId: null }, af.id, {
      name: "Flyttad Handläggare",
      email: af.email,
      organisationId: region.id,
    });
    expect(await kindsOf(planId)).toBe("healthcare social_services");

    expect((await removeTeamMember(db, lead, planId, af.id)).ok).toBe(true);
    expect(await kindsOf(planId)).toBe("social_services");
  });
});
