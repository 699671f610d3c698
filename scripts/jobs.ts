// npm run jobs -- --once   – run every scheduled job that is due now, then exit (for cron).
// Several hosts may run it at once: a lease in the database lets one of them run each job.
// Exit code 0: done; 1: a job failed (it is retried on the next run) or the run could not start.
import { closeDb, getDb } from "../db/client.server";
import { JOBS } from "../app/features/scheduler/jobs.server";
import { runDueJobs } from "../app/features/scheduler/scheduler.server";

async function main(): Promise<number> {
  if (!process.argv.includes("--once")) {
    console.error("Usage: npm run jobs -- --once\n(The server runs the jobs itself unless SCHEDULER=off.)");
    return 1;
  }
  const ran = await runDueJobs(getDb(), JOBS);
  const failed = await getDb().selectFrom("scheduled_jobs").select("name").where("failures", ">", 0).execute();
  console.log(ran.length > 0 ? `Ran: ${ran.join(", ")}` : "No job was due.");
  if (failed.length > 0) console.error(`Failing, retried later: ${failed.map((f) => f.name).join(", ")}`);
  return failed.length > 0 ? 1 : 0;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(`The jobs could not run: ${error instanceof Error ? error.message : error}`);
    await closeDb();
    process.exit(1);
  });
