import { data } from "@remix-run/node";

/** A 404 Response to throw. Used both for missing records and for records the user may not see. */
export function notFound(): Response {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export function badRequest<T>(body: T) {
  return data(body, { status: 400 });
}
