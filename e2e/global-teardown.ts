// Stops the server started by global-setup.ts and removes its temp directory.
// Set E2E_KEEP_TMP=1 to keep the directory (database and server.log) for a look.
import { rmSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { dropDatabase } from "../db/postgres-admin";

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stop(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    if (!exited(child)) child.kill("SIGKILL");
  }, 5_000);
  await gone;
  clearTimeout(timer);
}

export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__samsynE2EServer;
  globalThis.__samsynE2EServer = undefined;
  if (server) {
    await stop(server.child);
    await server.idp?.close();
  } else if (process.env.E2E_SERVER_PID) {
    // Only the process global setup started, by its id.
    try {
      process.kill(Number(process.env.E2E_SERVER_PID), "SIGTERM");
    } catch {
      // already gone
    }
  }
  const database = process.env.E2E_PG_DATABASE;
  if (database && process.env.TEST_POSTGRES_URL && process.env.E2E_KEEP_TMP !== "1") {
    await dropDatabase(process.env.TEST_POSTGRES_URL, database);
  }
  const dir = server?.dir ?? process.env.E2E_TMP_DIR;
  if (!dir) return;
  if (process.env.E2E_KEEP_TMP === "1") {
    console.log(`E2E temp directory kept: ${dir}`);
  } else {
    rmSync(dir, { recursive: true, force: true });
  }
}
