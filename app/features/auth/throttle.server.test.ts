import { describe, expect, it } from "vitest";
import { accountLockedUntil, LOCK_MS } from "./throttle.server";

const minute = 60_000;
const failures = (times: number[]) => times.map((at) => ({ succeeded: false, at }));

describe("account lock", () => {
  it("locks after 10 failures within 15 minutes, for 15 minutes from the 10th", () => {
    const times = Array.from({ length: 10 }, (_, i) => i * minute);
    expect(accountLockedUntil(failures(times.slice(0, 9)), 10 * minute)).toBeNull();
    expect(accountLockedUntil(failures(times), 10 * minute)).toBe(9 * minute + LOCK_MS);
    expect(accountLockedUntil(failures(times), 9 * minute + LOCK_MS)).toBeNull();
  });

  it("does not lock when the failures are spread over more than 15 minutes", () => {
    const times = Array.from({ length: 10 }, (_, i) => i * 2 * minute);
    expect(accountLockedUntil(failures(times), 19 * minute)).toBeNull();
  });

  it("forgets failures before a successful sign-in", () => {
    const attempts = [
      ...failures(Array.from({ length: 9 }, (_, i) => i * 1000)),
      { succeeded: true, at: 10_000 },
      ...failures([11_000]),
    ];
    expect(accountLockedUntil(attempts, 12_000)).toBeNull();
  });
});
