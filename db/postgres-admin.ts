// Creating and dropping whole PostgreSQL databases: for the tests (one database per test file,
// copied from a migrated template), the browser tests and `npm run db:copy`. Never run by the app.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The same server and credentials as `url`, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A database name nobody else uses: a prefix, the process and random letters. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(5).toString("hex")}`;
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const identifier = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
  return `"${name}"`;
};

/**
 * Creates a database on the server of `adminUrl` and returns its URL. Copying a template is a file
 * copy on the server, far faster than running every migration again.
 */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  await withAdmin(adminUrl, async (client) => {
    const from = template ? ` TEMPLATE ${identifier(template)}` : "";
    // Two copies of one template at the same moment: PostgreSQL refuses the second while the
    // first holds the template ("being accessed by other users"); wait and try again.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${identifier(name)}${from}`);
        return;
      } catch (error) {
        const busy = (error as { code?: string }).code === "55006";
        if (!busy || attempt > 100) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  });
  return withDatabase(adminUrl, name);
}

/**
 * Commits of this database return before their WAL reaches the disk. Only for throwaway test
 * databases: a crash loses the last moments, never consistency, and the suite's many small
 * commits stop waiting for fsync. The crash test keeps the default.
 */
export async function skipCommitFlush(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (client) =>
    client.query(`ALTER DATABASE ${identifier(name)} SET synchronous_commit = off`),
  );
}

/** Drops a database, ending any connection still open to it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${identifier(name)} WITH (FORCE)`));
}
