// The first admin of a production installation, made from the command line.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createDb } from "../db/client.server";
import { attemptLogin } from "../app/features/auth/auth.server";

const run = promisify(execFile);

describe("npm run user:create", () => {
  it("creates an admin with a one-time password that signs in and must be changed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "samsyn-cli-"));
    const env = { ...process.env, DATABASE_URL: `file:${join(dir, "prod.sqlite")}` };
    try {
      const { stdout } = await run(
        "npx",
        [
          "tsx",
          "scripts/create-user.ts",
          "--email",
          "forsta.admin@kommun.se",
          "--name",
          "Första Admin",
          "--org",
          "Kommunens IT",
          "--role",
          "admin",
        ],
        { env },
      );
      const password = /One-time password[^:]*: (\S+)/.exec(stdout)?.[1];
      expect(password).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
      const db = createDb(env.DATABASE_URL);
      const user = await db
        .selectFrom("users")
        .innerJoin("role_grants", "role_grants.user_id", "users.id")
        .select(["users.must_change_password", "role_grants.role"])
        .where("users.email", "=", "forsta.admin@kommun.se")
        .executeTakeFirstOrThrow();
      expect(user).toEqual({ must_change_password: 1, role: "admin" });
      expect(
        (await attemptLogin(db, { email: "forsta.admin@kommun.se", password: password!, ip: "127.0.0.1" })).ok,
      ).toBe(true);
      await db.destroy();

      await expect(
        run("npx", ["tsx", "scripts/create-user.ts", "--email", "inte-en-adress", "--role", "kung"], { env }),
      ).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining("--email must be an e-mail address"),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
