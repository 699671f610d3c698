// npm run bench – the speed budgets of issue 13, measured on the production build.
//
// Seeds (or reuses) the bench volume (the demo plus 100 000 deviations and 50 000 plans, times
// --scale), builds, starts the production server and a bare node:http baseline on free ports,
// drives each page with autocannon as the demo user who uses it, times the term summary, sizes
// every page's JavaScript, prints one table, writes it as JSON (.bench/result-scale<N>.json)
// and exits non-zero when a budget is missed.
//
//   npm run bench -- [--scale 1] [--seconds 10] [--connections 16] [--runs 3] [--no-build]
//
// BENCH_DATABASE_URL=postgres://… measures the same on PostgreSQL: the volume is copied there
// from the SQLite bench database (or reused; scripts/bench-postgres.ts), the server and a
// PostgreSQL twin of the baseline run against it, and the result is written as
// .bench/result-postgres-scale<N>.json.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { createDb, isPostgresUrl } from "../db/client.server";
import { computeSummary } from "../app/features/summaries/summaries.server";
import { currentTerm, lastFullTerm } from "../app/features/summaries/periods";
import { pageScripts, schemaLibraryFiles, type PageScript } from "./bench-bundle";
import { drive, freePort, median, startServer, stopServer, type LoadResult } from "./bench-load";
import { benchPages, PLAN_PAGE, type BenchPage } from "./bench-pages";
import { describePostgresUrl, ensureBenchPostgres } from "./bench-postgres";
import { BENCH_AUDIT_KEY_FILE, BENCH_DIR, ensureBenchDb, PARTNERSHIP } from "./bench-seed";

export const BUDGETS = {
  p95Ms: 100,
  baselineShare: 0.25,
  scaleGrowth: 1.5,
  summaryMs: (scale: number) => (scale >= 10 ? 300 : 100),
  scriptGzipBytes: 100_000,
};

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const scale = option("scale", 1);
const seconds = option("seconds", 10);
const connections = option("connections", 16);
const runs = option("runs", 3);
const postgresUrl = process.env.BENCH_DATABASE_URL || undefined;
const engine = postgresUrl ? "postgres" : "sqlite";
/** Results of each engine are kept (and compared across scales) apart. */
const resultFile = (s: number) => join(BENCH_DIR, `result-${postgresUrl ? "postgres-" : ""}scale${s}.json`);

interface PageRow extends LoadResult {
  page: string;
  connections: number;
}

async function timeSummaries(dbUrl: string) {
  const db = createDb(dbUrl);
  try {
    const { id } = await db
      .selectFrom("partnerships")
      .select("id")
      .where("name", "=", PARTNERSHIP)
      .executeTakeFirstOrThrow();
    const out: { period: string; medianMs: number; minMs: number; maxMs: number }[] = [];
    for (const period of [currentTerm(), lastFullTerm()]) {
      await computeSummary(db, id, period); // warm the page cache
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await computeSummary(db, id, period);
        times.push(performance.now() - t0);
      }
      out.push({ period: period.label, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) });
    }
    return out;
  } finally {
    await db.destroy();
  }
}

async function main() {
  if (postgresUrl && !isPostgresUrl(postgresUrl)) throw new Error("BENCH_DATABASE_URL must be a postgres:// URL.");
  const dbUrl = postgresUrl ? await ensureBenchPostgres(postgresUrl, scale) : `file:${await ensureBenchDb(scale)}`;
  if (!process.argv.includes("--no-build")) {
    console.log("Building…");
    const build = spawnSync("npx", ["remix", "vite:build"], { stdio: ["ignore", "ignore", "inherit"] });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const [appPort, basePort] = [await freePort(), await freePort()];
  const appUrl = `http://localhost:${appPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: dbUrl,
    PORT: String(appPort),
    APP_URL: appUrl,
    SESSION_SECRET: process.env.SESSION_SECRET ?? "bench-session-secret-not-for-production-use-0000",
    AUDIT_KEY_FILE: BENCH_AUDIT_KEY_FILE,
  };
  delete env.AUDIT_KEY;
  process.env.APP_URL = appUrl; // the session cookie's name depends on it
  // The key the volume's audit chain was written with, which the SQLite seed sets for itself.
  process.env.AUDIT_KEY_FILE = BENCH_AUDIT_KEY_FILE;
  const pages = await benchPages(dbUrl, connections);
  const app = await startServer(process.execPath, ["server.js"], env, `${appUrl}/healthz`);
  const tsx = resolve("node_modules/.bin/tsx");
  const baseline = await startServer(
    tsx,
    [
      postgresUrl ? "scripts/bench-baseline-pg.ts" : "scripts/bench-baseline.ts",
      dbUrl.replace(/^file:/, ""),
      String(basePort),
    ],
    env,
    `http://127.0.0.1:${basePort}/`,
  );
  const rows: PageRow[] = [];
  let ratio: { runs: number[]; median: number; baselineRps: number[] };
  try {
    const plan = pages.find((p) => p.name === PLAN_PAGE)!;
    const baseUrl = `http://127.0.0.1:${basePort}${plan.path}`;
    const run = (p: BenchPage, url = appUrl + p.path, s = seconds) =>
      drive(url, { cookie: p.cookie, connections: p.connections, seconds: s });
    console.log(`Warming up ${pages.length} pages and the baseline…`);
    for (const p of pages) await run(p, undefined, 1);
    await run(plan, baseUrl, 1);

    const planRuns: LoadResult[] = [];
    const baseRuns: LoadResult[] = [];
    for (let i = 0; i < runs; i++) {
      console.log(`Plan page and baseline, run ${i + 1} of ${runs}…`);
      planRuns.push(await run(plan));
      baseRuns.push(await run(plan, baseUrl));
    }
    const ratios = planRuns.map((r, i) => r.requestsPerSecond / baseRuns[i].requestsPerSecond);
    ratio = { runs: ratios, median: median(ratios), baselineRps: baseRuns.map((r) => r.requestsPerSecond) };
    const middle = (list: LoadResult[]) =>
      [...list].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(list.length / 2)];
    rows.push({ page: PLAN_PAGE, connections: plan.connections, ...middle(planRuns) });
    rows.push({ page: "baseline (node:http plan page)", connections: plan.connections, ...middle(baseRuns) });
    for (const p of pages.filter((p) => p !== plan)) {
      console.log(`${p.name}…`);
      rows.push({ page: p.name, connections: p.connections, ...(await run(p)) });
    }
  } finally {
    await stopServer(app);
    await stopServer(baseline);
  }
  const summaries = await timeSummaries(dbUrl);
  const scripts = await pageScripts();
  report({ rows, ratio, summaries, scripts, pages });
}

function report({
  rows,
  ratio,
  summaries,
  scripts,
  pages,
}: {
  rows: PageRow[];
  ratio: { runs: number[]; median: number; baselineRps: number[] };
  summaries: Awaited<ReturnType<typeof timeSummaries>>;
  scripts: PageScript[];
  pages: BenchPage[];
}) {
  const misses: string[] = [];
  const scale1Path = resultFile(1);
  const scale1: { pages: PageRow[] } | null =
    scale !== 1 && existsSync(scale1Path) ? JSON.parse(readFileSync(scale1Path, "utf8")) : null;
  const table = rows.map((r) => {
    const page = pages.find((p) => p.name === r.page);
    const notes: string[] = [];
    if (page) {
      if (r.requests === 0) misses.push(`${r.page}: no answer finished within the run`);
      if (r.p95 > BUDGETS.p95Ms) misses.push(`${r.page}: p95 ${r.p95} ms > ${BUDGETS.p95Ms} ms`);
      if (r.errors > 0) misses.push(`${r.page}: ${r.errors} errors`);
      const before = page.scales ? scale1?.pages.find((x) => x.page === r.page) : undefined;
      if (before) {
        const growth = r.p95 / before.p95;
        notes.push(`${growth.toFixed(2)}× scale 1`);
        // Below the p95 budget's tenth, a ratio measures noise rather than cost.
        if (growth > BUDGETS.scaleGrowth && r.p95 > BUDGETS.p95Ms / 10)
          misses.push(`${r.page}: p95 ${r.p95} ms is ${growth.toFixed(2)}× its ${before.p95} ms at scale 1`);
      }
    }
    if (r.page === PLAN_PAGE)
      notes.unshift(`${(ratio.median * 100).toFixed(1)} % of baseline (median of ${ratio.runs.length})`);
    return {
      page: r.page,
      conn: r.connections,
      "req/s": Math.round(r.requestsPerSecond),
      "p50 ms": r.p50,
      "p95 ms": r.p95,
      "p99 ms": r.p99,
      errors: r.errors,
      note: notes.join("; "),
    };
  });
  if (ratio.median < BUDGETS.baselineShare)
    misses.push(`plan page: ${(ratio.median * 100).toFixed(1)} % of the baseline < ${BUDGETS.baselineShare * 100} %`);
  const summaryBudget = BUDGETS.summaryMs(scale);
  for (const s of summaries)
    if (s.medianMs > summaryBudget)
      misses.push(`summary ${s.period}: ${s.medianMs.toFixed(0)} ms > ${summaryBudget} ms`);
  for (const s of scripts)
    if (s.gzipBytes > BUDGETS.scriptGzipBytes)
      misses.push(`${s.path}: ${(s.gzipBytes / 1000).toFixed(1)} KB JavaScript > ${BUDGETS.scriptGzipBytes / 1000} KB`);

  for (const file of schemaLibraryFiles()) misses.push(`${file}: a schema library in the browser`);

  const on = postgresUrl ? `PostgreSQL (${describePostgresUrl(postgresUrl)})` : "SQLite";
  console.log(`\nScale ${scale} on ${on}, ${seconds} s per run, ${connections} connections unless noted.`);
  console.table(table);
  console.log(`Plan page / baseline per run: ${ratio.runs.map((x) => `${(x * 100).toFixed(1)} %`).join(", ")}`);
  for (const s of summaries)
    console.log(
      `summary ${s.period}: median ${s.medianMs.toFixed(0)} ms (min ${s.minMs.toFixed(0)}, max ${s.maxMs.toFixed(0)}) – budget ${summaryBudget} ms`,
    );
  console.log("\nJavaScript per page (gzip):");
  console.table(scripts.map((s) => ({ page: s.path, KB: +(s.gzipBytes / 1000).toFixed(1) })));
  const out = resultFile(scale);
  writeFileSync(
    out,
    JSON.stringify(
      {
        engine,
        scale,
        seconds,
        connections,
        at: new Date().toISOString(),
        pages: rows,
        ratio,
        summaries,
        scripts,
        misses,
      },
      null,
      2,
    ),
  );
  console.log(`\nWrote ${out}.`);
  if (misses.length > 0) {
    console.log(`\nBudgets missed:\n  ${misses.join("\n  ")}`);
    process.exitCode = 1;
  } else console.log("\nEvery budget met.");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
