// The snapshot commands called directly, as a script or another feature would: each guards,
// checks its own rules and audits, whoever calls it.
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { currentUser, makeUser } from "../../../test/factories";
import { deviationSetup } from "../../../test/deviations";
import { term } from "./periods";
import { readSnapshot } from "./snapshot-queries.server";
import { freezeSummary, releaseSnapshot, retractSnapshot } from "./snapshots.server";

const HT = term(2026, "HT");

async function setup() {
  const s = await deviationSetup();
  const other = await deviationSetup();
  return {
    partnership: s.partnership,
    coordinator: await currentUser(s.coordinator.id),
    steering: await currentUser(s.steering.id),
    caseworker: await currentUser(s.reporter.id),
    otherCoordinator: await currentUser(other.coordinator.id),
  };
}

const auditedActions = async (recordId: string) =>
  (
    await getDb().selectFrom("audit_events").select("action").where("record_id", "=", recordId).orderBy("seq").execute()
  ).map((e) => e.action);

const meeting = { meetingName: "Styrgruppen", meetingDate: "2027-02-01" };

describe("freezing a summary", () => {
  it("is for the partnership's coordinators; anyone else, or a partnership that does not exist, finds nothing", async () => {
    const s = await setup();
    for (const user of [s.steering, s.caseworker, s.otherCoordinator]) {
      const result = await freezeSummary(getDb(), user, { partnershipId: s.partnership.id, period: HT, ...meeting });
      expect(result).toEqual({ ok: false, error: "not_found" });
    }
    const missing = await freezeSummary(getDb(), s.coordinator, { partnershipId: "no-such", period: HT, ...meeting });
    expect(missing).toEqual({ ok: false, error: "not_found" });
    const count = await getDb()
      .selectFrom("summary_snapshots")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("partnership_id", "=", s.partnership.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("refuses a blank or overlong meeting name and a date that is not a date", async () => {
    const s = await setup();
    const input = { partnershipId: s.partnership.id, period: HT };
    expect(await freezeSummary(getDb(), s.coordinator, { ...input, meetingName: "  ", meetingDate: "1 feb" })).toEqual({
      ok: false,
      error: "invalid",
      fields: { meetingName: "required", meetingDate: "date" },
    });
    expect(
      await freezeSummary(getDb(), s.coordinator, {
        ...input,
        meetingName: "x".repeat(151),
        meetingDate: "2027-02-01",
      }),
    ).toEqual({ ok: false, error: "invalid", fields: { meetingName: "too_long" } });
  });

  it("stores the figures computed at that moment and records who froze it", async () => {
    const s = await setup();
    const frozen = await freezeSummary(getDb(), s.coordinator, {
      partnershipId: s.partnership.id,
      period: HT,
      meetingName: "  Styrgruppen HT  ",
      meetingDate: "2027-02-01",
    });
    if (!frozen.ok) throw new Error(frozen.error);
    const read = await readSnapshot(getDb(), s.coordinator, frozen.value.id);
    if (!read.ok) throw new Error(read.error);
    expect(read.value.snapshot).toMatchObject({
      partnershipId: s.partnership.id,
      periodKey: "HT2026",
      periodLabel: "HT 2026",
      meetingName: "Styrgruppen HT",
      releasedAt: null,
      retractedAt: null,
    });
    expect(read.value.snapshot.figures.period.key).toBe("HT2026");
    expect(read.value.mayManage).toBe(true);
    expect(await auditedActions(frozen.value.id)).toEqual(["summary.freeze", "summary.read"]);
  });
});

describe("releasing and retracting", () => {
  async function frozenSnapshot() {
    const s = await setup();
    const frozen = await freezeSummary(getDb(), s.coordinator, {
      partnershipId: s.partnership.id,
      period: HT,
      ...meeting,
    });
    if (!frozen.ok) throw new Error(frozen.error);
    return { ...s, id: frozen.value.id };
  }

  it("are for the partnership's coordinators only", async () => {
    const s = await frozenSnapshot();
    for (const user of [s.steering, s.caseworker, s.otherCoordinator]) {
      expect(await releaseSnapshot(getDb(), user, s.id)).toEqual({ ok: false, error: "not_found" });
      expect(await retractSnapshot(getDb(), user, s.id, "Fel period")).toEqual({ ok: false, error: "not_found" });
    }
    expect(await releaseSnapshot(getDb(), s.coordinator, "no-such")).toEqual({ ok: false, error: "not_found" });
    expect(await auditedActions(s.id)).toEqual(["summary.freeze"]);
  });

  it("release once, audited once; a retracted snapshot cannot be released", async () => {
    const s = await frozenSnapshot();
    expect((await releaseSnapshot(getDb(), s.coordinator, s.id)).ok).toBe(true);
    expect((await releaseSnapshot(getDb(), s.coordinator, s.id)).ok).toBe(true);
    expect((await readSnapshot(getDb(), s.steering, s.id)).ok).toBe(true);

    expect(await retractSnapshot(getDb(), s.coordinator, s.id, "   ")).toEqual({
      ok: false,
      error: "invalid",
      fields: { reason: "required" },
    });
    expect((await readSnapshot(getDb(), s.steering, s.id)).ok).toBe(true);
    expect((await retractSnapshot(getDb(), s.coordinator, s.id, ` ${"Fel period. ".repeat(100)}`)).ok).toBe(true);
    expect((await retractSnapshot(getDb(), s.coordinator, s.id, "Igen")).ok).toBe(true);
    expect(await readSnapshot(getDb(), s.steering, s.id)).toEqual({ ok: false, error: "not_found" });

    const read = await readSnapshot(getDb(), s.coordinator, s.id);
    if (!read.ok) throw new Error(read.error);
    expect(read.value.snapshot.retractionReason).toBe("Fel period. ".repeat(100).trim().slice(0, 1000));
    expect(read.value.snapshot.retractedAt).not.toBeNull();

    const fresh = await frozenSnapshot();
    expect((await retractSnapshot(getDb(), fresh.coordinator, fresh.id, "Fel period")).ok).toBe(true);
    expect(await releaseSnapshot(getDb(), fresh.coordinator, fresh.id)).toEqual({ ok: false, error: "retracted" });
    expect((await readSnapshot(getDb(), fresh.steering, fresh.id)).ok).toBe(false);

    expect(await auditedActions(s.id)).toEqual([
      "summary.freeze",
      "summary.release",
      "summary.read",
      "summary.read",
      "summary.withdraw",
      "summary.read",
    ]);
  });

  it("a coordinator in another partnership cannot read it either", async () => {
    const s = await frozenSnapshot();
    const stranger = await currentUser((await makeUser(getDb(), { roles: [{ role: "steering" }] })).id);
    for (const user of [s.otherCoordinator, stranger, s.caseworker])
      expect(await readSnapshot(getDb(), user, s.id)).toEqual({ ok: false, error: "not_found" });
  });
});
