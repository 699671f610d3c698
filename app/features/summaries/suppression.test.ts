import { describe, expect, it } from "vitest";
import { effectiveK, median, share, suppressCount, suppressTable } from "./suppression";

describe("small-number suppression", () => {
  it("hides counts from 1 to k-1 and never uses k below 2", () => {
    expect([0, 1, 2, 3, 10].map((n) => suppressCount(n, 3))).toEqual([0, null, null, 3, 10]);
    expect(effectiveK(1)).toBe(2);
    expect(effectiveK(5)).toBe(5);
  });

  it("masks a second cell so the total cannot reveal the first", () => {
    // Without masking, 12 - 4 - 6 = 2 would give the hidden cell away.
    expect(suppressTable([4, 2, 6], 3)).toEqual({ cells: ["masked", null, 6], total: 12 });
  });

  it("keeps masking while the hidden cells could only be all ones", () => {
    // 1 + 1 = 2 over two "<3" cells: both must be 1, so one more cell is masked.
    expect(suppressTable([1, 1, 5, 9], 3)).toEqual({ cells: [null, null, "masked", 9], total: 16 });
    // 1 + 2 = 3 over two "<3" cells could be 1+2 or 2+1: safe as it is.
    expect(suppressTable([1, 2, 9], 3)).toEqual({ cells: [null, null, 9], total: 12 });
  });

  it("hides the total when nothing else can cover a hidden cell", () => {
    expect(suppressTable([2, 0, 0], 3)).toEqual({ cells: [null, 0, 0], total: null });
    expect(suppressTable([1, 1], 3)).toEqual({ cells: [null, null], total: null });
  });

  it("leaves tables without small numbers alone", () => {
    expect(suppressTable([3, 0, 7], 3)).toEqual({ cells: [3, 0, 7], total: 10 });
  });

  it("shows medians and shares only over enough cases", () => {
    expect(median([5, 1, 3], 3)).toBe(3);
    expect(median([5, 1], 3)).toBeNull();
    expect(median([1, 2, 3, 4], 3)).toBe(2.5);
    expect(share(5, 10, 3)).toBe(0.5);
    expect(share(1, 10, 3)).toBeNull();
    expect(share(9, 10, 3)).toBeNull();
    expect(share(2, 2, 3)).toBeNull();
  });
});
