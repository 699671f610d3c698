// A partnership with two organisations and a caseworker, for summary figures counted by hand.
import { getDb } from "#db/client.server";
import { makeOrganisation, makePartnership, makeUser } from "./factories";

export async function summarySetup(k = 2) {
  const db = getDb();
  const partnership = await makePartnership();
  await db.updateTable("partnerships").set({ suppression_k: k }).where("id", "=", partnership.id).execute();
  const soc = await makeOrganisation(db, { kind: "social_services", partnershipIds: [partnership.id] });
  const af = await makeOrganisation(db, { kind: "employment_service", partnershipIds: [partnership.id] });
  const user = await makeUser(db, { organisationId: soc.id });
  return { db, partnership, soc, af, user };
}
