// The deviation log (Lex Heller): report, triage, route, answer, close the loop. The one door
// to the domain; each job lives in its own module:
//   report.server.ts     reporting, and what the report form offers
//   triage.server.ts     triage, questions and replies, routing to the parties
//   answers.server.ts    the parties' answers and the answer facts the summaries read
//   closing.server.ts    closing, escalation, the steering group's agenda, publishing, reopening
//   case.server.ts       one case as the reader may see it
//   lists.server.ts      inboxes, the export, own reports, published cases
//   workflow.server.ts   the guard, the transaction, history, audit and who is told
//   mapping.ts           rows to the camelCase objects components read
// Who sees and does what is decided in app/features/access/deviation-policy.ts; every command
// that accepts free text runs it through app/features/privacy before writing.
export { reportablePartnerships, reportDeviation, reportForm } from "./report.server";
export { askReporter, replyAsReporter, routeToParties, triage } from "./triage.server";
export { answer, syncAnswerFacts } from "./answers.server";
export { closeCase, escalate, publish, reopen, setAgenda } from "./closing.server";
export { casePage, getCase } from "./case.server";
export {
  contactInbox,
  coordinatorInbox,
  deviationsIndex,
  exportDeviations,
  managerInbox,
  myReports,
  publishedCases,
} from "./lists.server";
export { caseLink, type DeviationUser } from "./workflow.server";
export type { DeviationCase } from "./mapping";
