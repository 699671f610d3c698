import { z } from "zod";

export const PAGE_SIZE = 25;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

const listParams = z.object({
  q: z.string().trim().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** `?q=` and `?page=` from a list URL; nonsense falls back to the first page, never an error. */
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
