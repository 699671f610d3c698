import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import { deviationSetup, reportCase, sampleReport } from "../deviations";
import { makeOrganisation, signedInRequest } from "../factories";
import { neutralise } from "~/lib/csv.server";
import { action as caseAction, loader as caseLoader } from "../../app/routes/deviations.$deviationId";
import { loader as exportLoader } from "../../app/routes/deviations.export[.]csv";
import { loader as indexLoader } from "../../app/routes/deviations._index";
import { action as newAction, loader as newLoader } from "../../app/routes/deviations.new";
import { planSetup } from "../plans";

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
    const body = (result.body as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } })
      .result;
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
  it("opens the form prefilled, linked to a plan the user may see, never filed by itself", async () => {
    const { lead, planId } = await planSetup();
    const result = (await newLoader(
      args(await signedInRequest(lead.id, `/deviations/new?suggestion=meeting_absence&planId=${planId}`)),
    )) as unknown as { defaults: Record<string, string | undefined> };
    // A summoned party that stayed away is a matter between the parties.
    expect(result.defaults).toMatchObject({ kind: "between_parties", planId });
    expect(result.defaults.description).toContain("En kallad part tackade nej");
    expect(await getDb().selectFrom("deviations").select("id").where("reporter_id", "=", lead.id).execute()).toEqual(
      [],
    );
    const stranger = await planSetup();
    const foreign = (await newLoader(
      args(await signedInRequest(stranger.lead.id, `/deviations/new?suggestion=overdue_action&planId=${planId}`)),
    )) as unknown as { defaults: Record<string, string | undefined> };
    expect(foreign.defaults.planId).toBeUndefined();
  });

  it("after a missed meeting prefills the meeting's date and ticks the absent party (issue 17, item 8)", async () => {
    const db = getDb();
    const { partnership, lead, planId } = await planSetup();
    const absent = await makeOrganisation(db, { kind: "employment_service", partnershipIds: [partnership.id] });
    const meetingId = newId();
    await db
      .insertInto("meetings")
      .values({
        id: meetingId,
        plan_id: planId,
        organiser_id: lead.id,
        starts_at: "2026-11-10T23:30:00.000Z",
        duration_minutes: 60,
        purpose: "Planering",
        agenda: "",
        status: "held",
        sequence: 0,
        summons_sent_at: "2026-11-01T08:00:00.000Z",
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    const query = new URLSearchParams({ suggestion: "meeting_absence", planId, meetingId, organisationId: absent.id });
    const result = (await newLoader(args(await signedInRequest(lead.id, `/deviations/new?${query}`)))) as {
      defaults: Record<string, unknown>;
    };
    // 23:30 UTC on 10 November is 00:30 on 11 November in Stockholm.
    expect(result.defaults).toMatchObject({ kind: "between_parties", eventDate: "2026-11-11", partyIds: [absent.id] });
    // Someone who may not see the plan gets neither the date nor the party.
    const stranger = await planSetup();
    const foreign = (await newLoader(args(await signedInRequest(stranger.lead.id, `/deviations/new?${query}`)))) as {
      defaults: Record<string, unknown>;
    };
    expect(foreign.defaults.eventDate).not.toBe("2026-11-11");
    expect(foreign.defaults.partyIds).toEqual([]);
  });
});

describe("the case page", () => {
  it("answers 404 to strangers and to roles acting outside their part", async () => {
    const { partnership, reporter, party, steering } = await deviationSetup();
    const stranger = await deviationSetup();
    const id = await reportCase(reporter, sampleReport(partnership.id, [party.organisationId]));
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
    const { partnership, reporter, coordinator } = await deviationSetup();
    const id = await reportCase(reporter, sampleReport(partnership.id, []));
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
    const { partnership, reporter, coordinator } = await deviationSetup();
    const other = await deviationSetup();
    const id = await reportCase(reporter, sampleReport(partnership.id, []));
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

describe("the personal-data guard is no existence oracle (issue 11, item 3)", () => {
  // What a writer is told about a text: its status and messages, with the name itself blanked out.
  async function reportAs(userId: string, partnershipId: string, description: string, name: string) {
    const result = await settle(
      newAction(
        args(
          await signedInRequest(userId, "/deviations/new", post({ ...sampleReport(partnershipId, []), description })),
        ),
      ),
    );
    return { status: result.status, answer: JSON.stringify(result.body ?? null).replaceAll(name, "NAMN") };
  }

  it("answers a real name on a plan the writer may not see exactly as an invented name of the same shape", async () => {
    await planSetup("Mikael Provsson");
    const { partnership, coordinator } = await deviationSetup();
    const real = await reportAs(
      coordinator.id,
      partnership.id,
      "Mikael Provsson fick vänta i tre månader.",
      "Mikael Provsson",
    );
    const invented = await reportAs(
      coordinator.id,
      partnership.id,
      "Mikael Påhittsson fick vänta i tre månader.",
      "Mikael Påhittsson",
    );
    expect(real).toEqual(invented);
    expect(real.status).toBe(400);
    expect(real.answer).not.toContain("i Samsyn");
    expect(
      await getDb().selectFrom("deviations").select("id").where("reporter_id", "=", coordinator.id).execute(),
    ).toEqual([]);
  });

  it("says nothing about a real name that is not name-shaped, written by someone who may not see its plan", async () => {
    await planSetup("Ytterligare Exempelperson");
    const { partnership, coordinator } = await deviationSetup();
    const result = await reportAs(
      coordinator.id,
      partnership.id,
      "Ärendet om ytterligare exempelperson dröjde.",
      "ytterligare exempelperson",
    );
    expect(result.status).toBe(303);
  });

  it("refuses the name of a person on the writer's own plan, in any case", async () => {
    const { lead, partnership } = await planSetup("Ytterligare Exempelperson");
    const result = await reportAs(
      lead.id,
      partnership.id,
      "Ärendet om ytterligare exempelperson dröjde.",
      "ytterligare exempelperson",
    );
    expect(result.status).toBe(400);
  });

  it("checks the reason for reopening a case too", async () => {
    const db = getDb();
    const { partnership, reporter, coordinator } = await deviationSetup();
    const id = await reportCase(reporter, sampleReport(partnership.id, []));
    const act = async (fields: Record<string, string>) =>
      settle(
        caseAction(args(await signedInRequest(coordinator.id, `/deviations/${id}`, post(fields)), { deviationId: id })),
      );
    expect((await act({ intent: "close", outcome: "resolved_locally", note: "Löst lokalt." })).status).toBe(303);
    const refused = await act({ intent: "reopen", reason: "Ring 070-123 45 67 för mer information." });
    expect(refused.status).toBe(400);
    const row = await db.selectFrom("deviations").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("closed");
  });
});

describe("contacts and steering members read the summary, never the reporter's text (issue 11, item 7)", () => {
  const RAW = ["Beslutet skickades aldrig", "Ringde handläggaren", "Gemensam funktionsbrevlåda"];

  async function caseAs(userId: string, id: string) {
    const result = await settle(
      caseLoader(args(await signedInRequest(userId, `/deviations/${id}`), { deviationId: id })),
    );
    expect(result.status).toBe(200);
    return result.body as { theCase: { summary: string } };
  }

  it("shows a contact no raw text before the summary is written, and only the summary after", async () => {
    const { partnership, reporter, coordinator, steering, party } = await deviationSetup();
    const id = await reportCase(reporter, sampleReport(partnership.id, [party.organisationId]));
    const act = async (fields: Record<string, string | string[]>) =>
      settle(
        caseAction(args(await signedInRequest(coordinator.id, `/deviations/${id}`, post(fields)), { deviationId: id })),
      );
    // Routed after a question only: no summary yet.
    expect((await act({ intent: "ask", body: "När hände det?" })).status).toBe(303);
    expect(
      (await act({ intent: "route", organisationIds: [party.organisationId], answerBy: "2026-12-01" })).status,
    ).toBe(303);
    const before = await caseAs(party.id, id);
    expect(before.theCase.summary).toBe("");
    for (const raw of RAW) expect(JSON.stringify(before)).not.toContain(raw);

    const summary = "Beslut nådde inte fram mellan parterna.";
    expect(
      (
        await act({
          intent: "triage",
          kind: "between_parties",
          category: "information_transfer",
          consequence: "without_income",
          partyIds: [party.organisationId],
          summary,
        })
      ).status,
    ).toBe(303);
    expect(
      (await act({ intent: "answer", organisationId: party.organisationId, body: "Vi ses över rutinen." })).status,
    ).toBe(303);
    expect((await act({ intent: "publish" })).status).toBe(303);
    for (const viewer of [party, steering]) {
      const view = await caseAs(viewer.id, id);
      expect(view.theCase.summary).toBe(summary);
      expect(JSON.stringify(view)).toContain("Vi ses över rutinen.");
      for (const raw of RAW) expect(JSON.stringify(view)).not.toContain(raw);
    }
    // The coordinator and the reporter still read the whole report.
    for (const viewer of [coordinator, reporter]) {
      const view = JSON.stringify(await caseAs(viewer.id, id));
      for (const raw of RAW) expect(view).toContain(raw);
    }
  });

  it("keeps the reporter's text out of the contact's and steering member's lists", async () => {
    const { partnership, reporter, coordinator, steering, party } = await deviationSetup();
    const id = await reportCase(reporter, sampleReport(partnership.id, [party.organisationId]));
    await caseAction(
      args(
        await signedInRequest(
          coordinator.id,
          `/deviations/${id}`,
          post({ intent: "route", organisationIds: [party.organisationId], answerBy: "2026-12-01" }),
        ),
        { deviationId: id },
      ),
    );
    for (const viewer of [party, steering]) {
      const list = await settle(indexLoader(args(await signedInRequest(viewer.id, "/deviations"))));
      for (const raw of RAW) expect(JSON.stringify(list.body)).not.toContain(raw);
    }
    const csv = (await exportLoader(args(await signedInRequest(coordinator.id, "/deviations/export.csv")))) as Response;
    const text = await csv.text();
    for (const raw of RAW) expect(text).not.toContain(raw);
  });
});
