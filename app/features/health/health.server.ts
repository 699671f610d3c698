import { pingDb, type DB } from "#db/client.server";

export interface Health {
  status: "ok" | "unavailable";
  db: "ok" | "unreachable";
}

export async function checkHealth(db: DB): Promise<Health> {
  const dbOk = await pingDb(db);
  return { status: dbOk ? "ok" : "unavailable", db: dbOk ? "ok" : "unreachable" };
}
