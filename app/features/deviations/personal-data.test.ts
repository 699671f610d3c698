// Every free text the deviation log stores passes the personal-data guard inside its command:
// a refused text comes back as "personal_data" on its field, and nothing is written.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { deviationSetup, okValue, reportCase, sampleReport } from "../../../test/deviations";
import {
  answer,
  askReporter,
  closeCase,
  replyAsReporter,
  reopen,
  reportDeviation,
  routeToParties,
  triage,
} from "./deviations.server";

type Setup = Awaited<ReturnType<typeof deviationSetup>>;
type Command = (s: Setup, id: string, text: string) => Promise<{ ok: boolean; error?: string; detail?: unknown }>;

// An invented name of the shape the guard refuses, an identity number, an e-mail address and a phone number.
const TEXTS = [
  "Mikael Påhittsson fick vänta.",
  "Gäller 19121212-1212.",
  "Skriv till någon@example.se.",
  "Ring 070-123 45 67.",
];

const triaged = {
  kind: "between_parties" as const,
  category: "other" as const,
  consequence: "other" as const,
  partyIds: [],
};

/** Brings a fresh case to where the command can run, and returns its id. */
async function caseFor(s: Setup, stage: "submitted" | "asked" | "routed" | "closed") {
  const db = getDb();
  const id = await reportCase(s.reporter, sampleReport(s.partnership.id, [s.party.organisationId]));
  if (stage === "asked") okValue(await askReporter(db, s.coordinator, id, "När hände det?"));
  if (stage === "routed")
    okValue(
      await routeToParties(db, s.coordinator, id, {
        organisationIds: [s.party.organisationId],
        answerBy: "2026-12-01",
      }),
    );
  if (stage === "closed")
    okValue(await closeCase(db, s.coordinator, id, { outcome: "not_actionable", note: "Klart." }));
  return id;
}

const COMMANDS: [string, string, "submitted" | "asked" | "routed" | "closed", Command][] = [
  [
    "the report's description",
    "description",
    "submitted",
    (s, _id, text) =>
      reportDeviation(getDb(), s.reporter, { ...sampleReport(s.partnership.id, []), description: text }),
  ],
  [
    "what was tried locally",
    "triedLocally",
    "submitted",
    (s, _id, text) =>
      reportDeviation(getDb(), s.reporter, { ...sampleReport(s.partnership.id, []), triedLocally: text }),
  ],
  [
    "the suggested improvement",
    "suggestedImprovement",
    "submitted",
    (s, _id, text) =>
      reportDeviation(getDb(), s.reporter, { ...sampleReport(s.partnership.id, []), suggestedImprovement: text }),
  ],
  [
    "the triage summary",
    "summary",
    "submitted",
    (s, id, text) => triage(getDb(), s.coordinator, id, { ...triaged, summary: text }),
  ],
  ["a question to the reporter", "body", "submitted", (s, id, text) => askReporter(getDb(), s.coordinator, id, text)],
  ["the reporter's reply", "body", "asked", (s, id, text) => replyAsReporter(getDb(), s.reporter, id, text)],
  ["a contact's answer", "body", "routed", (s, id, text) => answer(getDb(), s.party, id, { body: text })],
  [
    "an answer the coordinator records",
    "body",
    "routed",
    (s, id, text) => answer(getDb(), s.coordinator, id, { organisationId: s.party.organisationId, body: text }),
  ],
  [
    "the closing note",
    "note",
    "submitted",
    (s, id, text) => closeCase(getDb(), s.coordinator, id, { outcome: "resolved_locally", note: text }),
  ],
  ["the reason for reopening", "reason", "closed", (s, id, text) => reopen(getDb(), s.coordinator, id, text)],
];

async function written(s: Setup, id: string) {
  const db = getDb();
  const [cases, events, answers, messages] = await Promise.all([
    db.selectFrom("deviations").select(["id", "version"]).where("reporter_id", "=", s.reporter.id).execute(),
    db.selectFrom("deviation_events").select("id").where("deviation_id", "=", id).execute(),
    db.selectFrom("deviation_answers").select("id").where("deviation_id", "=", id).execute(),
    db.selectFrom("deviation_messages").select("id").where("deviation_id", "=", id).execute(),
  ]);
  return { cases, events: events.length, answers: answers.length, messages: messages.length };
}

describe("the personal-data guard in every command that takes free text", () => {
  it.each(COMMANDS)("checks %s", async (_what, field, stage, command) => {
    const s = await deviationSetup();
    const id = await caseFor(s, stage);
    const before = await written(s, id);
    for (const text of TEXTS) {
      const result = await command(s, id, text);
      expect(result).toMatchObject({ ok: false, error: "personal_data" });
      expect(Object.keys(result.detail as object)).toEqual([field]);
    }
    expect(await written(s, id)).toEqual(before);
    // The same command with a clean text goes through.
    expect(await command(s, id, "Beslutet nådde inte fram mellan parterna.")).toMatchObject({ ok: true });
  });
});
