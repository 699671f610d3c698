// Builders for the improvement register's tests: a partnership with its cast, a case closed the
// way an improvement comes from, and rows placed at given dates for hand-computed figures.
import { getDb } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import type { DeviationCategory, ImprovementStatus } from "#db/schema";
import { closeCase, triage } from "~/features/deviations/deviations.server";
import { deviationSetup, okValue, reportCase, sampleReport } from "./deviations";
import { makeUser } from "./factories";

/** deviationSetup's cast plus a manager of the party and a caseworker of the party named as contact. */
export async function improvementSetup() {
  const db = getDb();
  const cast = await deviationSetup();
  const partyManager = await makeUser(db, { organisationId: cast.party.organisationId, roles: [{ role: "manager" }] });
  const namedContact = await makeUser(db, {
    organisationId: cast.party.organisationId,
    roles: [{ role: "caseworker" }],
  });
  return {
    ...cast,
    partyManager: { ...partyManager, grants: [{ role: "manager" as const, partnershipId: null }] },
    namedContact: { ...namedContact, grants: [{ role: "caseworker" as const, partnershipId: null }] },
  };
}

type Cast = Awaited<ReturnType<typeof deviationSetup>>;

/** A case reported, triaged with a de-identified summary and closed with the given outcome. */
export async function closedCase(
  cast: Cast,
  outcome: "improvement_agreed" | "escalated" | "resolved_locally" | null,
): Promise<string> {
  const db = getDb();
  const id = await reportCase(cast.reporter, sampleReport(cast.partnership.id, [cast.party.organisationId]));
  okValue(
    await triage(db, cast.coordinator, id, {
      kind: "between_parties",
      category: "information_transfer",
      consequence: "without_income",
      partyIds: [cast.party.organisationId],
      summary: "Beslut om ersättning nådde inte fram mellan parterna.",
    }),
  );
  if (outcome)
    okValue(
      await closeCase(db, cast.coordinator, id, {
        outcome,
        note: "Parterna inför en gemensam kontrollpunkt.",
        escalationLevel: outcome === "escalated" ? "partnership_board" : undefined,
      }),
    );
  return id;
}

let caseNumber = 10_000;

/** A deviation of the partnership on a date, in a category (what the summary counts). */
export async function deviationOn(
  partnershipId: string,
  reporter: { id: string; organisationId: string },
  eventDate: string,
  category: DeviationCategory,
) {
  await getDb()
    .insertInto("deviations")
    .values({
      id: newId(),
      partnership_id: partnershipId,
      number: caseNumber++,
      event_date: eventDate,
      reporter_id: reporter.id,
      reporter_organisation_id: reporter.organisationId,
      reporter_role: "caseworker",
      kind: "between_parties",
      category,
      consequence: "other",
      description: "Samverkan fungerade inte.",
      status: "submitted",
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .execute();
}

/** An improvement as it stood at given moments, written directly so its dates can be placed. */
export async function improvementAt(input: {
  partnershipId: string;
  ownerOrganisationId: string;
  createdBy: string;
  title: string;
  categories: DeviationCategory[];
  dueDate: string;
  createdAt: string;
  status?: ImprovementStatus;
  doneAt?: string;
  droppedAt?: string;
}) {
  const id = newId();
  await getDb()
    .insertInto("improvements")
    .values({
      id,
      partnership_id: input.partnershipId,
      title: input.title,
      owner_organisation_id: input.ownerOrganisationId,
      owner_contact_id: null,
      due_date: input.dueDate,
      source_kind: "own",
      source_deviation_id: null,
      status: input.status ?? (input.doneAt ? "done" : input.droppedAt ? "dropped" : "open"),
      done_at: input.doneAt ?? null,
      dropped_at: input.droppedAt ?? null,
      created_by: input.createdBy,
      created_at: input.createdAt,
      updated_at: input.createdAt,
    })
    .execute();
  await getDb()
    .insertInto("improvement_categories")
    .values(input.categories.map((category) => ({ improvement_id: id, category })))
    .execute();
  return id;
}
