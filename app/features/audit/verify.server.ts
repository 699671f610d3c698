// The auditor's tamper check (docs/decisions/0012-audit-chain.md): walks the log from the start
// and names what it finds. An attacker with write access to the database but without the key
// can hide none of these (except deleting events newer than the last checkpoint, the window the
// checkpoint interval leaves):
//   edited_event     – an event no longer fits its own hash or its predecessor's (a row changed in place)
//   deleted_middle   – a gap in seq (events removed, whatever was recomputed after them)
//   deleted_tail     – a checkpoint (kept outside the database) names an event that is gone or replaced
//   recomputed_chain – the links are consistent but the MAC is not, at an event known to have existed
//   forged_event     – the same, in the events after the last genuine one: appended by someone without the key
import type { DB } from "#db/client.server";
import { getEnv } from "~/lib/env.server";
import { eventHash, eventMac, GENESIS_HASH, genesisMac, legacyHash } from "./chain.server";
import { readCheckpoints, type Checkpoint, type LostByRestore } from "./checkpoints.server";
import { checkpointFilePath } from "./config.server";
import { auditKey } from "./key.server";

export const TAMPER_KINDS = [
  "edited_event",
  "deleted_middle",
  "deleted_tail",
  "recomputed_chain",
  "forged_event",
] as const;
export type TamperKind = (typeof TAMPER_KINDS)[number];

/** Events fromSeq..toSeq (inclusive) show this kind of tampering. */
export interface Finding {
  kind: TamperKind;
  fromSeq: number;
  toSeq: number;
}

export interface ChainReport {
  ok: boolean;
  /** Events read. */
  checked: number;
  lastSeq: number;
  /** Checkpoints compared with the log. */
  checkpoints: number;
  findings: Finding[];
  /** More findings than are listed. */
  truncated: boolean;
}

const BATCH = 5000;
const MAX_FINDINGS = 100;

class Findings {
  readonly list: Finding[] = [];
  truncated = false;

  add(kind: TamperKind, fromSeq: number, toSeq = fromSeq) {
    const last = this.list.at(-1);
    if (last && last.kind === kind && last.toSeq + 1 >= fromSeq) {
      last.toSeq = Math.max(last.toSeq, toSeq);
      return;
    }
    if (this.list.length >= MAX_FINDINGS) this.truncated = true;
    else this.list.push({ kind, fromSeq, toSeq });
  }
}

async function boundaryOf(db: DB): Promise<{ seq: number; hash: string }> {
  const row = await db.selectFrom("audit_chain").selectAll().where("id", "=", "main").executeTakeFirst();
  // Without the record every event must carry a valid MAC: the strictest reading.
  return row ? { seq: Number(row.legacy_until_seq), hash: row.legacy_until_hash } : { seq: 0, hash: GENESIS_HASH };
}

/** Where old segments were removed (retention), if they were: verification starts after it. */
async function prunedUntil(db: DB): Promise<{ seq: number; hash: string; mac: string } | null> {
  const row = await db.selectFrom("audit_prunes").selectAll().orderBy("seq", "desc").limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash, mac: row.mac } : null;
}

export async function verifyAuditChain(
  db: DB,
  { key, checkpoints = [] }: { key: Buffer; checkpoints?: Checkpoint[] },
): Promise<ChainReport> {
  const boundary = await boundaryOf(db);
  const pruned = await prunedUntil(db);
  const expectedMacs = new Map<number, Set<string>>();
  for (const c of checkpoints) {
    // Checkpoints inside a removed segment name events that are meant to be gone.
    if (pruned && c.seq <= pruned.seq) continue;
    expectedMacs.set(c.seq, (expectedMacs.get(c.seq) ?? new Set()).add(c.mac));
  }

  const findings = new Findings();
  const suspects: number[] = [];
  const cutAt: number[] = [];
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let prevMac: string | null = null;
  let lastGenuine = boundary.seq;
  let checked = 0;
  if (pruned) {
    // A removal is genuine only at a checkpoint kept outside the database; one recorded without
    // it hides the events it removed.
    if (!checkpoints.some((c) => c.seq === pruned.seq && c.mac === pruned.mac)) {
      findings.add("deleted_middle", 1, pruned.seq);
    }
    expected = pruned.seq + 1;
    prevHash = pruned.hash;
    prevMac = pruned.mac;
    lastGenuine = Math.max(lastGenuine, pruned.seq);
  }

  for (;;) {
    const batch = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("seq", ">", expected - 1)
      .orderBy("seq")
      .limit(BATCH)
      .execute();
    if (batch.length === 0) break;
    for (const row of batch) {
      const seq = Number(row.seq);
      const event = { ...row, seq };
      const gap = seq !== expected;
      if (gap) findings.add("deleted_middle", expected, seq - 1);
      // After a gap the predecessor is gone: only the event's own consistency can be checked.
      const linked = gap || row.prev_hash === prevHash;
      if (seq <= boundary.seq) {
        if (!linked || legacyHash(row) !== row.hash) findings.add("edited_event", seq);
        else if (seq === boundary.seq && row.hash !== boundary.hash) findings.add("recomputed_chain", seq);
      } else if (!linked || eventHash(event, row.prev_hash) !== row.hash) {
        findings.add("edited_event", seq);
      } else if (!gap) {
        const chainedTo = seq === boundary.seq + 1 ? genesisMac(key, boundary.seq, boundary.hash) : (prevMac ?? "");
        if (row.mac !== null && eventMac(key, event, chainedTo) === row.mac) {
          lastGenuine = seq;
        } else {
          suspects.push(seq);
        }
      }
      for (const mac of expectedMacs.get(seq) ?? []) if (mac !== row.mac) cutAt.push(seq);
      prevHash = row.hash;
      prevMac = row.mac;
      expected = seq + 1;
      checked++;
    }
  }

  const lastSeq = expected - 1;
  let lastCheckpoint = 0;
  for (const seq of expectedMacs.keys()) lastCheckpoint = Math.max(lastCheckpoint, seq);
  if (boundary.seq > lastSeq) findings.add("deleted_tail", lastSeq + 1, boundary.seq);
  if (lastCheckpoint > lastSeq) findings.add("deleted_tail", lastSeq + 1, lastCheckpoint);
  // An event a checkpoint saw, or one followed by a genuine event, existed: its MAC failing means
  // it was rewritten. Failing events after every genuine and every checkpointed one were appended.
  const existed = Math.max(lastGenuine, Math.min(lastCheckpoint, lastSeq));
  for (const seq of suspects) findings.add(seq <= existed ? "recomputed_chain" : "forged_event", seq);
  const suspect = new Set(suspects);
  // A checkpointed event replaced by one with a valid MAC: the end was cut and the log went on.
  for (const seq of cutAt) if (!suspect.has(seq)) findings.add("deleted_tail", seq);

  const list = findings.list.sort((a, b) => a.fromSeq - b.fromSeq || a.kind.localeCompare(b.kind));
  return {
    ok: list.length === 0,
    checked,
    lastSeq,
    checkpoints: checkpoints.length,
    findings: list,
    truncated: findings.truncated,
  };
}

/** The check as the auditor and the command line run it: this process's key and checkpoint file. */
export async function verifyAuditLog(
  db: DB,
  { key = auditKey(), checkpointFile = checkpointFilePath(getEnv()) }: { key?: Buffer; checkpointFile?: string } = {},
): Promise<ChainReport & { unreadableCheckpoints: number; lostByRestore: LostByRestore[] }> {
  const { checkpoints, unreadable, lostByRestore } = await readCheckpoints(checkpointFile);
  return { ...(await verifyAuditChain(db, { key, checkpoints })), unreadableCheckpoints: unreadable, lostByRestore };
}
