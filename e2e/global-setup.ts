// Starts the built app once for the whole run: a free port, a throwaway SQLite
// database (migrated and seeded with the demo cast) in a temp directory, and
// `node server.js` in production mode. With E2E_ENGINE=postgres the database is a throwaway
// one on the server TEST_POSTGRES_URL names instead. Workers find it through E2E_BASE_URL and
// E2E_DATABASE_URL; global-teardown.ts stops it and removes the directory.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { FullConfig } from "@playwright/test";
import { createDb } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { createDatabase, uniqueDatabaseName } from "../db/postgres-admin";
import { seedDemo } from "../db/seed/seed";
import { startDemoIdp } from "../test/idp/demo-idp";
import type { TestIdp } from "../test/idp/test-idp";

const STARTUP_TIMEOUT_MS = 30_000;

export interface E2EServer {
  child: ChildProcess;
  dir: string;
  /** The test identity provider the demo organisation signs in through. */
  idp?: TestIdp;
}

declare global {
  var __samsynE2EServer: E2EServer | undefined;
}

/** A port nobody listens on right now: the OS picks it, we release it. Never 3000. */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolvePort, reject) => {
      const probe = createServer();
      probe.unref();
      probe.on("error", reject);
      probe.listen(0, () => {
        const address = probe.address();
        const chosen = typeof address === "object" && address ? address.port : 0;
        probe.close(() => resolvePort(chosen));
      });
    });
    if (port !== 0 && port !== 3000) return port;
  }
}

function serverLog(dir: string): string {
  const path = join(dir, "server.log");
  return existsSync(path) ? readFileSync(path, "utf8").trim() : "";
}

async function waitForHealthy(url: string, child: ChildProcess, dir: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The Samsyn server exited during start-up (code ${child.exitCode}, signal ${child.signalCode}).\n` +
          `Server output:\n${serverLog(dir) || "(none)"}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastProblem = `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(
    `The Samsyn server did not answer 200 on ${url} within ${STARTUP_TIMEOUT_MS / 1000} s (last: ${lastProblem}).\n` +
      `Server output:\n${serverLog(dir) || "(none)"}`,
  );
}

export default async function globalSetup(config: FullConfig): Promise<void> {
  const root = config.configFile ? dirname(config.configFile) : process.cwd();
  if (!existsSync(resolve(root, "build/server/index.js"))) {
    throw new Error("No build found in build/. Run `npx remix vite:build` first (`npm run test:e2e` does it for you).");
  }

  const dir = mkdtempSync(join(tmpdir(), "samsyn-e2e-"));
  let databaseUrl = `file:${join(dir, "e2e.sqlite")}`;
  // Production requires an audit key; the seed below and the server must share it.
  process.env.AUDIT_KEY ??= randomBytes(32).toString("hex");
  let child: ChildProcess | undefined;
  let idp: TestIdp | undefined;
  try {
    if (process.env.E2E_ENGINE === "postgres") {
      const adminUrl = process.env.TEST_POSTGRES_URL;
      if (!adminUrl)
        throw new Error("E2E_ENGINE=postgres needs TEST_POSTGRES_URL (a server where it may create a database).");
      const name = uniqueDatabaseName("samsyn_e2e");
      databaseUrl = await createDatabase(adminUrl, name);
      // global-teardown.ts drops it.
      process.env.E2E_PG_DATABASE = name;
    }
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const db = createDb(databaseUrl);
    let idpEnv: Record<string, string>;
    try {
      await migrateToLatest(db);
      await seedDemo(db);
      ({ idp, env: idpEnv } = await startDemoIdp(db, baseUrl));
    } finally {
      await db.destroy();
    }

    const log = openSync(join(dir, "server.log"), "a");
    child = spawn(process.execPath, ["server.js"], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        APP_URL: baseUrl,
        // Production requires a secret for signed cookies; a fresh one per run.
        SESSION_SECRET: randomBytes(32).toString("hex"),
        ...idpEnv,
      },
      stdio: ["ignore", log, log],
    });
    globalThis.__samsynE2EServer = { child, dir, idp };
    process.env.E2E_SERVER_PID = String(child.pid);
    process.env.E2E_TMP_DIR = dir;

    await waitForHealthy(`${baseUrl}/healthz`, child, dir);

    // Inherited by the workers.
    process.env.E2E_BASE_URL = baseUrl;
    process.env.E2E_DATABASE_URL = databaseUrl;
  } catch (error) {
    child?.kill("SIGKILL");
    await idp?.close();
    globalThis.__samsynE2EServer = undefined;
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
