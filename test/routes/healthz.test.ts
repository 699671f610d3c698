import { describe, expect, it } from "vitest";
import { closeDb, getDb } from "#db/client.server";
import { loader } from "../../app/routes/healthz";

describe("GET /healthz", () => {
  it("answers 200 when the database answers", async () => {
    const response = await loader();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("answers 503 when the database does not", async () => {
    const db = getDb();
    // Close the underlying connection the app holds, as a lost database would.
    await db.destroy();
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", db: "unreachable" });
    await closeDb();
  });
});
