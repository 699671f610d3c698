import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, getDb, type DB } from "#db/client.server";
import { backoffMs, runDueJobs, type Job } from "./scheduler.server";

// A second connection to the same database stands for a second app instance.
let other: DB;
beforeAll(() => {
  other = createDb(process.env.DATABASE_URL!);
});
afterAll(() => other.destroy());

function countingJob(name: string, cron = "0 7 * * *") {
  const runs: Date[] = [];
  const job: Job = { name, cron, run: async (_db, now) => void runs.push(now) };
  return { job, runs };
}

const t = (iso: string) => new Date(iso);

describe("the scheduler", () => {
  it("runs a due job once, however many schedulers ask at the same time", async () => {
    const { job, runs } = countingJob("digest-once");
    // The first sight of a job only schedules it.
    await runDueJobs(getDb(), [job], { now: t("2030-12-09T05:00:00Z"), owner: "a" });
    expect(runs).toHaveLength(0);

    const due = t("2030-12-09T06:00:30Z"); // 07:00:30 in Stockholm
    const ran = await Promise.all([
      runDueJobs(getDb(), [job], { now: due, owner: "a" }),
      runDueJobs(other, [job], { now: due, owner: "b" }),
      runDueJobs(getDb(), [job], { now: due, owner: "c" }),
      runDueJobs(other, [job], { now: due, owner: "d" }),
    ]);
    expect(ran.flat()).toEqual(["digest-once"]);
    expect(runs).toHaveLength(1);

    // Later the same day nothing is due; the next morning it is.
    await runDueJobs(other, [job], { now: t("2030-12-09T12:00:00Z"), owner: "b" });
    expect(runs).toHaveLength(1);
    await runDueJobs(other, [job], { now: t("2030-12-10T06:00:10Z"), owner: "b" });
    await runDueJobs(getDb(), [job], { now: t("2030-12-10T06:00:20Z"), owner: "a" });
    expect(runs).toHaveLength(2);
  });

  it("does not run a job another instance holds a live lease on", async () => {
    const { job, runs } = countingJob("leased");
    await runDueJobs(getDb(), [job], { now: t("2030-12-09T05:00:00Z") });
    await getDb()
      .updateTable("scheduled_jobs")
      .set({ lease_owner: "crashed-or-busy", lease_until: "2030-12-09T06:05:00.000Z" })
      .where("name", "=", "leased")
      .execute();
    await runDueJobs(getDb(), [job], { now: t("2030-12-09T06:01:00Z") });
    expect(runs).toHaveLength(0);
    // A lease that ran out (the instance died) no longer blocks the job.
    await runDueJobs(getDb(), [job], { now: t("2030-12-09T06:06:00Z") });
    expect(runs).toHaveLength(1);
  });

  it("logs a failing job and retries it with growing back-off", async () => {
    let calls = 0;
    const job: Job = {
      name: "flaky",
      cron: "0 7 * * *",
      run: async () => {
        calls += 1;
        if (calls <= 2) throw new Error("the mail server is down");
      },
    };
    await runDueJobs(getDb(), [job], { now: t("2030-12-09T05:00:00Z") });
    const first = t("2030-12-09T06:00:00Z");
    expect(await runDueJobs(getDb(), [job], { now: first })).toEqual([]);
    expect(calls).toBe(1);
    const row = await getDb()
      .selectFrom("scheduled_jobs")
      .selectAll()
      .where("name", "=", "flaky")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ failures: 1, last_error: "Error", lease_owner: null });
    expect(row.last_error).not.toContain("mail server");

    // Not before the back-off has passed.
    await runDueJobs(getDb(), [job], { now: new Date(first.getTime() + backoffMs(1) - 1000) });
    expect(calls).toBe(1);
    await runDueJobs(getDb(), [job], { now: new Date(first.getTime() + backoffMs(1)) });
    expect(calls).toBe(2);
    await runDueJobs(getDb(), [job], { now: new Date(first.getTime() + backoffMs(1) + backoffMs(2)) });
    expect(calls).toBe(3);
    const healed = await getDb()
      .selectFrom("scheduled_jobs")
      .select(["failures", "next_run_at"])
      .where("name", "=", "flaky")
      .executeTakeFirstOrThrow();
    expect(healed.failures).toBe(0);
    expect(healed.next_run_at).toBe("2030-12-10T06:00:00.000Z");
  });

  it("grows the back-off to at most an hour", () => {
    expect([1, 2, 3, 10].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 3_600_000]);
  });
});
