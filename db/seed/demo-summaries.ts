// Demo volume for the summaries (issue 7): six terms of synthetic plans and deviations in
// Sjöstad, and one frozen, released summary of the last full term.
import type { DB } from "../client.server";
import { instantBounds, lastFullTerm, trailingPeriods } from "../../app/features/summaries/periods";
import { freezeSnapshot, releaseSnapshot } from "../../app/features/summaries/snapshots.server";
import { computeSummary } from "../../app/features/summaries/summaries.server";
import { addDays } from "../../app/lib/time";
import { seedVolume } from "./volume";

export async function seedDemoSummaries(db: DB): Promise<void> {
  const last = lastFullTerm();
  const sixTerms = trailingPeriods(last, 6);
  await seedVolume(db, {
    partnershipName: "Samordningsförbundet Sjöstad",
    deviations: 420,
    plans: 320,
    fromMs: Date.parse(instantBounds(sixTerms[0]).from),
    toMs: Date.now(),
    seed: 7,
  });

  const karin = await db
    .selectFrom("users")
    .select(["id", "organisation_id"])
    .where("email", "=", "karin.samordnare@demo.samsyn.se")
    .executeTakeFirstOrThrow();
  const partnership = await db
    .selectFrom("partnerships")
    .select("id")
    .where("name", "=", "Samordningsförbundet Sjöstad")
    .executeTakeFirstOrThrow();
  const user = { id: karin.id, organisationId: karin.organisation_id };
  const figures = await computeSummary(db, partnership.id, last);
  // The steering group meets early in the following term.
  const meetingDate = addDays(last.end, 45);
  const id = await freezeSnapshot(db, user, {
    partnershipId: partnership.id,
    figures,
    meetingName: `Styrgruppen ${last.label}`,
    meetingDate,
  });
  await releaseSnapshot(db, user, id);
}
