import { checkHealth } from "~/features/health/health.server";
import { getDb } from "#db/client.server";

export async function loader() {
  const health = await checkHealth(getDb());
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
