import { getDb } from "#db/client.server";
import type { OrganisationKind, Role } from "#db/schema";
import type { CurrentUser } from "~/features/access/current-user";
import { reportDeviation } from "~/features/deviations/deviations.server";
import type { Result } from "~/lib/result";
import { makeOrganisation, makePartnership, makeUser } from "./factories";

/** A partnership with a coordinator, a steering member, a reporting caseworker and a party with a contact. */
export async function deviationSetup() {
  const db = getDb();
  const partnership = await makePartnership();
  const member = async (kind: OrganisationKind, role: Role, opts: { partnership?: boolean } = {}) => {
    const org = await makeOrganisation(db, { kind, partnershipIds: [partnership.id] });
    const user = await makeUser(db, {
      organisationId: org.id,
      roles: [{ role, partnershipId: opts.partnership ? partnership.id : undefined }],
    });
    return { ...user, grants: [{ role, partnershipId: opts.partnership ? partnership.id : null }], org };
  };
  const reporter = await member("social_services", "caseworker");
  const coordinator = await member("partnership_office", "coordinator", { partnership: true });
  const steering = await member("social_services", "steering", { partnership: true });
  const party = await member("employment_service", "contact");
  return { partnership, reporter, coordinator, steering, party };
}

export const sampleReport = (partnershipId: string, partyIds: string[]) => ({
  partnershipId,
  eventDate: "2026-10-01",
  kind: "between_parties" as const,
  category: "information_transfer" as const,
  consequence: "without_income" as const,
  partyIds,
  description: "Beslutet skickades aldrig mellan parterna och försörjningen stoppades.",
  triedLocally: "Ringde handläggaren.",
  suggestedImprovement: "Gemensam funktionsbrevlåda.",
});

/** Files a report through the command and returns its id; a refusal fails the test. */
export async function reportCase(
  user: Pick<CurrentUser, "id" | "organisationId" | "grants">,
  input: Parameters<typeof reportDeviation>[2],
): Promise<string> {
  const result = await reportDeviation(getDb(), user, input);
  if (!result.ok) throw new Error(`report refused: ${result.error}`);
  return result.value.id;
}

/** The value of a command's result; a failure fails the test with its name. */
export function okValue<T>(result: Result<T, string, unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error}`);
  return result.value;
}
