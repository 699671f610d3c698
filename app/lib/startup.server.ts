import { getDb } from "#db/client.server";
import { pendingMigrations } from "#db/migrate";
import { startAuditLog } from "~/features/audit/runtime.server";
import { JOBS } from "~/features/scheduler/jobs.server";
import { startScheduler } from "~/features/scheduler/scheduler.server";
import { getProviders } from "~/features/identity/providers.server";
import { getEnv, type Env } from "./env.server";

/** Called by server.js before it listens: a wrong setup stops start-up with a readable message. */
export async function startup(): Promise<Env> {
  const env = getEnv();
  const pending = await pendingMigrations(getDb());
  if (pending.length > 0) {
    throw new Error(
      `The database at ${env.DATABASE_URL} is not migrated (${pending.length} pending: ${pending.join(", ")}).\n` +
        "Run `npm run db:migrate` first (npm start and npm run demo do this for you).",
    );
  }
  // A wrong identity provider configuration stops start-up with every problem listed.
  getProviders();
  startAuditLog(getDb(), env);
  if (env.SCHEDULER === "on") startScheduler(getDb, JOBS);
  return env;
}
