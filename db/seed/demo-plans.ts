// The demo scenario for joint plans (issue 4). Built through the app's own feature
// functions so the demo has real history, consents and audit events.
import type { DB } from "../client.server";
import { requirePlanAccess, type AccessUser, type PlanAccess } from "../../app/features/access/access.server";
import { recordConsent, withdrawConsent } from "../../app/features/consent/consent.server";
import { addAction, addTeamMember, recordFollowUp } from "../../app/features/plans/plan-parts.server";
import { changePlanStatus, createPlan, updatePlanCore } from "../../app/features/plans/plans.server";
import { addDays, todayInStockholm } from "../../app/lib/time";
import { seedDemoMeetings } from "./demo-meetings";

/** A valid personnummer for a birth date (YYYYMMDD) and a three-digit birth number. */
export function demoIdentityNumber(birthDate: string, birthNumber: string): string {
  const nine = `${birthDate.slice(2)}${birthNumber}`;
  const sum = nine.split("").reduce((acc, ch, i) => {
    const v = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  return `${birthDate}${birthNumber}${(10 - (sum % 10)) % 10}`;
}

export const DEMO_PERSONS = {
  sanna: { name: "Sanna Exempelsson", identityNumber: demoIdentityNumber("19900314", "238") },
  mikael: { name: "Mikael Provsson", identityNumber: demoIdentityNumber("19850707", "153") },
  fatima: { name: "Fatima Testdotter", identityNumber: demoIdentityNumber("19970221", "462") },
  johan: { name: "Johan Demosson", identityNumber: demoIdentityNumber("19780911", "315") },
};

/** A demo caseworker as the plan functions expect one. */
export async function demoCaseworker(db: DB, email: string): Promise<AccessUser & { name: string }> {
  const row = await db
    .selectFrom("users")
    .select(["id", "organisation_id", "name"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    grants: [{ role: "caseworker" as const, partnershipId: null }],
  };
}

/** Sets the next follow-up (keeping goal and needs) and activates the plan. */
async function activate(db: DB, user: AccessUser, access: PlanAccess, nextFollowUp: string) {
  const plan = await db
    .selectFrom("plans")
    .select(["version", "goal", "needs", "lead_user_id"])
    .where("id", "=", access.planId)
    .executeTakeFirstOrThrow();
  await updatePlanCore(db, user, access, {
    version: plan.version,
    goal: plan.goal,
    needs: plan.needs,
    nextFollowUp,
    leadUserId: plan.lead_user_id,
  });
  await changePlanStatus(db, user, access, { version: plan.version + 1, to: "active" });
}

export async function seedDemoPlans(db: DB): Promise<void> {
  const today = todayInStockholm();
  const anna = await demoCaseworker(db, "anna.handlaggare@demo.samsyn.se");
  const omar = await demoCaseworker(db, "omar.coach@demo.samsyn.se");
  const lena = await demoCaseworker(db, "lena.af@demo.samsyn.se");
  const maria = await demoCaseworker(db, "maria.vux@demo.samsyn.se");
  const henrik = await demoCaseworker(db, "henrik.psykiatri@demo.samsyn.se");
  const consentBase = {
    grantor: "self" as const,
    categories: ["financial_situation", "education_and_work_history", "labour_market_measures"] as (
      "financial_situation" | "education_and_work_history" | "labour_market_measures"
    )[],
    form: "written" as const,
  };

  // 1. GIP led by Socialtjänsten: AME and AF covered, follow-up overdue.
  const plan1 = await createPlan(db, anna, {
    kind: "GIP",
    person: {
      ...DEMO_PERSONS.sanna,
      protectedIdentity: false,
      address: "Storgatan 12, 123 45 Sjöstad",
      phone: "070-123 45 67",
    },
    goal: "Jag vill ha ett eget arbete inom handel och klara mig utan försörjningsstöd.",
    needs: "Försörjning, arbetsträning, svenska för yrkeslivet.",
  });
  let access = await requirePlanAccess(db, anna, plan1, "seed");
  await addTeamMember(db, anna, access, omar.id);
  await addTeamMember(db, anna, access, lena.id);
  await recordConsent(db, anna, access, {
    ...consentBase,
    organisationIds: [omar.organisationId, lena.organisationId],
    purpose: "Samordna försörjning, arbetsträning och arbetsförmedlingens insatser mot arbete.",
    givenOn: addDays(today, -60),
    validFrom: addDays(today, -60),
    validUntil: addDays(today, 305),
  });
  await activate(db, anna, access, addDays(today, -7));
  await addAction(db, omar, access, {
    responsibleOrganisationId: omar.organisationId,
    responsibleUserId: omar.id,
    description: "Arbetsträning i butik tre dagar i veckan",
    startDate: addDays(today, -50),
    dueDate: addDays(today, -20),
    status: "ongoing",
  });
  await addAction(db, lena, access, {
    responsibleOrganisationId: lena.organisationId,
    responsibleUserId: lena.id,
    description: "Matchning mot lediga jobb inom handel",
    startDate: addDays(today, -30),
    dueDate: addDays(today, 40),
    status: "planned",
  });
  await addAction(db, anna, access, {
    responsibleOrganisationId: anna.organisationId,
    responsibleUserId: anna.id,
    description: "Försörjningsstöd under arbetsträningen",
    startDate: addDays(today, -60),
    dueDate: addDays(today, 120),
    status: "ongoing",
  });
  await seedDemoMeetings(db, { planId: plan1, anna, omar, lena });

  // 2. GIP led by Socialtjänsten: AF's consent withdrawn, Lena still on the team.
  const plan2 = await createPlan(db, anna, {
    kind: "GIP",
    person: { ...DEMO_PERSONS.mikael, protectedIdentity: false },
    goal: "Jag vill börja studera till undersköterska.",
    needs: "Studievägledning och ekonomi under studierna.",
  });
  access = await requirePlanAccess(db, anna, plan2, "seed");
  await addTeamMember(db, anna, access, lena.id);
  const consent2 = await recordConsent(db, anna, access, {
    ...consentBase,
    organisationIds: [lena.organisationId],
    purpose: "Planera vägen till studier tillsammans med Arbetsförmedlingen.",
    givenOn: addDays(today, -90),
    validFrom: addDays(today, -90),
    validUntil: addDays(today, 275),
  });
  await withdrawConsent(db, anna, access, consent2, "Personen återkallade samtycket muntligt vid besök.");
  await activate(db, anna, access, addDays(today, 21));

  // 3. GIP led by Arbetsförmedlingen: Vux covered; Anna not on it.
  const plan3 = await createPlan(db, lena, {
    kind: "GIP",
    person: { ...DEMO_PERSONS.fatima, protectedIdentity: true },
    goal: "Jag vill lära mig svenska och få ett jobb inom vården.",
    needs: "SFI, praktik.",
  });
  access = await requirePlanAccess(db, lena, plan3, "seed");
  await addTeamMember(db, lena, access, maria.id);
  await recordConsent(db, lena, access, {
    ...consentBase,
    organisationIds: [maria.organisationId],
    purpose: "Samordna SFI och arbetsförmedlingens insatser.",
    givenOn: addDays(today, -30),
    validFrom: addDays(today, -30),
    validUntil: addDays(today, 335),
  });
  await activate(db, lena, access, addDays(today, 10));
  await addAction(db, maria, access, {
    responsibleOrganisationId: maria.organisationId,
    responsibleUserId: maria.id,
    description: "SFI kurs C, fyra dagar i veckan",
    startDate: addDays(today, -25),
    dueDate: addDays(today, 150),
    status: "ongoing",
  });

  // 4. A closed SIP led by Socialtjänsten with the region: went on to work.
  const plan4 = await createPlan(db, anna, {
    kind: "SIP",
    person: { ...DEMO_PERSONS.johan, protectedIdentity: false },
    goal: "Jag vill må bättre och komma tillbaka till jobbet som lagerarbetare.",
    needs: "Psykiatrisk behandling, stöd tillbaka till arbete.",
  });
  access = await requirePlanAccess(db, anna, plan4, "seed");
  await addTeamMember(db, anna, access, henrik.id);
  await recordConsent(db, anna, access, {
    ...consentBase,
    categories: ["health", "financial_situation"] as never,
    organisationIds: [henrik.organisationId],
    purpose: "Samordna vård och socialtjänstens stöd.",
    givenOn: addDays(today, -400),
    validFrom: addDays(today, -400),
    validUntil: addDays(today, 30),
  });
  await activate(db, anna, access, addDays(today, -200));
  await addAction(db, henrik, access, {
    responsibleOrganisationId: henrik.organisationId,
    responsibleUserId: henrik.id,
    description: "Samtalsbehandling varannan vecka",
    startDate: addDays(today, -380),
    dueDate: addDays(today, -100),
    status: "done",
  });
  await recordFollowUp(db, anna, access, {
    heldOn: addDays(today, -200),
    reviewed: "Behandlingen fungerar; planerar återgång i arbete.",
    nextDate: addDays(today, -110),
  });
  await changePlanStatus(db, anna, access, {
    version: (await db.selectFrom("plans").select("version").where("id", "=", plan4).executeTakeFirstOrThrow()).version,
    to: "closed",
    outcome: "work",
  });
}
