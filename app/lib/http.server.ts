// The route edge: how a feature command's result becomes HTTP. Commands return results
// (~/lib/result); only routes throw or return responses.
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { FormReply } from "~/components/forms";

/** A 404 Response to throw. Used both for missing records and for records the user may not see. */
export function notFound(): Response {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/**
 * Throws a response when the condition fails (the Epic Stack's invariantResponse). 404 by default,
 * since a record the user may not see must look like one that does not exist.
 */
export function invariantResponse(condition: unknown, status = 404, message = "Not Found"): asserts condition {
  if (!condition) throw new Response(message, { status, statusText: message });
}

/** Answers a failed form: 400 (or the given status) with the form's intent, Conform's reply and any detail. */
export function formReply<Detail = undefined>(
  intent: string,
  result: SubmissionResult<string[]> | undefined,
  { status = 400, detail }: { status?: number; detail?: Detail } = {},
) {
  const body: FormReply<Detail> = { intent, result, detail };
  return data(body, { status });
}
