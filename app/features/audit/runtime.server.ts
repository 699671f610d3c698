// What the server starts for the audit log: the key is read at once (a missing key stops
// start-up with a readable message) and checkpoints are written every interval by whichever
// instance holds the lease.
import type { DB } from "#db/client.server";
import type { Env } from "~/lib/env.server";
import { newHolderId, startCheckpoints } from "./checkpoints.server";
import { checkpointFilePath } from "./config.server";
import { auditKey } from "./key.server";

export function startAuditLog(db: DB, env: Env): { stop: () => Promise<void> } {
  const key = auditKey();
  return startCheckpoints(
    { db, key, file: checkpointFilePath(env), holder: newHolderId() },
    env.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000,
  );
}
