// Demo deviations (issue 6): cases in every status over the last four terms, built with
// the app's own feature functions, then dated back so the history reads like real life.
import type { DB } from "../client.server";
import { loadCurrentUser } from "../../app/features/auth/auth.server";
import {
  answer,
  askReporter,
  closeCase,
  publish,
  replyAsReporter,
  reportDeviation,
  routeToParties,
  syncAnswerFacts,
  triage,
} from "../../app/features/deviations/deviations.server";
import type { Result } from "../../app/lib/result";
import { addDays, todayInStockholm } from "../../app/lib/time";

async function user(db: DB, email: string) {
  const row = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const found = await loadCurrentUser(db, row.id, "seed");
  if (!found) throw new Error(`demo user ${email} is disabled`);
  return found;
}

/** The demo is written to pass every rule; a refusal is a bug in the demo text. */
function expectOk<T>(result: Result<T, string, unknown>, what: string): T {
  if (!result.ok) throw new Error(`demo deviation: ${what} refused (${result.error})`);
  return result.value;
}

async function ids(db: DB, names: string[]) {
  const rows = await db.selectFrom("organisations").select(["id", "name"]).where("name", "in", names).execute();
  return names.map((n) => rows.find((r) => r.name === n)!.id);
}

type Stage = "submitted" | "in_review" | "awaiting_response" | "answered" | "closed";

interface DemoCase {
  reporter: string;
  daysAgo: number;
  kind: "between_parties" | "routine";
  category:
    | "rules_and_law"
    | "responsibility"
    | "capacity"
    | "information_transfer"
    | "availability"
    | "waiting_time"
    | "it_systems"
    | "other";
  consequence:
    "without_income" | "delayed_measure" | "sent_between_parties" | "measure_ended" | "health_risk" | "other";
  parties: string[];
  /** A routine case: whose routine was not followed, if not the reporter's own organisation. */
  routineOrganisation?: string;
  description: string;
  summary: string;
  stage: Stage;
  answers?: string[];
  outcome?: "resolved_locally" | "improvement_agreed" | "escalated" | "not_actionable";
  escalationLevel?: "organisation" | "partnership_board" | "national";
  note?: string;
  published?: boolean;
  question?: [string, string];
}

const AF = "Arbetsförmedlingen Sjöstad";
const FK = "Försäkringskassan Sjöstad";
const SOC = "Sjöstads kommun – Socialtjänsten";
const AME = "Sjöstads kommun – Arbetsmarknadsenheten";
const VUX = "Sjöstads kommun – Vuxenutbildningen";
const REG = "Region Sjöland – Vuxenpsykiatrin";

const SJOSTAD: DemoCase[] = [
  {
    reporter: "anna.handlaggare",
    daysAgo: 5,
    kind: "between_parties",
    category: "information_transfer",
    consequence: "without_income",
    parties: [AF, SOC],
    description:
      "Personen skrevs ut från Arbetsförmedlingens program utan att socialtjänsten fick besked. Försörjningsstödet stoppades eftersom aktivitetsrapporten saknades.",
    summary: "Utskrivning från program meddelades inte socialtjänsten; försörjningen avbröts i tre veckor.",
    stage: "awaiting_response",
  },
  {
    reporter: "omar.coach",
    daysAgo: 12,
    kind: "between_parties",
    category: "waiting_time",
    consequence: "delayed_measure",
    parties: [REG, AME],
    description: "Arbetsträningen kunde inte starta eftersom läkarintyget dröjde sex veckor.",
    summary: "Sex veckors väntan på läkarintyg försenade arbetsträning.",
    stage: "submitted",
  },
  {
    reporter: "maria.vux",
    daysAgo: 20,
    kind: "routine",
    category: "responsibility",
    consequence: "delayed_measure",
    parties: [VUX, SOC],
    routineOrganisation: SOC,
    description: "GIP erbjöds inte trots att personen hade insatser från tre parter.",
    summary: "",
    stage: "submitted",
  },
  {
    reporter: "lena.af",
    daysAgo: 35,
    kind: "between_parties",
    category: "rules_and_law",
    consequence: "sent_between_parties",
    parties: [FK, AF],
    description:
      "Personen bedömdes för sjuk för arbetsmarknadsinsatser men för frisk för sjukpenning. Ingen part ville ta ansvar.",
    summary: "Personen hamnade mellan sjukpenning och arbetsmarknadsinsatser (klassiskt Lex Heller-fall).",
    stage: "in_review",
    question: ["Hur länge var personen utan ersättning?", "Ungefär två månader innan ärendet löstes."],
  },
  {
    reporter: "henrik.psykiatri",
    daysAgo: 48,
    kind: "between_parties",
    category: "availability",
    consequence: "health_risk",
    parties: [SOC, REG],
    description: "Socialtjänsten gick inte att nå under en akut situation en fredag eftermiddag.",
    summary: "Socialtjänsten var inte nåbar för samverkan fredag eftermiddag vid akut läge.",
    stage: "in_review",
  },
  {
    reporter: "omar.coach",
    daysAgo: 70,
    kind: "between_parties",
    category: "capacity",
    consequence: "measure_ended",
    parties: [AF, AME],
    description: "Insatsen avbröts eftersom handläggaren på Arbetsförmedlingen byttes och ingen tog över ärendet.",
    summary: "Byte av handläggare ledde till att insatsen avbröts utan överlämning.",
    stage: "awaiting_response",
  },
  {
    reporter: "anna.handlaggare",
    daysAgo: 95,
    kind: "between_parties",
    category: "it_systems",
    consequence: "delayed_measure",
    parties: [AF, SOC],
    description:
      "Det digitala samtycket kunde inte läsas av Arbetsförmedlingens system, så informationen skickades inte.",
    summary: "Samtycket kunde inte tas emot digitalt; informationsöverföringen stannade.",
    stage: "awaiting_response",
  },
  {
    reporter: "lena.af",
    daysAgo: 120,
    kind: "between_parties",
    category: "information_transfer",
    consequence: "delayed_measure",
    parties: [VUX, AF],
    description: "Intyg om studier kom inte fram till Arbetsförmedlingen i tid.",
    summary: "Studieintyg nådde inte Arbetsförmedlingen i tid.",
    stage: "answered",
    answers: ["Vuxenutbildningen skickar nu intyg direkt via den gemensamma funktionsbrevlådan."],
    published: true,
  },
  {
    reporter: "maria.vux",
    daysAgo: 150,
    kind: "routine",
    category: "responsibility",
    consequence: "delayed_measure",
    parties: [SOC],
    routineOrganisation: SOC,
    description: "Uppföljningen av den gemensamma planen missades eftersom ingen var utsedd som planeringsansvarig.",
    summary: "Uppföljning missades när planeringsansvarig saknades.",
    stage: "in_review",
    question: ["Vilken rutin för planeringsansvar gällde då?", "Rutinen för GIP från 2022, avsnittet om ansvar."],
  },
  {
    reporter: "henrik.psykiatri",
    daysAgo: 175,
    kind: "between_parties",
    category: "waiting_time",
    consequence: "health_risk",
    parties: [FK, REG],
    description: "Försäkringskassans handläggningstid gjorde att personen stod utan ersättning under behandling.",
    summary: "Lång handläggningstid hos Försäkringskassan under pågående behandling.",
    stage: "answered",
    answers: ["Försäkringskassan har infört en kontaktväg för samordningsärenden."],
  },
  {
    reporter: "omar.coach",
    daysAgo: 210,
    kind: "between_parties",
    category: "responsibility",
    consequence: "sent_between_parties",
    parties: [AF, AME, SOC],
    description: "Tre parter hänvisade till varandra om vem som skulle betala arbetsträningen.",
    summary: "Oklart betalningsansvar för arbetsträning mellan tre parter.",
    stage: "closed",
    answers: [
      "Arbetsmarknadsenheten står för kostnaden första tre månaderna.",
      "Arbetsförmedlingen tar över efter tre månader enligt överenskommelse.",
    ],
    outcome: "improvement_agreed",
    note: "Parterna har kommit överens om en kostnadsfördelning som gäller från nästa termin.",
    published: true,
  },
  {
    reporter: "anna.handlaggare",
    daysAgo: 260,
    kind: "routine",
    category: "capacity",
    consequence: "delayed_measure",
    parties: [SOC],
    description: "SIP-möte kunde inte hållas inom rimlig tid på grund av personalbrist.",
    summary: "Personalbrist försenade SIP-möte.",
    stage: "closed",
    outcome: "resolved_locally",
    note: "Tillfällig förstärkning gav möjlighet att hålla mötet; rutinen för ersättare är uppdaterad.",
  },
  {
    reporter: "lena.af",
    daysAgo: 300,
    kind: "between_parties",
    category: "rules_and_law",
    consequence: "without_income",
    parties: [FK, SOC],
    description: "Reglerna för samordning av ersättningar gjorde att personen stod utan ersättning i en månad.",
    summary: "Regelkrock mellan ersättningssystem gav en månad utan ersättning.",
    stage: "closed",
    answers: ["Frågan ligger utanför vår lokala rådighet."],
    outcome: "escalated",
    escalationLevel: "national",
    note: "Ärendet är lyft till nationell nivå via förbundsstyrelsen.",
  },
  {
    reporter: "maria.vux",
    daysAgo: 340,
    kind: "between_parties",
    category: "other",
    consequence: "other",
    parties: [AME],
    description: "Schemat för praktik och studier krockade och ingen samordnade.",
    summary: "Praktik och studier krockade schematekniskt.",
    stage: "closed",
    outcome: "not_actionable",
    note: "Situationen gick inte att åtgärda i efterhand; vi tar med det i planeringen framåt.",
  },
];

const ALVBYGD: DemoCase[] = [
  {
    reporter: "jonas.samordnare",
    daysAgo: 15,
    kind: "between_parties",
    category: "information_transfer",
    consequence: "delayed_measure",
    parties: ["Arbetsförmedlingen Älvbygd"],
    description: "Remiss mellan kommun och Arbetsförmedlingen försvann.",
    summary: "",
    stage: "submitted",
  },
  {
    reporter: "jonas.samordnare",
    daysAgo: 60,
    kind: "routine",
    category: "responsibility",
    consequence: "delayed_measure",
    parties: ["Älvbygds kommun – Socialtjänsten"],
    routineOrganisation: "Älvbygds kommun – Socialtjänsten",
    description: "Uppföljning missades.",
    summary: "Uppföljning missades.",
    stage: "in_review",
  },
  {
    reporter: "jonas.samordnare",
    daysAgo: 200,
    kind: "between_parties",
    category: "waiting_time",
    consequence: "delayed_measure",
    parties: ["Arbetsförmedlingen Älvbygd"],
    description: "Lång väntan på insats.",
    summary: "Lång väntan på insats.",
    stage: "closed",
    outcome: "resolved_locally",
    note: "Löst.",
  },
];

async function managerOf(db: DB, organisationId: string) {
  const row = await db
    .selectFrom("users")
    .innerJoin("role_grants", "role_grants.user_id", "users.id")
    .select("users.email")
    .where("users.organisation_id", "=", organisationId)
    .where("role_grants.role", "=", "manager")
    .executeTakeFirstOrThrow();
  return user(db, row.email);
}

async function seedCases(db: DB, partnershipName: string, coordinatorEmail: string, cases: DemoCase[]) {
  const partnership = await db
    .selectFrom("partnerships")
    .select(["id", "answer_days"])
    .where("name", "=", partnershipName)
    .executeTakeFirstOrThrow();
  const partnershipCoordinator = await user(db, coordinatorEmail);
  const today = todayInStockholm();
  for (const c of cases) {
    const reporter = await user(db, `${c.reporter}@demo.samsyn.se`);
    const eventDate = addDays(today, -c.daysAgo);
    const partyIds = await ids(db, c.parties);
    // A routine case is handled by the managers of the organisation whose routine was not followed.
    const routineOrganisationId =
      c.kind === "routine"
        ? c.routineOrganisation
          ? (await ids(db, [c.routineOrganisation]))[0]
          : reporter.organisationId
        : undefined;
    const coordinator = routineOrganisationId ? await managerOf(db, routineOrganisationId) : partnershipCoordinator;
    const { id } = expectOk(
      await reportDeviation(db, reporter, {
        partnershipId: partnership.id,
        eventDate,
        kind: c.kind,
        routineOrganisationId,
        category: c.category,
        consequence: c.consequence,
        partyIds,
        description: c.description,
        triedLocally: "",
        suggestedImprovement: "",
      }),
      "report",
    );
    if (c.stage !== "submitted") {
      expectOk(
        await triage(db, coordinator, id, {
          kind: c.kind,
          category: c.category,
          consequence: c.consequence,
          partyIds,
          summary: c.summary,
        }),
        "triage",
      );
      if (c.question) {
        expectOk(await askReporter(db, coordinator, id, c.question[0]), "question");
        expectOk(await replyAsReporter(db, reporter, id, c.question[1]), "reply");
      }
    }
    if (
      !routineOrganisationId &&
      ["awaiting_response", "answered", "closed"].includes(c.stage) &&
      (c.answers || c.stage === "awaiting_response")
    ) {
      expectOk(
        await routeToParties(db, coordinator, id, {
          organisationIds: partyIds,
          answerBy: addDays(eventDate, 2 + partnership.answer_days),
        }),
        "routing",
      );
      const answers = [
        ...(c.answers ?? []),
        ...(c.answers ? partyIds.slice(c.answers.length).map(() => "Vi instämmer i sammanfattningen.") : []),
      ];
      for (const [i, text] of answers.entries()) {
        expectOk(
          await answer(db, coordinator, id, { organisationId: partyIds[i % partyIds.length], body: text }),
          "answer",
        );
      }
    }
    if (c.published) expectOk(await publish(db, coordinator, id, true), "publishing");
    if (c.stage === "closed")
      expectOk(
        await closeCase(db, coordinator, id, {
          outcome: c.outcome!,
          note: c.note ?? "",
          escalationLevel: c.escalationLevel,
        }),
        "closing",
      );

    // Date the case back to when it happened: reported two days after, answered a few weeks later.
    const at = (days: number) => `${addDays(eventDate, days)}T09:00:00.000Z`;
    await db
      .updateTable("deviations")
      .set({
        created_at: at(2),
        updated_at: at(3),
        routed_at: c.stage === "awaiting_response" || c.answers ? at(4) : null,
        closed_at: c.stage === "closed" ? at(60) : null,
        published_at: c.published ? at(50) : null,
      })
      .where("id", "=", id)
      .execute();
    await db
      .updateTable("deviation_routes")
      .set({ routed_at: at(4), answered_at: c.answers ? at(4 + 12 + (c.daysAgo % 20)) : null })
      .where("deviation_id", "=", id)
      .execute();
    await db
      .updateTable("deviations")
      .set({ reviewed_at: c.stage === "submitted" ? null : at(3) })
      .where("id", "=", id)
      .execute();
    await syncAnswerFacts(db, id);
    await db
      .updateTable("deviation_answers")
      .set({ created_at: at(16 + (c.daysAgo % 20)) })
      .where("deviation_id", "=", id)
      .execute();
  }
}

export async function seedDemoDeviations(db: DB): Promise<void> {
  await seedCases(db, "Samordningsförbundet Sjöstad", "karin.samordnare@demo.samsyn.se", SJOSTAD);
  await seedCases(db, "Samordningsförbundet Älvbygd", "jonas.samordnare@demo.samsyn.se", ALVBYGD);
}
