// The sign-in paths, shared by the server and the login page (isomorphic).
export const SECOND_FACTOR_PATH = "/login/second-factor";
export const EID_START_PATH = "/login/eid";

export function eidStartPath(providerKey: string, redirectTo?: string | null): string {
  const params = new URLSearchParams({ provider: providerKey });
  if (redirectTo) params.set("redirectTo", redirectTo);
  return `${EID_START_PATH}?${params}`;
}
