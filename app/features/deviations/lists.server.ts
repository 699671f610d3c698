// The lists of the deviation log: the coordinator's inbox and export, a manager's routine cases,
// the cases routed to a contact's organisation, the reporter's own reports and the cases published to steering
// members. Each is scoped in SQL to what the deviation policy lets the user see.
import type { DB } from "#db/client.server";
import type { DeviationStatus } from "#db/schema";
import { actorOf } from "~/features/access/current-user";
import {
  coordinatedPartnerships,
  managesRoutineCases,
  mayAnswerDeviations,
  steeredPartnerships,
} from "~/features/access/deviation-policy";
import { audit } from "~/features/audit/audit.server";
import { partnershipMembers, partnershipNames } from "~/features/organisations/organisations.server";
import { likePattern, pageOf, PAGE_SIZE, type Page } from "~/lib/pagination";
import { notFoundFailure, ok, type Result } from "~/lib/result";
import { todayInStockholm } from "~/lib/time";
import type { DeviationFilter } from "./deviations.schema";
import {
  toExportRow,
  toInboxItem,
  toOwnReport,
  toPublishedItem,
  toRoutedItem,
  type ExportRow,
  type InboxItem,
  type OwnReport,
  type PublishedItem,
  type RoutedItem,
} from "./mapping";
import type { DeviationUser } from "./workflow.server";

/** The coordinator's cases: routine cases handled by managers are never listed here. */
function inPartnership(db: DB, partnershipId: string, filter: DeviationFilter) {
  let q = db
    .selectFrom("deviations")
    .where("deviations.partnership_id", "=", partnershipId)
    .where("deviations.handler", "=", "coordinator");
  if (filter.status === undefined) q = q.where("deviations.status", "!=", "closed");
  else if (filter.status !== "all") q = q.where("deviations.status", "=", filter.status);
  if (filter.category) q = q.where("deviations.category", "=", filter.category);
  if (filter.kind) q = q.where("deviations.kind", "=", filter.kind);
  if (filter.from) q = q.where("deviations.event_date", ">=", filter.from);
  if (filter.to) q = q.where("deviations.event_date", "<=", filter.to);
  if (filter.partyId) {
    const partyId = filter.partyId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("deviation_parties")
          .select("deviation_parties.deviation_id")
          .whereRef("deviation_parties.deviation_id", "=", "deviations.id")
          .where("deviation_parties.organisation_id", "=", partyId),
      ),
    );
  }
  if (filter.q) {
    const pattern = likePattern(filter.q);
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["deviations.description"]), "like", pattern),
        eb(eb.fn("lower", ["deviations.summary"]), "like", pattern),
      ]),
    );
  }
  return q;
}

const LIST_COLUMNS = [
  "deviations.id",
  "deviations.number",
  "deviations.status",
  "deviations.event_date",
  "deviations.kind",
  "deviations.category",
  "deviations.consequence",
  "deviations.summary",
  "deviations.description",
  "deviations.answer_by",
  "deviations.published_at",
  "deviations.agenda_date",
  "deviations.created_at",
] as const;

export type Inbox = Page<InboxItem> & { counts: Partial<Record<DeviationStatus, number>> };

/** The coordinator's inbox for one partnership, filtered, with counts per status; null for anyone else. */
export async function coordinatorInbox(
  db: DB,
  user: DeviationUser,
  partnershipId: string,
  filter: DeviationFilter,
  page: number,
  today = todayInStockholm(),
): Promise<Inbox | null> {
  if (!coordinatedPartnerships(user).includes(partnershipId)) return null;
  const filtered = inPartnership(db, partnershipId, filter);
  // Without filters other than the status, the total is one of the per-status counts: counting
  // a partnership's cases twice costs what the whole log holds, twice. The closed cases (most of
  // the log) are only counted when they are shown.
  const totalFromCounts = Object.entries(filter).every(([key, value]) => key === "status" || value === undefined);
  const withClosed = filter.status === "all" || filter.status === "closed";
  const [items, count, counts] = await Promise.all([
    filtered
      .select([
        ...LIST_COLUMNS,
        (eb) =>
          eb
            .selectFrom("deviation_routes")
            .select((e) => e.fn.countAll<number>().as("n"))
            .whereRef("deviation_routes.deviation_id", "=", "deviations.id")
            .where("deviation_routes.answered_at", "is", null)
            .where("deviation_routes.answer_by", "<", today)
            .as("overdue_routes"),
      ])
      // Ordered by the whole key of deviations_partnership_created_idx (the partnership is fixed),
      // so the planner reads the newest cases from that index instead of sorting every case of
      // the partnership (it cannot tell the two apart without statistics).
      .orderBy("deviations.partnership_id", "desc")
      .orderBy("deviations.created_at", "desc")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    totalFromCounts ? null : filtered.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    inPartnership(db, partnershipId, { ...filter, status: withClosed ? "all" : undefined })
      .select(["deviations.status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("deviations.status")
      .execute(),
  ]);
  const total = count
    ? Number(count.total)
    : counts
        .filter((c) => filter.status === undefined || filter.status === "all" || c.status === filter.status)
        .reduce((sum, c) => sum + Number(c.n), 0);
  return {
    ...pageOf(
      items.map((i) => toInboxItem(i, Number(i.overdue_routes ?? 0) > 0)),
      total,
      page,
    ),
    counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
  };
}

/**
 * Every row of the filtered inbox for the CSV export: the summary, never the reporter or the
 * reporter's text. The partnership defaults to the first one the user coordinates. Audited.
 */
export async function exportDeviations(
  db: DB,
  user: DeviationUser,
  partnershipId: string | undefined,
  filter: DeviationFilter,
): Promise<Result<ExportRow[]>> {
  const coordinated = coordinatedPartnerships(user);
  const chosen = partnershipId ?? coordinated[0];
  if (!chosen || !coordinated.includes(chosen)) return notFoundFailure();
  const rows = await inPartnership(db, chosen, filter)
    .select([
      "deviations.number",
      "deviations.status",
      "deviations.event_date",
      "deviations.kind",
      "deviations.category",
      "deviations.consequence",
      "deviations.summary",
      "deviations.answer_by",
      "deviations.closing_outcome",
      "deviations.escalation_level",
      "deviations.closed_at",
    ])
    .orderBy("deviations.number")
    .execute();
  await audit(db, {
    actor: actorOf(user),
    action: "deviation.export",
    recordType: "deviation",
    details: { rows: rows.length },
  });
  return ok(rows.map(toExportRow));
}

/** Routine cases about the manager's own organisation, open ones first; null for non-managers. */
export async function managerInbox(db: DB, user: DeviationUser, page: number): Promise<Page<InboxItem> | null> {
  if (!managesRoutineCases(user)) return null;
  const query = db
    .selectFrom("deviations")
    .where("deviations.routine_organisation_id", "=", user.organisationId)
    .where("deviations.handler", "=", "manager");
  const [items, count] = await Promise.all([
    query
      .select(LIST_COLUMNS)
      .orderBy((eb) => eb.case().when("deviations.status", "=", "closed").then(1).else(0).end())
      .orderBy("deviations.created_at", "desc")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return pageOf(
    items.map((i) => toInboxItem(i, false)),
    Number(count.total),
    page,
  );
}

/** Cases routed to the contact's organisation, never showing who reported them; null for non-contacts. */
export async function contactInbox(
  db: DB,
  user: DeviationUser,
  page: number,
  today = todayInStockholm(),
): Promise<Page<RoutedItem> | null> {
  if (!mayAnswerDeviations(user)) return null;
  const query = db
    .selectFrom("deviations")
    .innerJoin("deviation_routes", "deviation_routes.deviation_id", "deviations.id")
    .innerJoin("partnerships", "partnerships.id", "deviations.partnership_id")
    .where("deviation_routes.organisation_id", "=", user.organisationId);
  const [items, count] = await Promise.all([
    query
      .select([
        "deviations.id",
        "deviations.number",
        "deviations.status",
        "deviations.category",
        "deviations.summary",
        "deviation_routes.answer_by",
        "deviation_routes.answered_at",
        "partnerships.name as partnership_name",
      ])
      .orderBy("deviation_routes.answered_at", (ob) => ob.nullsFirst())
      .orderBy("deviation_routes.answer_by")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return pageOf(
    items.map((i) => toRoutedItem(i, today)),
    Number(count.total),
    page,
  );
}

/** The user's own reports. */
export async function myReports(db: DB, user: DeviationUser, page: number): Promise<Page<OwnReport>> {
  const query = db
    .selectFrom("deviations")
    .innerJoin("partnerships", "partnerships.id", "deviations.partnership_id")
    .where("deviations.reporter_id", "=", user.id);
  const [items, count] = await Promise.all([
    query
      .select([
        "deviations.id",
        "deviations.number",
        "deviations.status",
        "deviations.event_date",
        "deviations.category",
        "deviations.created_at",
        "deviations.closing_outcome",
        "deviations.summary",
        "deviations.description",
        "partnerships.name as partnership_name",
      ])
      .orderBy("deviations.created_at", "desc")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return pageOf(items.map(toOwnReport), Number(count.total), page);
}

/** Cases published to the partnerships the user steers: the summary only; null for non-members. */
export async function publishedCases(db: DB, user: DeviationUser, page: number): Promise<Page<PublishedItem> | null> {
  const partnershipIds = steeredPartnerships(user);
  if (partnershipIds.length === 0) return null;
  const query = db
    .selectFrom("deviations")
    .innerJoin("partnerships", "partnerships.id", "deviations.partnership_id")
    .where("deviations.partnership_id", "in", partnershipIds)
    .where("deviations.published_at", "is not", null);
  const [items, count] = await Promise.all([
    query
      .select([
        "deviations.id",
        "deviations.number",
        "deviations.status",
        "deviations.category",
        "deviations.summary",
        "deviations.published_at",
        "deviations.agenda_date",
        "partnerships.name as partnership_name",
      ])
      .orderBy("deviations.published_at", "desc")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return pageOf(items.map(toPublishedItem), Number(count.total), page);
}

/**
 * The deviation start page: the coordinator's inbox (for the requested partnership among those
 * they coordinate, else the first), the cases routed to a contact, and the published cases a
 * steering member reads. Each part is null for those it is not for.
 */
export async function deviationsIndex(
  db: DB,
  user: DeviationUser,
  { partnershipId, filter, page }: { partnershipId?: string | null; filter: DeviationFilter; page: number },
) {
  const coordinated = coordinatedPartnerships(user);
  let coordinator = null;
  if (coordinated.length > 0) {
    const names = await partnershipNames(db, coordinated);
    const chosen = partnershipId && coordinated.includes(partnershipId) ? partnershipId : coordinated[0];
    coordinator = {
      partnershipId: chosen,
      partnerships: coordinated.map((id) => ({ id, name: names.get(id) ?? id })),
      filter,
      organisations: (await partnershipMembers(db, chosen)).map((o) => ({ id: o.id, name: o.name })),
      inbox: (await coordinatorInbox(db, user, chosen, filter, page))!,
    };
  }
  return {
    coordinator,
    // With an inbox on the same page, the other lists show their first page only.
    manager: await managerInbox(db, user, coordinator ? 1 : page),
    contact: await contactInbox(db, user, coordinator ? 1 : page),
    steering: await publishedCases(db, user, 1),
  };
}
