// Small-number suppression for everything a summary shows (DESIGN.md "Period summaries").
// A count from 1 to k-1 is shown as "<k". Secondary suppression: when the hidden cells of a
// table add up to less than k, more cells are hidden (smallest first) so that the total minus
// the visible cells cannot reveal them; if that is not enough, the total is hidden too.
// A cell is `null` when hidden.

export type Cell = number | null;

export const MIN_K = 2;

export function effectiveK(k: number): number {
  return Math.max(MIN_K, Math.floor(k));
}

const isSmall = (n: number, k: number) => n > 0 && n < k;

export function suppressCount(n: number, k: number): Cell {
  return isSmall(n, k) ? null : n;
}

export function suppressTable(values: number[], k: number): { cells: Cell[]; total: Cell } {
  const total = values.reduce((a, b) => a + b, 0);
  const hidden = new Set(values.flatMap((n, i) => (isSmall(n, k) ? [i] : [])));
  let hideTotal = isSmall(total, k);
  if (hidden.size > 0 && !hideTotal) {
    const hiddenSum = () => [...hidden].reduce((a, i) => a + values[i], 0);
    const candidates = values
      .map((n, i) => ({ n, i }))
      .filter(({ n, i }) => n > 0 && !hidden.has(i))
      .sort((a, b) => a.n - b.n);
    while (hiddenSum() < k || hidden.size === 1) {
      const next = candidates.shift();
      if (!next) {
        hideTotal = true;
        break;
      }
      hidden.add(next.i);
    }
  }
  return { cells: values.map((n, i) => (hidden.has(i) ? null : n)), total: hideTotal ? null : total };
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
