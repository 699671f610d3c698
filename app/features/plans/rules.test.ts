// The plan's rules hold for anyone calling the commands (a route, a script, another feature), not
// only for the plan page's forms.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { recordConsent } from "~/features/consent/consent.server";
import { savePersonDetails } from "~/features/persons/persons.server";
import { todayInStockholm } from "~/lib/time";
import { makeOrganisation, makePartnership } from "../../../test/factories";
import { addToTeam, caseworkerIn, giveConsent, planSetup, valueOf } from "../../../test/plans";
import { addAction, addNote, recordFollowUp } from "./plan-parts.server";
import { changePlanStatus, updatePlanCore } from "./plans.server";
import { addTeamMember, removeTeamMember } from "./team.server";

const core = { version: 1, goal: "", needs: "", nextFollowUp: null };
const action = {
  responsibleUserId: null,
  description: "Insats",
  startDate: null,
  dueDate: null,
  status: "planned" as const,
};

describe("the plan's rules, in the commands", () => {
  it("keep the lead user on the team from the lead organisation", async () => {
    const { partnership, lead, planId } = await planSetup();
    const colleague = await caseworkerIn("labour_market_unit", partnership.id);
    await addToTeam(planId, colleague.id);
    const result = await updatePlanCore(getDb(), lead, planId, { ...core, leadUserId: colleague.id });
    expect(result).toMatchObject({ ok: false, error: "invalid", fields: { leadUserId: "not_on_lead_team" } });
  });

  it("keep a next follow-up date on an active plan", async () => {
    const { lead, planId } = await planSetup();
    const saved = valueOf(
      await updatePlanCore(getDb(), lead, planId, { ...core, nextFollowUp: "2027-01-15", leadUserId: lead.id }),
    );
    const active = valueOf(await changePlanStatus(getDb(), lead, planId, { version: saved.version, to: "active" }));
    const result = await updatePlanCore(getDb(), lead, planId, {
      ...core,
      version: active.version,
      leadUserId: lead.id,
    });
    expect(result).toMatchObject({ ok: false, error: "invalid", fields: { nextFollowUp: "required_while_active" } });
  });

  it("give actions only to partner organisations, and a responsible person only from that organisation", async () => {
    const { partnership, lead, planId } = await planSetup();
    const stranger = await makeOrganisation(getDb(), { kind: "other", partnershipIds: [(await makePartnership()).id] });
    expect(await addAction(getDb(), lead, planId, { ...action, responsibleOrganisationId: stranger.id })).toMatchObject(
      {
        ok: false,
        fields: { responsibleOrganisationId: "not_partner" },
      },
    );
    const af = await caseworkerIn("employment_service", partnership.id);
    await addToTeam(planId, af.id);
    const wrongPerson = await addAction(getDb(), lead, planId, {
      ...action,
      responsibleOrganisationId: lead.organisationId,
      responsibleUserId: af.id,
    });
    expect(wrongPerson).toMatchObject({ ok: false, fields: { responsibleUserId: "not_in_organisation" } });
    expect(
      await addAction(getDb(), lead, planId, {
        ...action,
        startDate: "2026-05-02",
        dueDate: "2026-05-01",
        responsibleOrganisationId: lead.organisationId,
      }),
    ).toMatchObject({ ok: false, fields: { dueDate: "before_start" } });
  });

  it("let a consent name only partner organisations of the lead", async () => {
    const { lead, planId } = await planSetup();
    const stranger = await makeOrganisation(getDb(), { kind: "other", partnershipIds: [(await makePartnership()).id] });
    const result = await recordConsent(getDb(), lead, planId, {
      grantor: "self",
      organisationIds: [stranger.id],
      categories: ["health"],
      purpose: "Samordning",
      givenOn: todayInStockholm(),
      form: "oral",
      validFrom: todayInStockholm(),
      validUntil: todayInStockholm(),
    });
    expect(result).toMatchObject({ ok: false, error: "invalid", fields: { organisationIds: "not_partner" } });
  });

  it("set the next follow-up after the one held, and keep the lead user on the team", async () => {
    const { lead, planId } = await planSetup();
    expect(
      await recordFollowUp(getDb(), lead, planId, { heldOn: "2026-05-02", reviewed: "x", nextDate: "2026-05-02" }),
    ).toMatchObject({ ok: false, fields: { nextDate: "not_after_held" } });
    expect(await removeTeamMember(getDb(), lead, planId, lead.id)).toMatchObject({ ok: false, error: "is_lead" });
  });

  it("answer not_found to someone the access rule keeps out, and to a covered member for the lead's steps", async () => {
    const { partnership, lead, planId } = await planSetup();
    const outsider = await caseworkerIn("employment_service", partnership.id);
    const member = await caseworkerIn("labour_market_unit", partnership.id);
    await addToTeam(planId, member.id);
    await giveConsent(lead, planId, [member.organisationId]);
    const db = getDb();
    for (const attempt of [
      updatePlanCore(db, outsider, planId, { ...core, leadUserId: lead.id }),
      addAction(db, outsider, planId, { ...action, responsibleOrganisationId: outsider.organisationId }),
      addNote(db, outsider, planId, "x"),
      addTeamMember(db, outsider, planId, outsider.id),
      savePersonDetails(db, outsider, planId, { name: "X", protectedIdentity: true }),
      changePlanStatus(db, member, planId, { version: 1, to: "closed", outcome: "work" }),
      giveConsentAs(member, planId),
    ]) {
      expect(await attempt).toMatchObject({ ok: false, error: "not_found" });
    }
  });
});

function giveConsentAs(user: Parameters<typeof recordConsent>[1], planId: string) {
  return recordConsent(getDb(), user, planId, {
    grantor: "self",
    organisationIds: [user.organisationId],
    categories: ["health"],
    purpose: "Samordning",
    givenOn: todayInStockholm(),
    form: "oral",
    validFrom: todayInStockholm(),
    validUntil: todayInStockholm(),
  });
}
