// npm run demo – build if needed, migrate, seed the demo cast into an empty
// database, then serve the app and print the demo logins.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { closeDb, getDb } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { DEMO_PASSWORD, DEMO_TOTP_KEYS, DEMO_USERS } from "../db/seed/demo-cast";
import { typedKey } from "../app/features/identity/totp.server";
import { DEMO_EID_ORGANISATION, startDemoIdp } from "../test/idp/demo-idp";
import { seedDemo } from "../db/seed/seed";
import { parseEnv } from "../app/lib/env.server";
import { localSessionSecret } from "../app/features/auth/secret.server";
import { keyFilePath } from "../app/features/audit/config.server";
import { ensureKeyFile } from "../app/features/audit/key.server";

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

function buildIsStale(): boolean {
  const output = "build/server/index.js";
  if (!existsSync(output)) return true;
  const sources = ["app", "db", "public", "vite.config.ts", "package.json"].filter(existsSync);
  return Math.max(...sources.map(newestMtime)) > statSync(output).mtimeMs;
}

async function main() {
  // The demo runs in production mode, which requires a secret for signed cookies: without one
  // configured, use the one generated and kept beside the demo database.
  process.env.SESSION_SECRET ||= localSessionSecret();
  // The demo runs in production mode, which requires an audit key: unless one is given, use (and
  // on the first run create) a key file in the data directory, as development does.
  if (!process.env.AUDIT_KEY && !process.env.AUDIT_KEY_FILE) {
    process.env.AUDIT_KEY_FILE = keyFilePath(parseEnv({ ...process.env, NODE_ENV: "development" }));
    ensureKeyFile(process.env.AUDIT_KEY_FILE);
  }
  const env = parseEnv({ ...process.env, NODE_ENV: "production" });
  if (buildIsStale()) {
    console.log("Building the app…");
    const build = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const db = getDb();
  await migrateToLatest(db);
  const outcome = await seedDemo(db);
  // The test identity provider for one demo organisation ("Logga in med e-legitimation (test)").
  const { idp, env: idpEnv } = await startDemoIdp(db, env.APP_URL, Number(process.env.DEMO_IDP_PORT || 0) || undefined);
  await closeDb();
  console.log(outcome === "seeded" ? "Seeded the demo data." : "The database already has data; it was kept as it is.");

  const server = spawn(process.execPath, ["server.js"], {
    stdio: "inherit",
    env: { ...process.env, ...idpEnv, NODE_ENV: "production" },
  });
  console.log(`\nSamsyn demo: ${env.APP_URL}\nEvery demo user has the password ${DEMO_PASSWORD}\n`);
  for (const user of DEMO_USERS) {
    console.log(
      `  ${user.email.padEnd(36)} ${user.roles.map((r) => r.role + (r.partnership ? ` (${r.partnership})` : "")).join(", ")}`,
    );
  }
  console.log("\nSecond factor (TOTP) keys for an authenticator app:");
  for (const [email, key] of Object.entries(DEMO_TOTP_KEYS)) console.log(`  ${email.padEnd(36)} ${typedKey(key)}`);
  console.log(
    `\nTest identity provider at ${idp.issuer} for ${DEMO_EID_ORGANISATION}: "Logga in med e-legitimation (test)"\n`,
  );
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => {
    void idp.close().finally(() => process.exit(code ?? 0));
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
