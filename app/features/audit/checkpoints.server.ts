// Checkpoints: now and then the head of the audit chain (seq, MAC, time) is written outside the
// database, to a JSON-lines file the operator can ship elsewhere and to the server log. A later
// verification compares the log with them, which is how a deleted tail shows. One app instance
// at a time writes them: it holds a lease row in the database, taken and renewed by a
// conditional UPDATE that only one writer can win.
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";
import { eventMac, genesisMac } from "./chain.server";

export interface Checkpoint {
  seq: number;
  mac: string;
  /** ISO time the checkpoint was taken. */
  at: string;
}

const LEASE = "checkpoint";

/** A name for this process in the lease row: host, process and a random part for restarts. */
export function newHolderId(): string {
  return `${hostname()}#${process.pid}#${randomBytes(4).toString("hex")}`;
}

/**
 * Takes the lease, or renews it for its holder. Portable SQL: one conditional UPDATE on a row the
 * migration created, so of two instances racing for an expired lease exactly one updates a row.
 */
export async function takeLease(db: DB, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable("audit_leases")
    .set({ holder, expires_at: nowIso(new Date(now.getTime() + ttlMs)) })
    .where("name", "=", LEASE)
    .where((eb) => eb.or([eb("holder", "=", holder), eb("expires_at", "<", nowIso(now))]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseLease(db: DB, holder: string): Promise<void> {
  await db
    .updateTable("audit_leases")
    .set({ holder: null, expires_at: nowIso(new Date(0)) })
    .where("name", "=", LEASE)
    .where("holder", "=", holder)
    .execute();
}

/**
 * The newest event, when its MAC verifies against its predecessor: a forged head is never
 * confirmed by a checkpoint (verification will name it).
 */
export async function genuineHead(db: DB, key: Buffer): Promise<{ seq: number; mac: string } | "forged" | null> {
  const [head, previous] = await db.selectFrom("audit_events").selectAll().orderBy("seq", "desc").limit(2).execute();
  if (!head?.mac) return null;
  const seq = Number(head.seq);
  const boundary = await db
    .selectFrom("audit_chain")
    .select(["legacy_until_seq", "legacy_until_hash"])
    .where("id", "=", "main")
    .executeTakeFirst();
  // After retention removed old segments the predecessor may be gone: the removal recorded its MAC.
  const pruned = previous
    ? undefined
    : await db
        .selectFrom("audit_prunes")
        .select(["seq", "mac"])
        .where("seq", "=", seq - 1)
        .executeTakeFirst();
  const chainedTo =
    boundary && seq === Number(boundary.legacy_until_seq) + 1
      ? genesisMac(key, seq - 1, boundary.legacy_until_hash)
      : previous && Number(previous.seq) === seq - 1
        ? previous.mac
        : (pruned?.mac ?? null);
  if (chainedTo === null || eventMac(key, { ...head, seq }, chainedTo) !== head.mac) return "forged";
  return { seq, mac: head.mac };
}

/** Appends one line and flushes it to disk before returning. */
export async function appendCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const file = await open(path, "a", 0o640);
  try {
    await file.write(`${JSON.stringify({ seq: checkpoint.seq, mac: checkpoint.mac, at: checkpoint.at })}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
}

/**
 * A restore from a backup (app/features/retention/backup.server.ts): the database went back to
 * `restoredSeq`, and `seq`/`mac` is the restore event written after it. Checkpoints written
 * before it that name later events describe a log the restore replaced.
 */
export interface RestoreMarker extends Checkpoint {
  restoredSeq: number;
}

/** Events lost by a restore: the checkpoints that named them were written before it. */
export interface LostByRestore {
  fromSeq: number;
  toSeq: number;
  restoredAt: string;
}

export async function appendRestoreMarker(path: string, marker: RestoreMarker): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const file = await open(path, "a", 0o640);
  try {
    await file.write(
      `${JSON.stringify({ seq: marker.seq, mac: marker.mac, at: marker.at, restoredSeq: marker.restoredSeq })}\n`,
    );
    await file.sync();
  } finally {
    await file.close();
  }
}

/**
 * Every readable checkpoint in the file (none when it does not exist), in the order written. A
 * restore marker drops the earlier checkpoints beyond the restored point and reports those
 * events as lost by the restore, so verification does not call them a deleted tail.
 */
export async function readCheckpoints(
  path: string,
): Promise<{ checkpoints: Checkpoint[]; unreadable: number; lostByRestore: LostByRestore[] }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return { checkpoints: [], unreadable: 0, lostByRestore: [] };
    throw error;
  }
  let checkpoints: Checkpoint[] = [];
  const lostByRestore: LostByRestore[] = [];
  let unreadable = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as Partial<RestoreMarker>;
      if (!(Number.isSafeInteger(value.seq) && typeof value.mac === "string" && typeof value.at === "string")) {
        unreadable++;
        continue;
      }
      if (Number.isSafeInteger(value.restoredSeq)) {
        const restoredSeq = value.restoredSeq as number;
        const dropped = checkpoints.filter((c) => c.seq > restoredSeq);
        if (dropped.length > 0) {
          lostByRestore.push({
            fromSeq: restoredSeq + 1,
            toSeq: Math.max(...dropped.map((c) => c.seq)),
            restoredAt: value.at,
          });
        }
        checkpoints = checkpoints.filter((c) => c.seq <= restoredSeq);
      }
      checkpoints.push({ seq: value.seq as number, mac: value.mac, at: value.at });
    } catch {
      unreadable++;
    }
  }
  return { checkpoints, unreadable, lostByRestore };
}

export interface CheckpointWriter {
  db: DB;
  key: Buffer;
  file: string;
  holder: string;
  /** How long a lease lasts without renewal: a stopped instance is replaced after this. */
  leaseMs: number;
  log?: (line: string) => void;
}

/**
 * One round: renew or take the lease, and if held, write a checkpoint when the head moved since
 * `lastSeq`. Returns the seq now checkpointed by this writer.
 */
export async function checkpointRound(writer: CheckpointWriter, lastSeq: number, now = new Date()): Promise<number> {
  if (!(await takeLease(writer.db, writer.holder, writer.leaseMs, now))) return lastSeq;
  const head = await genuineHead(writer.db, writer.key);
  const log = writer.log ?? console.log;
  if (head === "forged") {
    log("[samsyn] audit: the newest audit event does not verify; run `npm run audit:verify`");
    return lastSeq;
  }
  if (!head || head.seq === lastSeq) return lastSeq;
  const checkpoint = { seq: head.seq, mac: head.mac, at: nowIso(now) };
  await appendCheckpoint(writer.file, checkpoint);
  log(`[samsyn] audit checkpoint seq=${checkpoint.seq} mac=${checkpoint.mac} at=${checkpoint.at}`);
  return head.seq;
}

/** Runs checkpoint rounds every intervalMs until stopped (the timer never keeps the process alive). */
export function startCheckpoints(
  writer: Omit<CheckpointWriter, "leaseMs">,
  intervalMs: number,
): { stop: () => Promise<void> } {
  // Three missed renewals before another instance takes over.
  const full = { ...writer, leaseMs: intervalMs * 3 };
  let lastSeq = 0;
  let running: Promise<void> = Promise.resolve();
  const round = () => {
    running = running
      .then(async () => {
        lastSeq = await checkpointRound(full, lastSeq);
      })
      .catch((error: unknown) => {
        console.error(`[samsyn] audit checkpoint failed: ${error instanceof Error ? error.message : String(error)}`);
      });
  };
  round();
  const timer = setInterval(round, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      await releaseLease(writer.db, writer.holder).catch(() => undefined);
    },
  };
}
