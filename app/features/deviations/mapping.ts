// The one row-to-domain mapping of the deviation log: snake_case rows in, the camelCase objects
// components and other features read out. Isomorphic types; no queries here.
import type { Selectable } from "kysely";
import type { DeviationStatus, DeviationTable } from "#db/schema";
import type { DeviationView } from "~/features/access/deviation-policy";

type Deviation = Selectable<DeviationTable>;
type CaseRow = Deviation & { partnership_name: string };

export interface CaseParty {
  id: string;
  name: string;
}

export interface CaseRoute {
  /** The routed organisation. */
  id: string;
  name: string;
  routedAt: string;
  answerBy: string;
  answeredAt: string | null;
  overdue: boolean;
}

export interface CaseAnswer {
  id: string;
  body: string;
  createdAt: string;
  organisationId: string;
  organisationName: string;
}

export interface CaseMessage {
  id: string;
  kind: "question" | "reply";
  body: string;
  createdAt: string;
}

export interface CaseEvent {
  id: string;
  change: string;
  occurredAt: string;
  userName: string;
  details: Record<string, unknown> | null;
}

export interface CaseReporter {
  name: string;
  email: string;
  organisationName: string;
  role: string;
}

/** A case as one user may see it. Texts the user may not read are empty, never missing by accident. */
export interface DeviationCase {
  id: string;
  number: number;
  partnershipId: string;
  partnershipName: string;
  status: DeviationStatus;
  eventDate: string;
  kind: Deviation["kind"];
  /** "manager": a routine case handled inside the organisation whose routine was not followed. */
  handler: Deviation["handler"];
  category: Deviation["category"];
  consequence: Deviation["consequence"];
  /** The reporter's own words: empty for contacts and steering members. */
  description: string;
  triedLocally: string;
  suggestedImprovement: string;
  /** The coordinator's de-identified summary: what contacts and steering members read. */
  summary: string;
  answerBy: string | null;
  closingOutcome: Deviation["closing_outcome"];
  closingNote: string | null;
  escalationLevel: Deviation["escalation_level"];
  agendaDate: string | null;
  publishedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  version: number;
  planId: string | null;
  reporter: CaseReporter | null;
  parties: CaseParty[];
  routes: CaseRoute[];
  answers: CaseAnswer[];
  messages: CaseMessage[];
  events: CaseEvent[];
  views: DeviationView[];
}

export function toCase(
  d: CaseRow,
  parts: {
    reporterText: boolean;
    planVisible: boolean;
    reporter: CaseReporter | null;
    parties: CaseParty[];
    routes: CaseRoute[];
    answers: CaseAnswer[];
    messages: CaseMessage[];
    events: CaseEvent[];
    views: DeviationView[];
  },
): DeviationCase {
  return {
    id: d.id,
    number: d.number,
    partnershipId: d.partnership_id,
    partnershipName: d.partnership_name,
    status: d.status,
    eventDate: d.event_date,
    kind: d.kind,
    handler: d.handler,
    category: d.category,
    consequence: d.consequence,
    description: parts.reporterText ? d.description : "",
    triedLocally: parts.reporterText ? d.tried_locally : "",
    suggestedImprovement: parts.reporterText ? d.suggested_improvement : "",
    summary: d.summary,
    answerBy: d.answer_by,
    closingOutcome: d.closing_outcome,
    closingNote: d.closing_note,
    escalationLevel: d.escalation_level,
    agendaDate: d.agenda_date,
    publishedAt: d.published_at,
    closedAt: d.closed_at,
    createdAt: d.created_at,
    version: d.version,
    planId: parts.planVisible ? d.plan_id : null,
    reporter: parts.reporter,
    parties: parts.parties,
    routes: parts.routes,
    answers: parts.answers,
    messages: parts.messages,
    events: parts.events,
    views: parts.views,
  };
}

export const toRoute = (
  r: { id: string; name: string; routed_at: string; answer_by: string; answered_at: string | null },
  today: string,
): CaseRoute => ({
  id: r.id,
  name: r.name,
  routedAt: r.routed_at,
  answerBy: r.answer_by,
  answeredAt: r.answered_at,
  overdue: !r.answered_at && r.answer_by < today,
});

export const toAnswer = (a: {
  id: string;
  body: string;
  created_at: string;
  organisation_id: string;
  organisation_name: string;
}): CaseAnswer => ({
  id: a.id,
  body: a.body,
  createdAt: a.created_at,
  organisationId: a.organisation_id,
  organisationName: a.organisation_name,
});

export const toMessage = (m: {
  id: string;
  kind: "question" | "reply";
  body: string;
  created_at: string;
}): CaseMessage => ({
  id: m.id,
  kind: m.kind,
  body: m.body,
  createdAt: m.created_at,
});

export const toEvent = (
  e: { id: string; change: string; occurred_at: string; user_name: string },
  details: Record<string, unknown> | null,
): CaseEvent => ({ id: e.id, change: e.change, occurredAt: e.occurred_at, userName: e.user_name, details });

/** A row of the coordinator's inbox. The coordinator may read the reporter's text. */
export interface InboxItem {
  id: string;
  number: number;
  status: DeviationStatus;
  eventDate: string;
  kind: Deviation["kind"];
  category: Deviation["category"];
  consequence: Deviation["consequence"];
  summary: string;
  description: string;
  answerBy: string | null;
  publishedAt: string | null;
  agendaDate: string | null;
  createdAt: string;
  overdue: boolean;
}

type ListRow = Pick<
  Deviation,
  | "id"
  | "number"
  | "status"
  | "event_date"
  | "kind"
  | "category"
  | "consequence"
  | "summary"
  | "description"
  | "answer_by"
  | "published_at"
  | "agenda_date"
  | "created_at"
>;

export const toInboxItem = (r: ListRow, overdue: boolean): InboxItem => ({
  id: r.id,
  number: r.number,
  status: r.status,
  eventDate: r.event_date,
  kind: r.kind,
  category: r.category,
  consequence: r.consequence,
  summary: r.summary,
  description: r.description,
  answerBy: r.answer_by,
  publishedAt: r.published_at,
  agendaDate: r.agenda_date,
  createdAt: r.created_at,
  overdue,
});

/** A case routed to the contact's organisation: the summary only, never the reporter's text. */
export interface RoutedItem {
  id: string;
  number: number;
  status: DeviationStatus;
  category: Deviation["category"];
  summary: string;
  answerBy: string;
  answeredAt: string | null;
  partnershipName: string;
  overdue: boolean;
}

export const toRoutedItem = (
  r: Pick<Deviation, "id" | "number" | "status" | "category" | "summary"> & {
    answer_by: string;
    answered_at: string | null;
    partnership_name: string;
  },
  today: string,
): RoutedItem => ({
  id: r.id,
  number: r.number,
  status: r.status,
  category: r.category,
  summary: r.summary,
  answerBy: r.answer_by,
  answeredAt: r.answered_at,
  partnershipName: r.partnership_name,
  overdue: !r.answered_at && r.answer_by < today,
});

/** One of the reporter's own reports. */
export interface OwnReport {
  id: string;
  number: number;
  status: DeviationStatus;
  eventDate: string;
  category: Deviation["category"];
  createdAt: string;
  closingOutcome: Deviation["closing_outcome"];
  partnershipName: string;
  /** The coordinator's summary once written; until then the reporter's own text. */
  summary: string;
  description: string;
}

export const toOwnReport = (
  r: Pick<
    Deviation,
    | "id"
    | "number"
    | "status"
    | "event_date"
    | "category"
    | "created_at"
    | "closing_outcome"
    | "summary"
    | "description"
  > & {
    partnership_name: string;
  },
): OwnReport => ({
  id: r.id,
  number: r.number,
  status: r.status,
  eventDate: r.event_date,
  category: r.category,
  createdAt: r.created_at,
  closingOutcome: r.closing_outcome,
  partnershipName: r.partnership_name,
  summary: r.summary ?? "",
  description: r.description,
});

/** A published case, as steering members read it: the summary, never the reporter's text. */
export interface PublishedItem {
  id: string;
  number: number;
  status: DeviationStatus;
  category: Deviation["category"];
  summary: string;
  publishedAt: string | null;
  agendaDate: string | null;
  partnershipName: string;
}

export const toPublishedItem = (
  r: Pick<Deviation, "id" | "number" | "status" | "category" | "summary" | "published_at" | "agenda_date"> & {
    partnership_name: string;
  },
): PublishedItem => ({
  id: r.id,
  number: r.number,
  status: r.status,
  category: r.category,
  summary: r.summary,
  publishedAt: r.published_at,
  agendaDate: r.agenda_date,
  partnershipName: r.partnership_name,
});

/** One row of the coordinator's CSV export: the summary, never the reporter or their text. */
export interface ExportRow {
  number: number;
  status: DeviationStatus;
  eventDate: string;
  kind: Deviation["kind"];
  category: Deviation["category"];
  consequence: Deviation["consequence"];
  summary: string;
  answerBy: string | null;
  closingOutcome: Deviation["closing_outcome"];
  escalationLevel: Deviation["escalation_level"];
  closedAt: string | null;
}

export const toExportRow = (
  r: Pick<
    Deviation,
    | "number"
    | "status"
    | "event_date"
    | "kind"
    | "category"
    | "consequence"
    | "summary"
    | "answer_by"
    | "closing_outcome"
    | "escalation_level"
    | "closed_at"
  >,
): ExportRow => ({
  number: r.number,
  status: r.status,
  eventDate: r.event_date,
  kind: r.kind,
  category: r.category,
  consequence: r.consequence,
  summary: r.summary,
  answerBy: r.answer_by,
  closingOutcome: r.closing_outcome,
  escalationLevel: r.escalation_level,
  closedAt: r.closed_at,
});
