import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { deviationSetup, sampleReport } from "../../test/deviations";
import { signedInRequest } from "../../test/factories";
import { reportDeviation } from "~/features/deviations/deviations.server";
import { neutralise } from "~/lib/csv.server";
import { action as caseAction, loader as caseLoader } from "./deviations.$deviationId";
import { loader as exportLoader } from "./deviations.export[.]csv";
import { action as newAction, loader as newLoader } from "./deviations.new";
import { planSetup } from "../../test/plans";

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "", clientIp: "127.0.0.1" } }) as never;

function post(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
  return { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } };
}

async function settle(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, response: value };
    const v = value as { init?: { status?: number }; data?: unknown };
    return { status: v?.init?.status ?? 200, body: v?.data ?? value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, response: thrown };
    throw thrown;
  }
}

describe("reporting a deviation", () => {
  it("refuses personal data, says which part and why, and keeps the draft", async () => {
    const { partnership, reporter } = await deviationSetup();
    const description = "Personen 19121212-1212 fick ingen ersättning, ring 070-123 45 67.";
    const result = await settle(
      newAction(
        args(
          await signedInRequest(
            reporter.id,
            "/deviations/new",
            post({ ...sampleReport(partnership.id, []), partyIds: [], description }),
          ),
        ),
      ),
    );
    expect(result.status).toBe(400);
    const body = result.body as { error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(body.error.description).toEqual([
      "”19121212-1212” liknar ett personnummer eller samordningsnummer.",
      "”070-123 45 67” liknar ett telefonnummer.",
      "Avvikelser får inte innehålla personuppgifter. Ta bort det och försök igen.",
    ]);
    expect(body.initialValue.description).toBe(description);
    expect(body.initialValue.triedLocally).toBe("Ringde handläggaren.");
    expect(
      await getDb().selectFrom("deviations").select("id").where("reporter_id", "=", reporter.id).execute(),
    ).toEqual([]);
  });

  it("accepts a clean report to the reporter's own partnership only", async () => {
    const { partnership, reporter } = await deviationSetup();
    const other = await deviationSetup();
    const foreign = await settle(
      newAction(
        args(
          await signedInRequest(
            reporter.id,
            "/deviations/new",
            post({ ...sampleReport(other.partnership.id, []), partyIds: [] }),
          ),
        ),
      ),
    );
    expect(foreign.status).toBe(400);
    const ok = await settle(
      newAction(
        args(
          await signedInRequest(
            reporter.id,
            "/deviations/new",
            post({ ...sampleReport(partnership.id, []), partyIds: [] }),
          ),
        ),
      ),
    );
    expect(ok.status).toBe(303);
    expect(ok.response?.headers.get("Location")).toBe("/deviations/mine");
  });
});

describe("a suggested deviation", () => {
  it("opens the form prefilled as a routine deviation, linked to a plan the user may see, never filed by itself", async () => {
    const { lead, planId } = await planSetup();
    const result = (await newLoader(
      args(await signedInRequest(lead.id, `/deviations/new?suggestion=meeting_absence&planId=${planId}`)),
    )) as { defaults: Record<string, string | undefined> };
    expect(result.defaults).toMatchObject({ kind: "routine", planId });
    expect(result.defaults.description).toContain("En kallad part tackade nej");
    expect(await getDb().selectFrom("deviations").select("id").where("reporter_id", "=", lead.id).execute()).toEqual(
      [],
    );
    const stranger = await planSetup();
    const foreign = (await newLoader(
      args(await signedInRequest(stranger.lead.id, `/deviations/new?suggestion=overdue_action&planId=${planId}`)),
    )) as { defaults: Record<string, string | undefined> };
    expect(foreign.defaults.planId).toBeUndefined();
  });
});

describe("the case page", () => {
  it("answers 404 to strangers and to roles acting outside their part", async () => {
    const db = getDb();
    const { partnership, reporter, party, steering } = await deviationSetup();
    const stranger = await deviationSetup();
    const id = await reportDeviation(db, reporter, sampleReport(partnership.id, [party.organisationId]));
    expect(
      (
        await settle(
          caseLoader(args(await signedInRequest(stranger.coordinator.id, `/deviations/${id}`), { deviationId: id })),
        )
      ).status,
    ).toBe(404);
    expect(
      (await settle(caseLoader(args(await signedInRequest(steering.id, `/deviations/${id}`), { deviationId: id }))))
        .status,
    ).toBe(404);
    // The reporter may read their case but not triage it.
    const triage = await settle(
      caseAction(
        args(
          await signedInRequest(
            reporter.id,
            `/deviations/${id}`,
            post({ intent: "triage", kind: "routine", category: "other", consequence: "other", summary: "x" }),
          ),
          { deviationId: id },
        ),
      ),
    );
    expect(triage.status).toBe(404);
  });

  it("applies the personal-data guard to the coordinator's summary too", async () => {
    const db = getDb();
    const { partnership, reporter, coordinator } = await deviationSetup();
    const id = await reportDeviation(db, reporter, sampleReport(partnership.id, []));
    const result = await settle(
      caseAction(
        args(
          await signedInRequest(
            coordinator.id,
            `/deviations/${id}`,
            post({
              intent: "triage",
              kind: "routine",
              category: "other",
              consequence: "other",
              summary: "Kontakta anna@example.se",
            }),
          ),
          { deviationId: id },
        ),
      ),
    );
    expect(result.status).toBe(400);
    expect((result.body as { result: { error: Record<string, string[]> } }).result.error.summary[0]).toBe(
      "”anna@example.se” är en e-postadress.",
    );
  });
});

describe("CSV export", () => {
  it("neutralises formula cells", () => {
    expect(["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "vanlig text", "3"].map(neutralise)).toEqual([
      "'=SUM(A1)",
      "'+1",
      "'-2",
      "'@cmd",
      "'\tx",
      "vanlig text",
      "3",
    ]);
  });

  it("is UTF-8 with a BOM, for the coordinator's own partnership only, and carries no reporter", async () => {
    const db = getDb();
    const { partnership, reporter, coordinator } = await deviationSetup();
    const other = await deviationSetup();
    const id = await reportDeviation(db, reporter, sampleReport(partnership.id, []));
    await caseAction(
      args(
        await signedInRequest(
          coordinator.id,
          `/deviations/${id}`,
          post({
            intent: "triage",
            kind: "routine",
            category: "other",
            consequence: "other",
            summary: '=HYPERLINK("http://evil")',
          }),
        ),
        { deviationId: id },
      ),
    );

    const response = (await exportLoader(
      args(await signedInRequest(coordinator.id, "/deviations/export.csv")),
    )) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await response.text();
    expect(text).toContain("'=HYPERLINK");
    expect(text).not.toContain(reporter.email);
    expect(text.split("\r\n")[0]).toContain("Nr;Status;Händelsedatum");

    const denied = await settle(
      exportLoader(
        args(await signedInRequest(other.coordinator.id, `/deviations/export.csv?partnershipId=${partnership.id}`)),
      ),
    );
    expect(denied.status).toBe(404);
    const caseworker = await settle(exportLoader(args(await signedInRequest(reporter.id, "/deviations/export.csv"))));
    expect(caseworker.status).toBe(404);
  });
});
