// Plan meetings (DESIGN.md "Plan meetings"): the feature's public door. Routes, the seed and
// other features call these commands and queries; the modules behind them are the feature's own.
//
// A meeting is visible exactly when its plan is (meeting-access.server.ts); every command runs
// the access rule, its own checks and its audit events in one transaction and returns a Result.
export { checkConveneAccess, conveneFormPage, conveneMeeting, type ConveneResult } from "./convene.server";
export { addDecision, decisionToAction, type ActionFromDecision, type DecisionResult } from "./decisions.server";
export { meetingPath } from "./meeting-access.server";
export {
  checkMeetingAccess,
  listPlanMeetings,
  meetingCalendarFile,
  meetingLetter,
  meetingPage,
} from "./meeting-queries.server";
export { recordMeeting, type RecordInput, type RecordResult } from "./minutes.server";
export { cancelMeeting, rescheduleMeeting, type ManageResult } from "./reschedule.server";
export { respondToMeeting, type RespondResult, type ResponseInput } from "./responses.server";
export type * from "./meeting-types";
