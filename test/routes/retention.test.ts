// The retention page is the admin's alone and shows no personal data; the register extract is for
// a caseworker who may see the plan, and answers 404 to everyone else.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { makePartnership, makeUser, signedInRequest } from "../factories";
import { caseworkerIn } from "../plans";
import { closedPlan } from "../retention";
import { action as retentionAction, loader as retentionLoader } from "../../app/routes/admin.retention";
import { loader as extractLoader } from "../../app/routes/plans.$planId.extract";
import { loader as extractJson } from "../../app/routes/plans.$planId.extract[.]json";

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "", clientIp: "127.0.0.1" } }) as never;

async function outcome(promise: Promise<unknown>): Promise<{ status: number; body: string }> {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, body: await value.text() };
    const init = (value as { init?: { status?: number } } | null)?.init;
    return { status: init?.status ?? 200, body: JSON.stringify(value) };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: "" };
    throw thrown;
  }
}

const form = (fields: Record<string, string>) => ({
  method: "POST",
  body: new URLSearchParams(fields),
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
});

describe("/admin/retention", () => {
  it("answers 404 to every role but admin, and shows the admin plan numbers, never names or identity numbers", async () => {
    const { planId, identityNumber } = await closedPlan("2014-01-01T10:00:00.000Z");
    const partnership = await makePartnership();
    for (const role of ["caseworker", "coordinator", "contact", "steering", "auditor"] as const) {
      const user = await makeUser(getDb(), {
        roles: [{ role, partnershipId: role === "coordinator" || role === "steering" ? partnership.id : undefined }],
      });
      const seen = await outcome(retentionLoader(args(await signedInRequest(user.id, "/admin/retention"))));
      expect(seen.status).toBe(404);
    }
    const admin = await makeUser(getDb(), { roles: [{ role: "admin" }] });
    const page = await outcome(retentionLoader(args(await signedInRequest(admin.id, "/admin/retention"))));
    expect(page.status).toBe(200);
    expect(page.body).toContain(planId);
    expect(page.body).not.toContain("Gallrad Person");
    expect(page.body).not.toContain(identityNumber);
  });

  it("refuses a purge whose typed number differs from what is due, keeping what was typed", async () => {
    const admin = await makeUser(getDb(), { roles: [{ role: "admin" }] });
    const refused = await outcome(
      retentionAction(args(await signedInRequest(admin.id, "/admin/retention", form({ count: "999" })))),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("999");
    const { planId } = await closedPlan("2014-02-01T10:00:00.000Z");
    expect(await getDb().selectFrom("plans").select("id").where("id", "=", planId).execute()).toHaveLength(1);
  });
});

describe("/plans/:planId/extract", () => {
  it("serves the team's caseworker the page and the file, and 404 to anyone outside the plan", async () => {
    const { planId, lead, partnership } = await closedPlan("2026-01-01T10:00:00.000Z");
    await getDb().updateTable("plans").set({ status: "active" }).where("id", "=", planId).execute();
    const page = await outcome(
      extractLoader(args(await signedInRequest(lead.id, `/plans/${planId}/extract`), { planId })),
    );
    expect(page.status).toBe(200);
    expect(page.body).toContain("Gallrad Person");
    const file = await extractJson(args(await signedInRequest(lead.id, `/plans/${planId}/extract.json`), { planId }));
    expect(file.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="registerutdrag-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(file.headers.get("Cache-Control")).toBe("no-store");

    const outsider = await caseworkerIn("social_services", partnership.id);
    for (const loader of [extractLoader, extractJson]) {
      const denied = await outcome(
        loader(args(await signedInRequest(outsider.id, `/plans/${planId}/extract`), { planId })),
      );
      expect(denied.status).toBe(404);
    }
  });
});
