// The auditor's log review, as the auditor's browser sees it.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { createPlan } from "~/features/plans/plans.server";
import { currentUser, makeOrganisation, makePartnership, makeUser, signedInRequest } from "../factories";
import { caseworkerIn, planSetup, testIdentityNumber } from "../plans";
import { action, loader } from "../../app/routes/audit";

const args = (request: Request) => ({ request, params: {}, context: { cspNonce: "", clientIp: "127.0.0.1" } }) as never;

function form(fields: Record<string, string>) {
  return {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  };
}

async function review(userId: string, fields: Record<string, string>) {
  const reply = await action(args(await signedInRequest(userId, "/audit", form({ intent: "filter", ...fields }))));
  if (!("review" in reply)) throw new Error("the filter was refused");
  return { unknownPerson: reply.review.unknownPerson, result: { total: reply.review.events.total } };
}

describe("log review by identity number", () => {
  it("refuses a malformed number with a field message and keeps what was typed", async () => {
    const db = getDb();
    const auditor = await makeUser(db, { roles: [{ role: "auditor" }] });
    const reply = await action(
      args(await signedInRequest(auditor.id, "/audit", form({ intent: "filter", identityNumber: "19800101-0000" }))),
    );
    const { data: body, init } = reply as unknown as {
      data: { intent: string; result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
      init: { status: number };
    };
    expect(init.status).toBe(400);
    expect(body.intent).toBe("filter");
    expect(body.result.error.identityNumber).toEqual([
      "Ange ett giltigt personnummer eller samordningsnummer (ÅÅÅÅMMDD-NNNN).",
    ]);
    expect(body.result.initialValue.identityNumber).toBe("19800101-0000");
  });

  it("is not open to other roles", async () => {
    const caseworker = await makeUser(getDb());
    const request = await signedInRequest(caseworker.id, "/audit", form({ intent: "verify" }));
    await expect(action(args(request))).rejects.toMatchObject({ status: 404 });
  });

  it("answers only from the auditor's own organisation's log", async () => {
    const db = getDb();
    const partnership = await makePartnership();
    const own = await makeOrganisation(db, { partnershipIds: [partnership.id] });
    const auditor = await makeUser(db, { organisationId: own.id, roles: [{ role: "auditor" }] });
    const ownCaseworker = await currentUser((await makeUser(db, { organisationId: own.id })).id);
    const elsewhere = await caseworkerIn("employment_service", partnership.id);

    const inOwnLog = testIdentityNumber();
    await createPlan(db, ownCaseworker, {
      kind: "GIP",
      person: { identityNumber: inOwnLog, name: "Egen Loggperson", protectedIdentity: false },
    });
    const onlyElsewhere = testIdentityNumber();
    await createPlan(db, elsewhere, {
      kind: "GIP",
      person: { identityNumber: onlyElsewhere, name: "Annan Loggperson", protectedIdentity: false },
    });
    const nowhere = testIdentityNumber();

    const own1 = await review(auditor.id, { identityNumber: inOwnLog });
    expect(own1.unknownPerson).toBe(false);
    expect(own1.result.total).toBeGreaterThan(0);

    // A number known only to another organisation gets the very answer an unknown number gets.
    const other = await review(auditor.id, { identityNumber: onlyElsewhere });
    const unknown = await review(auditor.id, { identityNumber: nowhere });
    expect(other.unknownPerson).toBe(true);
    expect(unknown.unknownPerson).toBe(true);
    expect(other.result.total).toBe(0);
    expect(unknown.result.total).toBe(0);
  });
});

// Moved from plans.test.ts; events now arrive in words (translation keys) instead of codes.
describe("log review", () => {
  async function status(promise: Promise<unknown>) {
    try {
      await promise;
      return 200;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown.status;
      throw thrown;
    }
  }

  it("is for auditors only, and shows only their own organisation's events", async () => {
    const { lead, planId } = await planSetup();
    const caseworker = await makeUser(getDb(), { roles: [{ role: "caseworker" }] });
    expect(await status(loader(args(await signedInRequest(caseworker.id, "/audit"))))).toBe(404);

    const auditor = await makeUser(getDb(), { organisationId: lead.organisationId, roles: [{ role: "auditor" }] });
    const otherAuditor = await makeUser(getDb(), { roles: [{ role: "auditor" }] });
    const own = await action(args(await signedInRequest(auditor.id, "/audit", form({ intent: "filter", planId }))));
    if (!("review" in own)) throw new Error("the filter was refused");
    const events = own.review.events.items.map((e) => e.actionKey);
    expect(events).toEqual(expect.arrayContaining(["audit.actions.plan.create", "audit.actions.person.create"]));
    const other = await action(
      args(await signedInRequest(otherAuditor.id, "/audit", form({ intent: "filter", planId }))),
    );
    if (!("review" in other)) throw new Error("the filter was refused");
    expect(other.review.events.total).toBe(0);
  });

  it("lets the auditor verify the chain", async () => {
    const auditor = await makeUser(getDb(), { roles: [{ role: "auditor" }] });
    const result = await action(args(await signedInRequest(auditor.id, "/audit", form({ intent: "verify" }))));
    if (!("review" in result)) throw new Error("the check was refused");
    expect(result.review.chain?.ok).toBe(true);
  });
});
