import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_PAGE, pageNumber, readListParams } from "./pagination";

const list = (query: string) => readListParams(new Request(`http://localhost/plans${query}`));

describe("page numbers", () => {
  it("clamps what a URL says into the pages that can exist", () => {
    expect(list("?page=3").page).toBe(3);
    expect(list("?page=99999999999999999999999999").page).toBe(MAX_PAGE);
    expect(list("?page=Infinity").page).toBe(MAX_PAGE);
    expect(list("?page=1e309").page).toBe(MAX_PAGE);
    expect(list("?page=0").page).toBe(1);
    expect(list("?page=-5").page).toBe(1);
    expect(list("?page=2.7").page).toBe(2);
    expect(list("?page=abc").page).toBe(1);
    expect(list("").page).toBe(1);
  });

  it("gives forms the same rule, so a page's offset always fits the database", () => {
    const form = z.object({ page: pageNumber });
    for (const raw of ["99999999999999999999999999", "-1", "", "x", undefined, null, "7"]) {
      const { page } = form.parse({ page: raw });
      expect(Number.isSafeInteger(page) && page >= 1 && page <= MAX_PAGE, String(raw)).toBe(true);
      expect(Number.isSafeInteger((page - 1) * 50)).toBe(true);
    }
    expect(form.parse({ page: "7" }).page).toBe(7);
  });
});
