// The partnership's plan settings on its admin page (docs/decisions/0022): saved as lists, a
// mistake answered by the field in Swedish with everything typed kept.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { getPartnership } from "~/features/organisations/organisations.server";
import { DEFAULT_PLAN_SETTINGS } from "~/features/organisations/partnership-settings";
import { makePartnership, makeUser, signedInRequest } from "../factories";
import { action as editPartnershipAction } from "../../app/routes/admin.partnerships.$partnershipId";

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "", clientIp: "127.0.0.1" } }) as never;
const form = (fields: Record<string, string>) => ({
  method: "POST",
  body: new URLSearchParams(fields),
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
});
type Reply = {
  init: { status: number };
  data: { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } };
};

describe("plan settings on the partnership's admin page", () => {
  it("start from the defaults and save the interval, the insats types and the scale", async () => {
    const db = getDb();
    const admin = await makeUser(db, { roles: [{ role: "admin" }] });
    const partnership = await makePartnership(db);
    expect(await getPartnership(db, partnership.id)).toMatchObject(DEFAULT_PLAN_SETTINGS);
    const save = async (fields: Record<string, string>) =>
      editPartnershipAction(
        args(
          await signedInRequest(
            admin.id,
            `/admin/partnerships/${partnership.id}`,
            form({ name: partnership.name, answerDays: "30", suppressionK: "3", overdueActionDays: "14", ...fields }),
          ),
          { partnershipId: partnership.id },
        ),
      );
    const saved = (await save({
      maxFollowUpMonths: "2",
      actionTypes: "Kartläggning\n  Praktik \n\nPraktik\nSpråkstöd",
      progressionSteps: "Långt bort\nMittemellan\nNära",
    })) as Response;
    expect(saved.status).toBe(303);
    expect(await getPartnership(db, partnership.id)).toMatchObject({
      maxFollowUpMonths: 2,
      actionTypes: ["Kartläggning", "Praktik", "Språkstöd"],
      progressionSteps: ["Långt bort", "Mittemellan", "Nära"],
    });

    const refused = (await save({
      maxFollowUpMonths: "2",
      actionTypes: "Praktik",
      progressionSteps: "Bara ett steg",
    })) as unknown as Reply;
    expect(refused.init.status).toBe(400);
    expect(refused.data.result.error.progressionSteps).toEqual(["Skala för progression behöver minst 2 rader."]);
    expect(refused.data.result.initialValue.actionTypes).toBe("Praktik");
  });
});
