import { createDb } from "./db/client.server";
import { computeSummary } from "./app/features/summaries/summaries.server";
import { currentTerm, lastFullTerm } from "./app/features/summaries/periods";
const db = createDb("file:/tmp/bench.sqlite");
const p = await db.selectFrom("partnerships").select("id").where("name", "=", "Samordningsförbundet Sjöstad").executeTakeFirstOrThrow();
for (const period of [currentTerm(), lastFullTerm()]) {
  await computeSummary(db, p.id, period);
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage(); const t0 = performance.now();
    await computeSummary(db, p.id, period);
    const c = process.cpuUsage(c0);
    console.log(period.label, "wall", (performance.now() - t0).toFixed(0), "cpu", ((c.user + c.system) / 1000).toFixed(0));
  }
}
