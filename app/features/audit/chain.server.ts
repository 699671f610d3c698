// The audit chain's arithmetic (docs/decisions/0012-audit-chain.md). Every event is encoded the
// same way whatever the engine returned (numbers or strings for seq, text or Date for times), so
// SQLite and PostgreSQL produce the same bytes and therefore the same hash and MAC.
import { createHash, createHmac } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** The fields an event is made of, in the order they are encoded. The chain columns are not among them. */
export const EVENT_FIELDS = [
  "seq",
  "id",
  "occurred_at",
  "user_id",
  "organisation_id",
  "action",
  "record_type",
  "record_id",
  "person_id",
  "plan_id",
  "outcome",
  "details",
] as const;

type FieldValue = string | number | bigint | Date | null;
export type ChainEvent = Record<(typeof EVENT_FIELDS)[number], FieldValue>;

function text(name: string, value: FieldValue): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (name === "seq") return BigInt(value).toString();
  return String(value);
}

/**
 * Version tag, then one line per field: `name:null` or `name:<UTF-8 byte length>:<value>`. The
 * length prefix makes the encoding unambiguous whatever a value contains.
 */
export function canonicalEvent(event: ChainEvent): string {
  let out = "samsyn-audit-event-v1\n";
  for (const name of EVENT_FIELDS) {
    const value = text(name, event[name]);
    out += value === null ? `${name}:null\n` : `${name}:${Buffer.byteLength(value, "utf8")}:${value}\n`;
  }
  return out;
}

/** The unkeyed link: tells an edited row (hash no longer fits) from a rewritten chain (hash fits, MAC does not). */
export function eventHash(event: ChainEvent, prevHash: string): string {
  return createHash("sha256").update(canonicalEvent(event), "utf8").update(`prev:${prevHash}\n`, "utf8").digest("hex");
}

export function eventMac(key: Buffer, event: ChainEvent, prevMac: string): string {
  return createHmac("sha256", key)
    .update(canonicalEvent(event), "utf8")
    .update(`prev:${prevMac}\n`, "utf8")
    .digest("hex");
}

/**
 * What the first keyed event chains to: the boundary recorded by migration 0010 (the last event
 * written under the old rule, or 0 and the zero hash). Rewriting the old events changes the
 * boundary hash and so breaks this link.
 */
export function genesisMac(key: Buffer, boundarySeq: number, boundaryHash: string): string {
  return createHmac("sha256", key)
    .update(`samsyn-audit-genesis-v1\nseq:${boundarySeq}\nhash:${boundaryHash}\n`, "utf8")
    .digest("hex");
}

/** The rule events were hashed by before migration 0010: unkeyed SHA-256 over JSON, seq not included. */
export function legacyHash(event: Omit<ChainEvent, "seq"> & { prev_hash: string }): string {
  const canonical = [
    event.id,
    event.occurred_at,
    event.user_id,
    event.organisation_id,
    event.action,
    event.record_type,
    event.record_id,
    event.person_id,
    event.plan_id,
    event.outcome,
    event.details,
    event.prev_hash,
  ];
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}
