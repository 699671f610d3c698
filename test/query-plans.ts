// Query plans of the hot pages, for test/query-plans.test.ts. Each hot query is a function that
// runs the real feature command against a database that records every SELECT it compiles; the
// recorded queries are then explained on the engine at hand. Only explain() and fullScans() know
// the engine: a PostgreSQL variant adds its own pair (EXPLAIN, "Seq Scan on <table>").
import {
  sql,
  type CompiledQuery,
  type KyselyPlugin,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import { isPostgres, type DB } from "#db/client.server";

/** The tables whose full scan makes a page cost the whole database. */
export const GUARDED_TABLES = ["plans", "persons", "plan_team", "deviations", "notifications", "audit_events"] as const;

class Recorder implements KyselyPlugin {
  readonly nodes: RootOperationNode[] = [];
  transformQuery({ node }: { node: RootOperationNode }): RootOperationNode {
    if (node.kind === "SelectQueryNode") this.nodes.push(node);
    return node;
  }
  async transformResult({ result }: { result: QueryResult<UnknownRow> }) {
    return result;
  }
}

/** Runs `work` on a recording copy of `db` and returns every SELECT it compiled. */
export async function recordSelects(db: DB, work: (db: DB) => Promise<unknown>): Promise<CompiledQuery[]> {
  const recorder = new Recorder();
  const recording = db.withPlugin(recorder);
  await work(recording);
  const executor = db.getExecutor();
  return recorder.nodes.map((node, i) => executor.compileQuery(node, { queryId: `plan-${i}` }));
}

interface PgPlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PgPlanNode[];
}

function pgLines(node: PgPlanNode): string[] {
  const line = node["Relation Name"] ? `${node["Node Type"]} on ${node["Relation Name"]}` : node["Node Type"];
  return [line, ...(node.Plans ?? []).flatMap(pgLines)];
}

/**
 * The plan as lines: SQLite's EXPLAIN QUERY PLAN details, or PostgreSQL's plan nodes ("Seq Scan on
 * plans", "Index Scan on plans", "Sort"). On PostgreSQL sequential scans are disfavoured for the
 * explain, so a "Seq Scan" that remains is one no index can replace: small test tables would
 * otherwise be scanned because scanning them is cheap, which says nothing about real volume.
 */
export async function explain(db: DB, query: CompiledQuery): Promise<string[]> {
  if (isPostgres(db)) {
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const result = await trx.executeQuery<{ "QUERY PLAN": { Plan: PgPlanNode }[] }>({
        ...query,
        sql: `explain (format json) ${query.sql}`,
      });
      return pgLines(result.rows[0]["QUERY PLAN"][0].Plan);
    });
  }
  const result = await db.executeQuery<{ detail: string }>({
    ...query,
    sql: `explain query plan ${query.sql}`,
  });
  return result.rows.map((r) => r.detail);
}

/**
 * The guarded tables a plan reads in full. SQLite: "SCAN t" (also through an index or a covering
 * index) visits every row; "SEARCH t USING ..." only the rows the condition selects. PostgreSQL:
 * "Seq Scan on t".
 */
export function fullScans(plan: string[]): string[] {
  return plan.filter((line) => {
    const match = /^(?:SCAN|Seq Scan on) (\w+)(?: AS \w+)?/.exec(line.trim());
    return match !== null && (GUARDED_TABLES as readonly string[]).includes(match[1]);
  });
}

/** Whether the plan sorts rows itself instead of reading them in order from an index. */
export function sortsRows(plan: string[]): boolean {
  return plan.some((line) => line.includes("USE TEMP B-TREE FOR ORDER BY") || /^(Incremental )?Sort$/.test(line));
}

/** Forgets the planner's statistics (SQLite keeps them in a table; PostgreSQL's cannot be dropped). */
export async function forgetStatistics(db: DB): Promise<void> {
  if (!isPostgres(db)) await sql`drop table if exists sqlite_stat1`.execute(db);
}

/** Fills the planner's statistics, as `PRAGMA optimize` does on a long-lived database. */
export async function analyze(db: DB): Promise<void> {
  await sql`analyze`.execute(db);
}
