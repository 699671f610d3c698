import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localSessionSecret } from "./secret.server";

describe("the generated secret for dev, test and demo", () => {
  it("is made once beside the database file, readable by its owner only, and kept across restarts", () => {
    const dir = mkdtempSync(join(tmpdir(), "samsyn-secret-"));
    try {
      const url = `file:${join(dir, "demo.sqlite")}`;
      const first = localSessionSecret(url);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(localSessionSecret(url)).toBe(first);
      expect(statSync(join(dir, "session-secret")).mode & 0o777).toBe(0o600);
      const elsewhere = mkdtempSync(join(tmpdir(), "samsyn-secret-"));
      expect(localSessionSecret(`file:${join(elsewhere, "other.sqlite")}`)).not.toBe(first);
      rmSync(elsewhere, { recursive: true, force: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
