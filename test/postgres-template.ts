// Global setup of the PostgreSQL test project: one database migrated once, which every test file
// copies (CREATE DATABASE … TEMPLATE) instead of running the migrations again.
import type { TestProject } from "vitest/node";
import { createDb } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../db/postgres-admin";

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error("TEST_POSTGRES_URL is not set.");
  const template = uniqueDatabaseName("samsyn_template");
  const db = createDb(await createDatabase(adminUrl, template), { poolSize: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  project.provide("postgresTemplate", template);
  return async () => {
    await dropDatabase(adminUrl, template);
  };
}
