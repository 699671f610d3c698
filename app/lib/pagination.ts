import { z } from "zod";

export const PAGE_SIZE = 25;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

/** No list is this long; a larger number would only make an offset the database cannot hold. */
export const MAX_PAGE = 100_000;

/**
 * A page number from a URL or a form, clamped: below 1 or not a number is page 1, above MAX_PAGE
 * is MAX_PAGE, fractions are cut. Never an error, so a hand-edited `?page=` can never answer 5xx.
 */
export const pageNumber = z.unknown().transform((raw) => {
  const n = typeof raw === "number" ? raw : Number(String(raw ?? "").trim() || NaN);
  if (Number.isNaN(n)) return 1;
  return Math.min(MAX_PAGE, Math.max(1, Math.trunc(n)));
});

const listParams = z.object({
  q: z.string().trim().max(100).catch(""),
  page: pageNumber,
});

/** `?q=` and `?page=` from a list URL; nonsense gives the nearest page that can exist, never an error. */
export function readListParams(request: Request): { q: string; page: number } {
  const url = new URL(request.url);
  return listParams.parse({ q: url.searchParams.get("q") ?? "", page: url.searchParams.get("page") ?? 1 });
}

export function pageOf<T>(items: T[], total: number, page: number, pageSize = PAGE_SIZE): Page<T> {
  return { items, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Escapes LIKE wildcards so a search for "50%" means the text 50%. */
export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
