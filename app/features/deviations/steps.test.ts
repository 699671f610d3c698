// The case page's next action and the publishing rule, step by step.
import { describe, expect, it } from "vitest";
import { mayPublish, nextActionFor } from "./steps";

describe("the next natural action", () => {
  it("is triage on a new case, never closing it", () => {
    expect(nextActionFor("submitted", "coordinator")).toBe("triage");
    expect(nextActionFor("submitted", "manager")).toBe("triage");
  });
  it("is routing once triaged, or closing for a manager's routine case that is never routed", () => {
    expect(nextActionFor("in_review", "coordinator")).toBe("route");
    expect(nextActionFor("in_review", "manager")).toBe("close");
  });
  it("is waiting while the parties answer, closing once answered, reopening once closed", () => {
    expect(nextActionFor("awaiting_response", "coordinator")).toBeNull();
    expect(nextActionFor("answered", "coordinator")).toBe("close");
    expect(nextActionFor("closed", "coordinator")).toBe("reopen");
  });
});

describe("publishing to the steering group", () => {
  it("waits for the parties' answers", () => {
    expect(mayPublish("submitted")).toBe(false);
    expect(mayPublish("in_review")).toBe(false);
    expect(mayPublish("awaiting_response")).toBe(false);
    expect(mayPublish("answered")).toBe(true);
    expect(mayPublish("closed")).toBe(true);
  });
});
