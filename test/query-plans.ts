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
import type { DB } from "#db/client.server";

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

/** SQLite: the detail lines of EXPLAIN QUERY PLAN. */
export async function explain(db: DB, query: CompiledQuery): Promise<string[]> {
  const result = await db.executeQuery<{ detail: string }>({
    ...query,
    sql: `explain query plan ${query.sql}`,
  });
  return result.rows.map((r) => r.detail);
}

/**
 * SQLite: the guarded tables a plan reads in full. "SCAN t" (also through an index or a covering
 * index) visits every row; "SEARCH t USING ..." visits only the rows the condition selects.
 */
export function fullScans(plan: string[]): string[] {
  return plan.filter((line) => {
    const match = /^SCAN (\w+)(?: AS \w+)?/.exec(line.trim());
    return match !== null && (GUARDED_TABLES as readonly string[]).includes(match[1]);
  });
}

/** Fills the planner's statistics, as `PRAGMA optimize` does on a long-lived database. */
export async function analyze(db: DB): Promise<void> {
  await sql`analyze`.execute(db);
}
