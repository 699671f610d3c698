// Which way /login sends an address: to the organisation's identity provider or to the password
// form. Decided by the address's domain and the operator's configuration only, never by whether
// an account exists.
import { providerForEmail, getProviders } from "./providers.server";

import { eidStartPath } from "./login-paths";

export { eidStartPath, SECOND_FACTOR_PATH } from "./login-paths";

/** The path that starts the provider's sign-in for this login form, or null for the password check. */
export function eidRouteFor(form: FormData): string | null {
  const email = form.get("email");
  const password = form.get("password");
  const redirectTo = form.get("redirectTo");
  if (typeof email !== "string") return null;
  const provider = providerForEmail(email);
  if (!provider) return null;
  const typedPassword = typeof password === "string" && password.length > 0;
  if (provider.passwordAllowed && typedPassword) return null;
  return eidStartPath(provider.key, typeof redirectTo === "string" ? redirectTo : null);
}

/** Providers that asked for a button of their own on the login page. */
export function labelledProviders(): { key: string; label: string }[] {
  return getProviders().flatMap((p) => (p.label ? [{ key: p.key, label: p.label }] : []));
}
