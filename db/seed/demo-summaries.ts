// Demo volume for the summaries (issue 7): six terms of synthetic plans and deviations in
// Sjöstad, and one frozen, released summary of the last full term.
import type { DB } from "../client.server";
import { instantBounds, lastFullTerm, trailingPeriods } from "../../app/features/summaries/periods";
import { loadCurrentUser } from "../../app/features/auth/auth.server";
import { freezeSummary, releaseSnapshot } from "../../app/features/summaries/snapshots.server";
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

  const karinId = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "karin.samordnare@demo.samsyn.se")
    .executeTakeFirstOrThrow();
  const karin = await loadCurrentUser(db, karinId.id, "demo-seed");
  if (!karin) throw new Error("seedDemoSummaries: Karin Samordnare is missing from the demo cast");
  const partnership = await db
    .selectFrom("partnerships")
    .select("id")
    .where("name", "=", "Samordningsförbundet Sjöstad")
    .executeTakeFirstOrThrow();
  // The steering group meets early in the following term.
  const frozen = await freezeSummary(db, karin, {
    partnershipId: partnership.id,
    period: last,
    meetingName: `Styrgruppen ${last.label}`,
    meetingDate: addDays(last.end, 45),
  });
  if (!frozen.ok) throw new Error(`seedDemoSummaries: freezing failed (${frozen.error})`);
  const released = await releaseSnapshot(db, karin, frozen.value.id);
  if (!released.ok) throw new Error(`seedDemoSummaries: releasing failed (${released.error})`);
}
