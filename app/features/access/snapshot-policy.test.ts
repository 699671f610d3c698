// Who may read and prepare summaries, as the role policy answers it.
import { describe, expect, it } from "vitest";
import type { Grant } from "./current-user";
import { mayPrepareSummaries, mayReadSnapshot, snapshotListScope } from "./snapshot-policy";

const as = (...grants: Grant[]) => ({ grants });
const coordinatorOf = (partnershipId: string): Grant => ({ role: "coordinator", partnershipId });
const steeringOf = (partnershipId: string): Grant => ({ role: "steering", partnershipId });
const snapshot = (over: Partial<{ releasedAt: string | null; retractedAt: string | null }> = {}) => ({
  partnershipId: "p1",
  releasedAt: null,
  retractedAt: null,
  ...over,
});
const released = "2027-01-21T08:00:00.000Z";

describe("the snapshot policy", () => {
  it("lets only the partnership's coordinators prepare its summaries", () => {
    expect(mayPrepareSummaries(as(coordinatorOf("p1")), "p1")).toBe(true);
    expect(mayPrepareSummaries(as(coordinatorOf("p2")), "p1")).toBe(false);
    expect(mayPrepareSummaries(as(steeringOf("p1")), "p1")).toBe(false);
    for (const role of ["caseworker", "contact", "auditor", "admin"] as const)
      expect(mayPrepareSummaries(as({ role, partnershipId: null }), "p1"), role).toBe(false);
  });

  it("shows coordinators every snapshot, steering members only released ones that are not retracted", () => {
    const coordinator = as(coordinatorOf("p1"));
    const steering = as(steeringOf("p1"));
    for (const s of [snapshot(), snapshot({ releasedAt: released }), snapshot({ retractedAt: released })])
      expect(mayReadSnapshot(coordinator, s)).toBe(true);
    expect(mayReadSnapshot(steering, snapshot())).toBe(false);
    expect(mayReadSnapshot(steering, snapshot({ releasedAt: released }))).toBe(true);
    expect(mayReadSnapshot(steering, snapshot({ releasedAt: released, retractedAt: released }))).toBe(false);
    expect(mayReadSnapshot(as(steeringOf("p2"), coordinatorOf("p3")), snapshot({ releasedAt: released }))).toBe(false);
    expect(mayReadSnapshot(as({ role: "admin", partnershipId: null }), snapshot({ releasedAt: released }))).toBe(false);
  });

  it("lists every snapshot where the user prepares, released ones where they only steer", () => {
    expect(snapshotListScope(as(coordinatorOf("p1"), steeringOf("p1"), steeringOf("p2")))).toEqual({
      every: ["p1"],
      releasedOnly: ["p2"],
    });
    expect(snapshotListScope(as({ role: "caseworker", partnershipId: null }))).toEqual({ every: [], releasedOnly: [] });
  });
});
