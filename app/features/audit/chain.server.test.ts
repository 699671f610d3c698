import { describe, expect, it } from "vitest";
import { canonicalEvent, eventMac, type ChainEvent } from "./chain.server";

const event: ChainEvent = {
  seq: 42,
  id: "abc",
  occurred_at: "2025-03-01T08:00:00.000Z",
  user_id: "u1",
  organisation_id: "o1",
  action: "plan.read",
  record_type: "plan",
  record_id: null,
  person_id: null,
  plan_id: "p1",
  outcome: "allowed",
  details: '{"n":1}',
};

describe("the canonical encoding", () => {
  it("is the same bytes whatever shape the engine returns values in", () => {
    // SQLite returns numbers and ISO text; PostgreSQL may return bigint columns as strings and timestamps as Dates.
    const fromPostgres = { ...event, seq: "42", occurred_at: new Date("2025-03-01T08:00:00.000Z") };
    expect(canonicalEvent(fromPostgres)).toBe(canonicalEvent(event));
    expect(canonicalEvent({ ...event, seq: 42n })).toBe(canonicalEvent(event));
  });

  it("names every field in a fixed order and tells null from the text null", () => {
    expect(canonicalEvent(event)).toBe(
      [
        "samsyn-audit-event-v1",
        "seq:2:42",
        "id:3:abc",
        "occurred_at:24:2025-03-01T08:00:00.000Z",
        "user_id:2:u1",
        "organisation_id:2:o1",
        "action:9:plan.read",
        "record_type:4:plan",
        "record_id:null",
        "person_id:null",
        "plan_id:2:p1",
        "outcome:7:allowed",
        'details:7:{"n":1}',
        "",
      ].join("\n"),
    );
    expect(canonicalEvent({ ...event, record_id: "null" })).not.toBe(canonicalEvent(event));
  });

  it("cannot be shifted from one field into the next", () => {
    const a = canonicalEvent({ ...event, user_id: "u1\norganisation_id:2:o1", organisation_id: null });
    expect(a).not.toBe(canonicalEvent(event));
  });

  it("gives a different MAC under another key or another predecessor", () => {
    const key = Buffer.from("k".repeat(32));
    const mac = eventMac(key, event, "prev");
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(eventMac(Buffer.from("j".repeat(32)), event, "prev")).not.toBe(mac);
    expect(eventMac(key, event, "other")).not.toBe(mac);
  });
});
