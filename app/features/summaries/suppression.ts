// Small-number suppression for everything a summary shows (DESIGN.md "Period summaries").
//
// Primary: a count from 1 to k-1 is shown as "<k" (Cell = null).
// Secondary: if the total minus the visible cells would pin down a hidden cell, more cells
// are masked (Cell = "masked", shown as "–"), smallest first; if that is not enough the
// total is hidden too. Zeros are shown: an empty cell points at no one.

export type Cell = number | null | "masked";

export const MIN_K = 2;

export function effectiveK(k: number): number {
  return Math.max(MIN_K, Math.floor(k));
}

const isSmall = (n: number, k: number) => n > 0 && n < k;

export function suppressCount(n: number, k: number): Cell {
  return isSmall(n, k) ? null : n;
}

/**
 * Could a reader work out a "<k" cell from the total? They know the hidden cells add up to
 * `sum`, that each "<k" cell is 1..k-1 and each masked cell is at least 1.
 */
function pinsDown(primary: number, masked: number, sum: number, k: number): boolean {
  if (primary === 0) return false;
  if (primary + masked < 2) return true;
  if (k <= 2) return false; // "<2" can only mean 1; the label itself says as much.
  const upper = Math.min(k - 1, sum - (primary - 1) - masked);
  const lower = masked > 0 ? 1 : Math.max(1, sum - (primary - 1) * (k - 1));
  return upper <= lower;
}

export function suppressTable(values: number[], k: number): { cells: Cell[]; total: Cell } {
  const total = values.reduce((a, b) => a + b, 0);
  const cells: Cell[] = values.map((n) => suppressCount(n, k));
  const primary = cells.filter((c) => c === null).length;
  if (isSmall(total, k)) return { cells, total: null };
  let masked = 0;
  const candidates = values
    .map((n, i) => ({ n, i }))
    .filter(({ n }) => n >= k)
    .sort((a, b) => a.n - b.n);
  const hiddenSum = () => values.reduce((acc, n, i) => acc + (cells[i] === null || cells[i] === "masked" ? n : 0), 0);
  while (pinsDown(primary, masked, hiddenSum(), k)) {
    const next = candidates.shift();
    if (!next) return { cells, total: null };
    cells[next.i] = "masked";
    masked++;
  }
  return { cells, total };
}

/** A median only over at least k cases. */
export function median(values: number[], k: number): number | null {
  if (values.length < k || values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A share only over at least k cases, and only when neither part is a small number it would reveal. */
export function share(part: number, whole: number, k: number): number | null {
  if (whole < k || isSmall(part, k) || isSmall(whole - part, k)) return null;
  return part / whole;
}
