// One way to fail (docs/decisions/0008-layers.md). A feature command returns a Result:
// either ok with its value, or a named failure the route maps to HTTP and the UI translates.
// Commands never throw HTTP responses; only the route edge does.

export type Ok<T> = { ok: true; value: T };

/**
 * A named failure. `error` is a stable code (e.g. "not_found", "conflict", "invalid");
 * `fields` carries per-field failure codes for forms; `detail` carries what the UI needs to
 * explain it (e.g. both versions of a conflicting save). Never personal data in `error` itself.
 */
export type Failure<E extends string, D = undefined> = {
  ok: false;
  error: E;
  fields?: Record<string, string>;
  detail?: D;
};

export type Result<T, E extends string = never, D = undefined> = Ok<T> | Failure<E | "not_found", D>;

export function ok(): Ok<undefined>;
export function ok<T>(value: T): Ok<T>;
export function ok<T>(value?: T): Ok<T | undefined> {
  return { ok: true, value };
}

export function fail<E extends string, D = undefined>(
  error: E,
  extra: { fields?: Record<string, string>; detail?: D } = {},
): Failure<E, D> {
  return { ok: false, error, ...extra };
}

/** The failure every guarded command shares: missing, or not the caller's to see (404 at the edge). */
export const notFoundFailure = (): Failure<"not_found"> => ({ ok: false, error: "not_found" });
