// The demo scenario for joint plans (issue 4). Built only through the plans, persons and consent
// features' public commands, as a caseworker would, so the demo has real history, consents and
// audit events and every rule the commands keep holds for it too.
import type { DB } from "../client.server";
import type { CurrentUser } from "../../app/features/access/current-user";
import { loadCurrentUser } from "../../app/features/auth/auth.server";
import { recordConsent, withdrawConsent } from "../../app/features/consent/consent.server";
import { addAction, recordFollowUp } from "../../app/features/plans/plan-parts.server";
import { changePlanStatus, createPlan, updatePlanCore, type NewPlanInput } from "../../app/features/plans/plans.server";
import { addTeamMember } from "../../app/features/plans/team.server";
import { addDays, todayInStockholm } from "../../app/lib/time";
import type { Result } from "../../app/lib/result";
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

/** A demo caseworker as a signed-in request would see them. */
export async function demoCaseworker(db: DB, email: string): Promise<CurrentUser> {
  const row = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const user = await loadCurrentUser(db, row.id, "demo-seed");
  if (!user) throw new Error(`demo seed: ${email} is disabled`);
  return user;
}

/** The seed stops at the first command the demo data breaks a rule of. */
function must<T>(result: Result<T, string, unknown>): T {
  if (!result.ok) throw new Error(`demo seed: a command refused the demo data (${result.error})`);
  return result.value;
}

/** Creates a plan and returns it with the fields the next saves are based on. */
async function newPlan(db: DB, user: CurrentUser, input: NewPlanInput) {
  const planId = must(await createPlan(db, user, input));
  return { planId, version: 1, goal: input.goal ?? "", needs: input.needs ?? "", leadUserId: user.id };
}

/** Sets the next follow-up (keeping goal and needs) and activates the plan; returns its version. */
async function activate(db: DB, user: CurrentUser, plan: Awaited<ReturnType<typeof newPlan>>, nextFollowUp: string) {
  const saved = must(
    await updatePlanCore(db, user, plan.planId, {
      version: plan.version,
      goal: plan.goal,
      needs: plan.needs,
      nextFollowUp,
      leadUserId: plan.leadUserId,
    }),
  );
  return must(await changePlanStatus(db, user, plan.planId, { version: saved.version, to: "active" })).version;
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
  const plan1 = await newPlan(db, anna, {
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
  must(await addTeamMember(db, anna, plan1.planId, omar.id));
  must(await addTeamMember(db, anna, plan1.planId, lena.id));
  must(
    await recordConsent(db, anna, plan1.planId, {
      ...consentBase,
      organisationIds: [omar.organisationId, lena.organisationId],
      purpose: "Samordna försörjning, arbetsträning och arbetsförmedlingens insatser mot arbete.",
      givenOn: addDays(today, -60),
      validFrom: addDays(today, -60),
      validUntil: addDays(today, 305),
    }),
  );
  await activate(db, anna, plan1, addDays(today, -7));
  must(
    await addAction(db, omar, plan1.planId, {
      responsibleOrganisationId: omar.organisationId,
      responsibleUserId: omar.id,
      description: "Arbetsträning i butik tre dagar i veckan",
      startDate: addDays(today, -50),
      dueDate: addDays(today, -20),
      status: "ongoing",
      insatsType: "Arbetsträning",
    }),
  );
  must(
    await addAction(db, lena, plan1.planId, {
      responsibleOrganisationId: lena.organisationId,
      responsibleUserId: lena.id,
      description: "Matchning mot lediga jobb inom handel",
      startDate: addDays(today, -30),
      dueDate: addDays(today, 40),
      status: "planned",
      insatsType: "Matchning mot arbete",
    }),
  );
  must(
    await addAction(db, anna, plan1.planId, {
      responsibleOrganisationId: anna.organisationId,
      responsibleUserId: anna.id,
      description: "Försörjningsstöd under arbetsträningen",
      startDate: addDays(today, -60),
      dueDate: addDays(today, 120),
      status: "ongoing",
      insatsType: "Motivation",
    }),
  );
  // The person's own part, printed under "Det här gör jag själv" in Min plan.
  must(
    await addAction(db, anna, plan1.planId, {
      responsibleOrganisationId: anna.organisationId,
      responsibleUserId: null,
      description: "Söka tre jobb i veckan inom handel",
      startDate: addDays(today, -30),
      dueDate: addDays(today, 40),
      status: "ongoing",
      insatsType: "Matchning mot arbete",
      byPerson: true,
    }),
  );
  await seedDemoMeetings(db, { planId: plan1.planId, anna, omar, lena });

  // 2. GIP led by Socialtjänsten: AF's consent withdrawn, Lena still on the team.
  const plan2 = await newPlan(db, anna, {
    kind: "GIP",
    person: { ...DEMO_PERSONS.mikael, protectedIdentity: false },
    goal: "Jag vill börja studera till undersköterska.",
    needs: "Studievägledning och ekonomi under studierna.",
  });
  must(await addTeamMember(db, anna, plan2.planId, lena.id));
  const consent2 = must(
    await recordConsent(db, anna, plan2.planId, {
      ...consentBase,
      organisationIds: [lena.organisationId],
      purpose: "Planera vägen till studier tillsammans med Arbetsförmedlingen.",
      givenOn: addDays(today, -90),
      validFrom: addDays(today, -90),
      validUntil: addDays(today, 275),
    }),
  );
  must(await withdrawConsent(db, anna, plan2.planId, consent2, "Personen återkallade samtycket muntligt vid besök."));
  await activate(db, anna, plan2, addDays(today, 21));

  // 3. GIP led by Arbetsförmedlingen: Vux covered; Anna not on it.
  const plan3 = await newPlan(db, lena, {
    kind: "GIP",
    person: { ...DEMO_PERSONS.fatima, protectedIdentity: true },
    goal: "Jag vill lära mig svenska och få ett jobb inom vården.",
    needs: "SFI, praktik.",
  });
  must(await addTeamMember(db, lena, plan3.planId, maria.id));
  must(
    await recordConsent(db, lena, plan3.planId, {
      ...consentBase,
      organisationIds: [maria.organisationId],
      purpose: "Samordna SFI och arbetsförmedlingens insatser.",
      givenOn: addDays(today, -30),
      validFrom: addDays(today, -30),
      validUntil: addDays(today, 335),
    }),
  );
  await activate(db, lena, plan3, addDays(today, 10));
  // Fatima's plan is followed up with a step on the scale each time; the latest follow-up set the
  // next one beyond three months, with the reason, and after the consent ends (a warning).
  must(
    await recordFollowUp(db, lena, plan3.planId, {
      heldOn: addDays(today, -20),
      reviewed: "Kartläggning klar; SFI har börjat.",
      nextDate: addDays(today, -5),
      intervalReason: null,
      progressionStep: 2,
    }),
  );
  must(
    await recordFollowUp(db, lena, plan3.planId, {
      heldOn: addDays(today, -5),
      reviewed: "SFI går bra; praktikplats i vården söks efter kursen.",
      nextDate: addDays(today, 345),
      intervalReason: "SFI-kursen pågår hela terminen och praktiken kan börja först efter den.",
      progressionStep: 3,
    }),
  );
  must(
    await addAction(db, maria, plan3.planId, {
      responsibleOrganisationId: maria.organisationId,
      responsibleUserId: maria.id,
      description: "SFI kurs C, fyra dagar i veckan",
      startDate: addDays(today, -25),
      dueDate: addDays(today, 150),
      status: "ongoing",
      insatsType: "Studier",
    }),
  );

  // 4. A closed SIP led by Socialtjänsten with the region: went on to work.
  const plan4 = await newPlan(db, anna, {
    kind: "SIP",
    person: { ...DEMO_PERSONS.johan, protectedIdentity: false },
    goal: "Jag vill må bättre och komma tillbaka till jobbet som lagerarbetare.",
    needs: "Psykiatrisk behandling, stöd tillbaka till arbete.",
  });
  must(await addTeamMember(db, anna, plan4.planId, henrik.id));
  must(
    await recordConsent(db, anna, plan4.planId, {
      ...consentBase,
      categories: ["health", "financial_situation"] as never,
      organisationIds: [henrik.organisationId],
      purpose: "Samordna vård och socialtjänstens stöd.",
      givenOn: addDays(today, -400),
      validFrom: addDays(today, -400),
      validUntil: addDays(today, 30),
    }),
  );
  await activate(db, anna, plan4, addDays(today, -200));
  must(
    await addAction(db, henrik, plan4.planId, {
      responsibleOrganisationId: henrik.organisationId,
      responsibleUserId: henrik.id,
      description: "Samtalsbehandling varannan vecka",
      startDate: addDays(today, -380),
      dueDate: addDays(today, -100),
      status: "done",
      insatsType: "Hälsa",
    }),
  );
  const followedUp = must(
    await recordFollowUp(db, anna, plan4.planId, {
      heldOn: addDays(today, -200),
      reviewed: "Behandlingen fungerar; planerar återgång i arbete.",
      nextDate: addDays(today, -110),
      intervalReason: null,
      progressionStep: 4,
    }),
  );
  must(await changePlanStatus(db, anna, plan4.planId, { version: followedUp.version, to: "closed", outcome: "work" }));
}
