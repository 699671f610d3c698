// Reading the register: the list (the coordinator's partnerships and what the user owns, in one
// WHERE built from the improvement policy), one improvement's page, and what the form offers.
import { sql, type ExpressionBuilder } from "kysely";
import type { DB } from "#db/client.server";
import type { Database, DeviationCategory, ImprovementSource, ImprovementStatus } from "#db/schema";
import { actorOf } from "~/features/access/current-user";
import { ownsForOrganisation, recordingPartnerships, type ImprovementView } from "~/features/access/improvement-policy";
import { audit } from "~/features/audit/audit.server";
import { partnershipNames } from "~/features/organisations/organisations.server";
import { likePattern, PAGE_SIZE, pageOf, type Page } from "~/lib/pagination";
import { fail, notFoundFailure, ok, type Result } from "~/lib/result";
import { todayInStockholm } from "~/lib/time";
import type { ImprovementFilter } from "./improvements.schema";
import { improvementAccessFor, sourceCaseFor, type ImprovementUser } from "./register.server";

/** A WHERE fragment over `improvements`: exactly those the user may see (improvement-policy.ts). */
export function improvementFilterFor(user: ImprovementUser) {
  return (eb: ExpressionBuilder<Database, "improvements">) => {
    const coordinated = recordingPartnerships(user);
    const own = eb("improvements.owner_organisation_id", "=", user.organisationId);
    const mine = ownsForOrganisation(user) ? own : eb.and([own, eb("improvements.owner_contact_id", "=", user.id)]);
    return coordinated.length > 0 ? eb.or([eb("improvements.partnership_id", "in", coordinated), mine]) : mine;
  };
}

export interface ImprovementListItem {
  id: string;
  title: string;
  partnershipName: string;
  ownerOrganisationName: string;
  dueDate: string;
  status: ImprovementStatus;
  overdue: boolean;
}

export async function improvementsIndex(
  db: DB,
  user: ImprovementUser,
  { filter, page }: { filter: ImprovementFilter; page: number },
  today = todayInStockholm(),
): Promise<{ list: Page<ImprovementListItem>; mayRecord: boolean; candidates: CandidateCase[] }> {
  const status = filter.status ?? "open";
  let query = db
    .selectFrom("improvements")
    .innerJoin("partnerships", "partnerships.id", "improvements.partnership_id")
    .innerJoin("organisations", "organisations.id", "improvements.owner_organisation_id")
    .where(improvementFilterFor(user));
  if (status === "overdue") query = query.where("improvements.status", "=", "open").where("due_date", "<", today);
  else if (status !== "all") query = query.where("improvements.status", "=", status);
  if (filter.q) query = query.where(sql<string>`lower(improvements.title)`, "like", likePattern(filter.q));
  const { n } = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .select([
      "improvements.id",
      "improvements.title",
      "partnerships.name as partnership_name",
      "organisations.name as owner_name",
      "improvements.due_date",
      "improvements.status",
    ])
    .orderBy("improvements.due_date")
    .orderBy("improvements.id")
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    title: r.title,
    partnershipName: r.partnership_name,
    ownerOrganisationName: r.owner_name,
    dueDate: r.due_date,
    status: r.status,
    overdue: r.status === "open" && r.due_date < today,
  }));
  return {
    list: pageOf(items, Number(n), page),
    mayRecord: recordingPartnerships(user).length > 0,
    candidates: await candidateCases(db, user),
  };
}

export interface CandidateCase {
  id: string;
  number: number;
  partnershipName: string;
  kind: "closed_case" | "escalated_case";
  summary: string;
}

/**
 * The coordinator's cases an improvement may come from and none has yet: closed with an
 * improvement agreed, or escalated. Coordinator-handled cases of their partnerships only (the
 * deviation policy's coordinator view), newest first, at most ten.
 */
async function candidateCases(db: DB, user: ImprovementUser): Promise<CandidateCase[]> {
  const partnershipIds = recordingPartnerships(user);
  if (partnershipIds.length === 0) return [];
  const rows = await db
    .selectFrom("deviations")
    .innerJoin("partnerships", "partnerships.id", "deviations.partnership_id")
    .select([
      "deviations.id",
      "deviations.number",
      "partnerships.name as partnership_name",
      "deviations.summary",
      "deviations.closing_outcome",
      "deviations.escalation_level",
    ])
    .where("deviations.partnership_id", "in", partnershipIds)
    .where("deviations.handler", "=", "coordinator")
    .where((eb) =>
      eb.or([
        eb.and([eb("deviations.status", "=", "closed"), eb("deviations.closing_outcome", "=", "improvement_agreed")]),
        eb("deviations.closing_outcome", "=", "escalated"),
        eb("deviations.escalation_level", "is not", null),
      ]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("improvements")
            .select("improvements.id")
            .whereRef("improvements.source_deviation_id", "=", "deviations.id"),
        ),
      ),
    )
    .orderBy("deviations.updated_at", "desc")
    .limit(10)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    partnershipName: r.partnership_name,
    kind: r.closing_outcome === "escalated" || r.escalation_level !== null ? "escalated_case" : "closed_case",
    summary: r.summary,
  }));
}

export interface ImprovementDetail {
  id: string;
  title: string;
  description: string;
  partnershipName: string;
  ownerOrganisationName: string;
  ownerContactName: string | null;
  dueDate: string;
  categories: DeviationCategory[];
  sourceKind: ImprovementSource;
  /** The source case's number and id, only for the coordinator (who may open the case). */
  sourceCase: { id: string; number: number } | null;
  status: ImprovementStatus;
  statusNote: string;
  doneAt: string | null;
  droppedAt: string | null;
  version: number;
  overdue: boolean;
  updatedAt: string;
}

/** One improvement as the coordinator or an owner sees it; anyone else: not_found. The read is audited. */
export async function improvementPage(
  db: DB,
  user: ImprovementUser,
  id: string,
  today = todayInStockholm(),
): Promise<Result<{ improvement: ImprovementDetail; views: ImprovementView[] }>> {
  const access = await improvementAccessFor(db, user, id, "read");
  if (!access) return notFoundFailure();
  const r = await db
    .selectFrom("improvements")
    .innerJoin("partnerships", "partnerships.id", "improvements.partnership_id")
    .innerJoin("organisations", "organisations.id", "improvements.owner_organisation_id")
    .leftJoin("users", "users.id", "improvements.owner_contact_id")
    .leftJoin("deviations", "deviations.id", "improvements.source_deviation_id")
    .selectAll("improvements")
    .select([
      "partnerships.name as partnership_name",
      "organisations.name as owner_name",
      "users.name as contact_name",
      "deviations.number as case_number",
    ])
    .where("improvements.id", "=", access.id)
    .executeTakeFirstOrThrow();
  const categories = await db
    .selectFrom("improvement_categories")
    .select("category")
    .where("improvement_id", "=", access.id)
    .orderBy("category")
    .execute();
  await audit(db, { actor: actorOf(user), action: "improvement.read", recordType: "improvement", recordId: access.id });
  const coordinator = access.views.includes("coordinator");
  return ok({
    views: access.views,
    improvement: {
      id: r.id,
      title: r.title,
      description: r.description,
      partnershipName: r.partnership_name,
      ownerOrganisationName: r.owner_name,
      ownerContactName: r.contact_name,
      dueDate: r.due_date,
      categories: categories.map((c) => c.category),
      sourceKind: r.source_kind,
      sourceCase:
        coordinator && r.source_deviation_id && r.case_number !== null
          ? { id: r.source_deviation_id, number: r.case_number }
          : null,
      status: r.status,
      statusNote: r.status_note,
      doneAt: r.done_at,
      droppedAt: r.dropped_at,
      version: r.version,
      overdue: r.status === "open" && r.due_date < today,
      updatedAt: r.updated_at,
    },
  });
}

export interface RecordForm {
  partnerships: { id: string; name: string }[];
  organisations: { id: string; name: string; partnershipIds: string[] }[];
  contacts: { id: string; name: string; organisationId: string }[];
  source: { id: string; number: number; kind: Exclude<ImprovementSource, "own"> } | null;
  defaults: { partnershipId?: string; title?: string; categories?: string[]; sourceDeviationId?: string };
}

/**
 * What the form offers a coordinator: their partnerships, the member organisations and their
 * staff to name as contact. `from` prefills it from a case the user coordinates (else not_found).
 */
export async function recordForm(
  db: DB,
  user: ImprovementUser,
  from: string | undefined,
): Promise<Result<RecordForm, "not_eligible">> {
  const partnershipIds = recordingPartnerships(user);
  if (partnershipIds.length === 0) return notFoundFailure();
  const source = from ? await sourceCaseFor(db, user, from) : undefined;
  if (source === null) return notFoundFailure();
  if (source === "not_eligible") return fail("not_eligible");
  const names = await partnershipNames(db, partnershipIds);
  const memberships = await db
    .selectFrom("organisation_partnerships")
    .innerJoin("organisations", "organisations.id", "organisation_partnerships.organisation_id")
    .select(["organisations.id", "organisations.name", "organisation_partnerships.partnership_id"])
    .where("organisation_partnerships.partnership_id", "in", partnershipIds)
    .orderBy("organisations.name")
    .execute();
  const organisations = new Map<string, { id: string; name: string; partnershipIds: string[] }>();
  for (const m of memberships) {
    const o = organisations.get(m.id) ?? { id: m.id, name: m.name, partnershipIds: [] };
    o.partnershipIds.push(m.partnership_id);
    organisations.set(m.id, o);
  }
  const contacts =
    organisations.size === 0
      ? []
      : await db
          .selectFrom("users")
          .select(["id", "name", "organisation_id"])
          .where("organisation_id", "in", [...organisations.keys()])
          .where("disabled_at", "is", null)
          .orderBy("name")
          .limit(1000)
          .execute();
  return ok({
    partnerships: partnershipIds.map((id) => ({ id, name: names.get(id) ?? id })),
    organisations: [...organisations.values()],
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, organisationId: c.organisation_id })),
    source: source ? { id: source.id, number: source.number, kind: source.kind } : null,
    defaults: source
      ? {
          partnershipId: source.partnershipId,
          title: source.summary.slice(0, 200) || undefined,
          categories: [source.category],
          sourceDeviationId: source.id,
        }
      : { partnershipId: partnershipIds.length === 1 ? partnershipIds[0] : undefined },
  });
}
