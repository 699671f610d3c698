// Scheduled jobs, run once per due time across every app instance on one database. A job's row
// holds its next due time and a lease; an instance runs the job only after claiming the row with
// one conditional UPDATE (due, and no live lease), which both engines apply atomically, so two
// schedulers never both win. A job that fails is logged and retried with growing back-off; the
// scheduler runs beside the request handler on a timer and never inside a request.
import { Cron } from "croner";
import type { DB } from "#db/client.server";
import { newId, nowIso } from "#db/portable";
import { logError } from "~/lib/log.server";
import { TIME_ZONE } from "~/lib/time";

export interface Job {
  name: string;
  /** A cron expression in Swedish time, e.g. "0 7 * * *" for 07:00 every day. */
  cron: string;
  run(db: DB, now: Date): Promise<void>;
}

const LEASE_MS = 10 * 60_000;
const MAX_BACKOFF_MS = 60 * 60_000;

export function nextRunAfter(job: Pick<Job, "cron">, now: Date): Date {
  const next = new Cron(job.cron, { timezone: TIME_ZONE, paused: true }).nextRun(now);
  if (!next) throw new Error(`the schedule of a job never runs again`);
  return next;
}

/** Retry after 1, 2, 4 … minutes, at most an hour. */
export function backoffMs(failures: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
}

async function ensureRow(db: DB, job: Job, now: Date): Promise<void> {
  await db
    .insertInto("scheduled_jobs")
    .values({ name: job.name, next_run_at: nowIso(nextRunAfter(job, now)), failures: 0 })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
}

async function claim(db: DB, job: Job, owner: string, now: Date): Promise<boolean> {
  const at = nowIso(now);
  const result = await db
    .updateTable("scheduled_jobs")
    .set({ lease_owner: owner, lease_until: nowIso(new Date(now.getTime() + LEASE_MS)) })
    .where("name", "=", job.name)
    .where("next_run_at", "<=", at)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<=", at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function finish(db: DB, job: Job, owner: string, now: Date, error?: unknown): Promise<void> {
  const row = await db
    .selectFrom("scheduled_jobs")
    .select("failures")
    .where("name", "=", job.name)
    .executeTakeFirstOrThrow();
  const failures = error ? row.failures + 1 : 0;
  const next = error ? new Date(now.getTime() + backoffMs(failures)) : nextRunAfter(job, now);
  await db
    .updateTable("scheduled_jobs")
    .set({
      next_run_at: nowIso(next),
      lease_owner: null,
      lease_until: null,
      last_run_at: nowIso(now),
      failures,
      // The error's name only: a message could quote data.
      last_error: error ? (error instanceof Error ? error.name : "Error") : null,
    })
    .where("name", "=", job.name)
    .where("lease_owner", "=", owner)
    .execute();
}

/** Runs every job that is due and that this instance claims; returns the names it ran. */
export async function runDueJobs(
  db: DB,
  jobs: readonly Job[],
  options: { now?: Date; owner?: string } = {},
): Promise<string[]> {
  const now = options.now ?? new Date();
  const owner = options.owner ?? newId();
  const ran: string[] = [];
  for (const job of jobs) {
    await ensureRow(db, job, now);
    if (!(await claim(db, job, owner, now))) continue;
    try {
      await job.run(db, now);
      await finish(db, job, owner, now);
      ran.push(job.name);
    } catch (error) {
      logError(new Error(`scheduled job ${job.name} failed (${error instanceof Error ? error.name : "unknown"})`));
      await finish(db, job, owner, now, error);
    }
  }
  return ran;
}

/** Checks for due jobs on a timer beside the server; the timer never keeps the process alive. */
export function startScheduler(getDb: () => DB, jobs: readonly Job[], everyMs = 30_000): () => void {
  const owner = newId();
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runDueJobs(getDb(), jobs, { owner })
      .catch((error) => logError(error instanceof Error ? error : new Error("scheduler failed")))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
