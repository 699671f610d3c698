// The workflow's steps as the case page and the commands share them (DESIGN.md "Deviations"):
// which action comes next at each step, and when a case may be published. Isomorphic.
import type { DeviationStatus } from "#db/schema";

/** The handler's next natural action at each step: the one primary button on the page. */
export type NextAction = "triage" | "route" | "close" | "reopen" | null;

export function nextActionFor(status: DeviationStatus, handler: "coordinator" | "manager"): NextAction {
  switch (status) {
    case "submitted":
      return "triage";
    case "in_review":
      // A routine case is the organisation's own: the manager closes it without routing.
      return handler === "manager" ? "close" : "route";
    case "awaiting_response":
      return null;
    case "answered":
      return "close";
    case "closed":
      return "reopen";
  }
}

/** Publishing shows the parties' answers, so a case must have them first. */
export const mayPublish = (status: DeviationStatus) => status === "answered" || status === "closed";
