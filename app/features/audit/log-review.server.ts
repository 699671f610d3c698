// Log review ("loggkontroll"): an auditor reads their own organisation's log, filtered by person,
// user, plan and date, in words. Reviewing is itself audited.
import type { DB } from "#db/client.server";
import { actorOf, type CurrentUser } from "~/features/access/current-user";
import { can } from "~/features/access/policy";
import { normaliseIdentityNumber } from "~/features/persons/identity-number";
import { pageOf, type Page } from "~/lib/pagination";
import { fail, ok, type Result } from "~/lib/result";
import { dateTimeFormat, TIME_ZONE } from "~/lib/time";
import { audit } from "./audit.server";
import { actionKey, recordTypeKey, type ActionKey, type RecordTypeKey } from "./event-words.server";
import { verifyAuditLog, type ChainReport } from "./verify.server";

export const LOG_PAGE_SIZE = 50;

/** The filter as the form shows it; identityNumber as YYYYMMDD-NNNN or empty. */
export type LogFilter = {
  userId: string;
  identityNumber: string;
  planId: string;
  /** YYYY-MM-DD, inclusive, days in Sweden. */
  from: string;
  to: string;
};

export const NO_FILTER: LogFilter = { userId: "", identityNumber: "", planId: "", from: "", to: "" };

/** One event as the auditor reads it: translation keys, never codes. */
export interface LogEntry {
  seq: number;
  occurredAt: string;
  userName: string | null;
  actionKey: ActionKey;
  recordTypeKey: RecordTypeKey;
  recordId: string | null;
  outcome: "allowed" | "denied";
}

export interface LogReview {
  users: { id: string; name: string }[];
  filter: LogFilter;
  events: Page<LogEntry>;
  /** An identity number was given and the organisation's own log mentions no one with it. */
  unknownPerson: boolean;
  chain: (ChainReport & { unreadableCheckpoints: number }) | null;
}

/**
 * The persons with this identity number that the organisation's own log mentions. The review's
 * only way from a number to a person, so its answer depends on that log alone and says nothing
 * about plans elsewhere. (Where identities are stored is this function's business only.)
 */
export async function loggedPersonIds(db: DB, organisationId: string, twelveDigits: string): Promise<string[]> {
  const rows = await db
    .selectFrom("persons")
    .select("persons.id")
    .where("persons.identity_number", "=", twelveDigits)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("audit_events")
          .select("audit_events.seq")
          .whereRef("audit_events.person_id", "=", "persons.id")
          .where("audit_events.organisation_id", "=", organisationId),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

async function organisationUsers(db: DB, organisationId: string) {
  return db
    .selectFrom("users")
    .select(["id", "name"])
    .where("organisation_id", "=", organisationId)
    .orderBy("name")
    .execute();
}

function offsetMs(instant: number): number {
  const parts = dateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second")) - instant;
}

/** The UTC instant a day begins in Sweden, as stored timestamps are written. */
export function swedishDayStart(date: string): string {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  let instant = midnightUtc - offsetMs(midnightUtc);
  instant = midnightUtc - offsetMs(instant);
  return new Date(instant).toISOString();
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function searchEvents(
  db: DB,
  organisationId: string,
  where: { userId?: string; personIds?: string[]; planId?: string; from?: string; to?: string },
  page: number,
): Promise<Page<LogEntry>> {
  // Nobody in the log by that number: nothing to show (and `in ()` is not SQL PostgreSQL accepts).
  if (where.personIds?.length === 0) return pageOf([], 0, 1, LOG_PAGE_SIZE);
  let query = db
    .selectFrom("audit_events")
    .leftJoin("users", "users.id", "audit_events.user_id")
    .where("audit_events.organisation_id", "=", organisationId);
  if (where.userId) query = query.where("audit_events.user_id", "=", where.userId);
  if (where.personIds) query = query.where("audit_events.person_id", "in", where.personIds);
  if (where.planId) query = query.where("audit_events.plan_id", "=", where.planId);
  if (where.from) query = query.where("audit_events.occurred_at", ">=", swedishDayStart(where.from));
  if (where.to) query = query.where("audit_events.occurred_at", "<", swedishDayStart(nextDay(where.to)));
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const pages = Math.max(1, Math.ceil(Number(total) / LOG_PAGE_SIZE));
  const current = Math.min(page, pages);
  const rows = await query
    .select([
      "audit_events.seq",
      "audit_events.occurred_at",
      "audit_events.action",
      "audit_events.record_type",
      "audit_events.record_id",
      "audit_events.outcome",
      "users.name as user_name",
    ])
    .orderBy("audit_events.seq", "desc")
    .limit(LOG_PAGE_SIZE)
    .offset((current - 1) * LOG_PAGE_SIZE)
    .execute();
  const items = rows.map((r): LogEntry => ({
    seq: Number(r.seq),
    occurredAt: r.occurred_at,
    userName: r.user_name,
    actionKey: actionKey(r.action),
    recordTypeKey: recordTypeKey(r.record_type),
    recordId: r.record_id,
    outcome: r.outcome,
  }));
  return pageOf(items, Number(total), current, LOG_PAGE_SIZE);
}

/**
 * The log review page for an auditor: the organisation's users, the filtered events and, when
 * asked, the chain check. Only the auditor's own organisation's log is read.
 */
export async function logReviewPage(
  db: DB,
  user: CurrentUser,
  { filter, page = 1, verify = false }: { filter: LogFilter; page?: number; verify?: boolean },
): Promise<Result<LogReview>> {
  if (!can(user, "audit:review")) return fail("not_found");
  const organisationId = user.organisationId;
  const users = await organisationUsers(db, organisationId);
  const number = filter.identityNumber ? normaliseIdentityNumber(filter.identityNumber) : null;
  const personIds = filter.identityNumber
    ? number
      ? await loggedPersonIds(db, organisationId, number)
      : []
    : undefined;
  const chain = verify ? await verifyAuditLog(db) : null;
  await audit(db, {
    actor: actorOf(user),
    action: verify ? "audit.verify" : "audit.review",
    recordType: "audit_log",
    personId: personIds?.length === 1 ? personIds[0] : null,
  });
  const events = await searchEvents(
    db,
    organisationId,
    {
      userId: users.some((u) => u.id === filter.userId) ? filter.userId : undefined,
      personIds,
      planId: filter.planId || undefined,
      from: filter.from || undefined,
      to: filter.to || undefined,
    },
    page,
  );
  return ok({ users, filter, events, unknownPerson: personIds !== undefined && personIds.length === 0, chain });
}
