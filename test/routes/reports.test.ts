// Summaries by role and partnership: coordinators of the partnership, steering members once released, nobody else.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { deviationSetup, sampleReport } from "../deviations";
import { makeUser, signedInRequest } from "../factories";
import { reportDeviation } from "~/features/deviations/deviations.server";
import { action as workingAction, loader as workingLoader } from "../../app/routes/reports.$partnershipId.$period";
import { loader as workingCsv } from "../../app/routes/reports.$partnershipId.$period.csv.$table";
import { action as snapshotAction, loader as snapshotLoader } from "../../app/routes/reports.snapshots.$snapshotId";
import { loader as compareLoader } from "../../app/routes/reports.compare";
import { loader as indexLoader } from "../../app/routes/reports._index";

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "", clientIp: "127.0.0.1" } }) as never;
const post = (fields: Record<string, string>) => ({
  method: "POST",
  body: new URLSearchParams(fields),
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
});

async function settle(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, response: value };
    // An action's data(…, { status }) answer, e.g. a form sent back with its errors.
    const answer = value as { init?: { status?: number } | null; data?: unknown };
    if (answer && typeof answer === "object" && "init" in answer && "data" in answer)
      return { status: answer.init?.status ?? 200, body: answer.data };
    return { status: 200, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, response: thrown };
    throw thrown;
  }
}

async function setupWithSnapshot() {
  const s = await deviationSetup();
  for (let i = 0; i < 4; i++)
    await reportDeviation(getDb(), s.reporter, {
      ...sampleReport(s.partnership.id, [s.party.organisationId]),
      eventDate: "2026-08-0" + (i + 1),
    });
  const frozen = await settle(
    workingAction(
      args(
        await signedInRequest(
          s.coordinator.id,
          `/reports/${s.partnership.id}/HT2026`,
          post({ meetingName: "Styrgruppen HT", meetingDate: "2027-02-01" }),
        ),
        { partnershipId: s.partnership.id, period: "HT2026" },
      ),
    ),
  );
  const snapshotId = frozen.response!.headers.get("Location")!.split("/").pop()!;
  return { ...s, snapshotId };
}

describe("the working summary", () => {
  it("is for the partnership's coordinators only", async () => {
    const s = await deviationSetup();
    const other = await deviationSetup();
    const params = { partnershipId: s.partnership.id, period: "HT2026" };
    expect((await settle(workingLoader(args(await signedInRequest(s.coordinator.id, "/r"), params)))).status).toBe(200);
    for (const user of [other.coordinator, s.steering, s.reporter, s.party]) {
      expect((await settle(workingLoader(args(await signedInRequest(user.id, "/r"), params)))).status).toBe(404);
    }
    const admin = await makeUser(getDb(), { roles: [{ role: "admin" }] });
    expect((await settle(workingLoader(args(await signedInRequest(admin.id, "/r"), params)))).status).toBe(404);
    expect(
      (await settle(workingLoader(args(await signedInRequest(s.coordinator.id, "/r"), { ...params, period: "HT26" }))))
        .status,
    ).toBe(404);
  });

  it("exports a table as CSV with a BOM, small numbers suppressed", async () => {
    const s = await deviationSetup();
    await reportDeviation(getDb(), s.reporter, { ...sampleReport(s.partnership.id, []), eventDate: "2026-09-01" });
    const result = await settle(
      workingCsv(
        args(await signedInRequest(s.coordinator.id, "/r"), {
          partnershipId: s.partnership.id,
          period: "HT2026",
          table: "deviations-by-category",
        }),
      ),
    );
    const response = result.response!;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("Informationsöverföring;<3");
    expect(
      (
        await settle(
          workingCsv(
            args(await signedInRequest(s.coordinator.id, "/r"), {
              partnershipId: s.partnership.id,
              period: "HT2026",
              table: "nope",
            }),
          ),
        )
      ).status,
    ).toBe(404);
  });
});

describe("freezing from the working summary", () => {
  it("sends a blank meeting back with its message and the values typed", async () => {
    const s = await deviationSetup();
    const params = { partnershipId: s.partnership.id, period: "HT2026" };
    const answer = await settle(
      workingAction(
        args(
          await signedInRequest(s.coordinator.id, "/r", post({ meetingName: " ", meetingDate: "2027-02-01" })),
          params,
        ),
      ),
    );
    expect(answer.status).toBe(400);
    const reply = answer.body as {
      intent: string;
      result: { error: Record<string, string[]>; initialValue: Record<string, string> };
    };
    expect(reply.intent).toBe("freeze");
    expect(reply.result.error.meetingName).toEqual(["Fyll i möte."]);
    expect(reply.result.initialValue.meetingDate).toBe("2027-02-01");
  });
});

describe("impossible periods", () => {
  it("answer 404 on the summary page, its freeze form and its CSV export, never 500", async () => {
    const s = await deviationSetup();
    for (const period of ["VT0000", "T1-0000", "HT0999", "0000-01-01--0000-12-31", "1000-01-01--9000-12-31"]) {
      const params = { partnershipId: s.partnership.id, period };
      const page = await settle(workingLoader(args(await signedInRequest(s.coordinator.id, "/r"), params)));
      expect(page.status, period).toBe(404);
      const freeze = await settle(
        workingAction(
          args(
            await signedInRequest(
              s.coordinator.id,
              "/r",
              post({ meetingName: "Styrgruppen", meetingDate: "2027-02-01" }),
            ),
            params,
          ),
        ),
      );
      expect(freeze.status, period).toBe(404);
      const csv = await settle(
        workingCsv(args(await signedInRequest(s.coordinator.id, "/r"), { ...params, table: "deviations-by-category" })),
      );
      expect(csv.status, period).toBe(404);
    }
  });

  it("answer 404 when compared", async () => {
    const s = await deviationSetup();
    const compare = await settle(
      compareLoader(args(await signedInRequest(s.coordinator.id, "/reports/compare?a=VT0000&b=T1-0000"))),
    );
    expect(compare.status).toBe(404);
  });
});

describe("frozen summaries", () => {
  it("reach steering members only once released, and never other partnerships", async () => {
    const s = await setupWithSnapshot();
    const other = await deviationSetup();
    const params = { snapshotId: s.snapshotId };
    expect((await settle(snapshotLoader(args(await signedInRequest(s.steering.id, "/r"), params)))).status).toBe(404);
    await snapshotAction(args(await signedInRequest(s.coordinator.id, "/r", post({ intent: "release" })), params));
    expect((await settle(snapshotLoader(args(await signedInRequest(s.steering.id, "/r"), params)))).status).toBe(200);
    for (const user of [other.steering, other.coordinator, s.reporter]) {
      expect((await settle(snapshotLoader(args(await signedInRequest(user.id, "/r"), params)))).status).toBe(404);
    }
    // Steering members read; they cannot release or withdraw.
    expect(
      (
        await settle(
          snapshotAction(
            args(await signedInRequest(s.steering.id, "/r", post({ intent: "retract", reason: "x" })), params),
          ),
        )
      ).status,
    ).toBe(404);

    const index = (await settle(indexLoader(args(await signedInRequest(s.steering.id, "/reports"))))).body as {
      snapshots: { id: string }[];
    };
    expect(index.snapshots.map((x) => x.id)).toEqual([s.snapshotId]);
  });

  it("disappear from steering members when withdrawn, and compare only what the user may read", async () => {
    const s = await setupWithSnapshot();
    const other = await setupWithSnapshot();
    const params = { snapshotId: s.snapshotId };
    await snapshotAction(args(await signedInRequest(s.coordinator.id, "/r", post({ intent: "release" })), params));
    const compareOwn = await settle(
      compareLoader(args(await signedInRequest(s.steering.id, `/reports/compare?a=${s.snapshotId}&b=${s.snapshotId}`))),
    );
    expect(compareOwn.status).toBe(200);
    const compareForeign = await settle(
      compareLoader(
        args(await signedInRequest(s.steering.id, `/reports/compare?a=${s.snapshotId}&b=${other.snapshotId}`)),
      ),
    );
    expect(compareForeign.status).toBe(404);

    await snapshotAction(
      args(await signedInRequest(s.coordinator.id, "/r", post({ intent: "retract", reason: "Fel period" })), params),
    );
    expect((await settle(snapshotLoader(args(await signedInRequest(s.steering.id, "/r"), params)))).status).toBe(404);
    expect((await settle(snapshotLoader(args(await signedInRequest(s.coordinator.id, "/r"), params)))).status).toBe(
      200,
    );
  });
});

describe("retracting a snapshot", () => {
  it("without a reason answers 400 with the field's message and leaves the snapshot as it was", async () => {
    const s = await setupWithSnapshot();
    const params = { snapshotId: s.snapshotId };
    await snapshotAction(args(await signedInRequest(s.coordinator.id, "/r", post({ intent: "release" })), params));
    const blank = await settle(
      snapshotAction(
        args(await signedInRequest(s.coordinator.id, "/r", post({ intent: "retract", reason: "  " })), params),
      ),
    );
    expect(blank.status).toBe(400);
    const reply = blank.body as { intent: string; result: { error: Record<string, string[]> } };
    expect(reply.intent).toBe("retract");
    expect(reply.result.error.reason).toEqual(["Fyll i skäl."]);
    expect((await settle(snapshotLoader(args(await signedInRequest(s.steering.id, "/r"), params)))).status).toBe(200);

    const unknown = await settle(
      snapshotAction(args(await signedInRequest(s.coordinator.id, "/r", post({ intent: "delete" })), params)),
    );
    expect(unknown.status).toBe(400);
  });
});
