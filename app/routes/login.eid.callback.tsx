import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { startPathFor } from "~/features/access/policy";
import { loadCurrentUser, safeRedirectPath, sessionCookieHeader } from "~/features/auth/auth.server";
import { challengeCookieHeader } from "~/features/identity/challenge.server";
import { EidProblemPage, type EidProblem } from "~/features/identity/eid-problem";
import { SECOND_FACTOR_PATH } from "~/features/identity/login-routing.server";
import {
  clearTransactionCookieHeader,
  completeOidcSignIn,
  readTransactionToken,
} from "~/features/identity/oidc.server";
import { getT, localeCookie } from "~/lib/i18n.server";
import { isLocale } from "~/locales/resources";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `${loaded.title} – Samsyn` : "Samsyn" },
];

const PROBLEM: Record<"unknown_identity" | "refused" | "expired", EidProblem> = {
  unknown_identity: "unknown",
  refused: "refused",
  expired: "expired",
};

// The provider sends the browser back here with the code (or an error). The code never stays
// in the address bar of a page the user sees: every outcome redirects or answers without caching.
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const result = await completeOidcSignIn(db, {
    browserToken: await readTransactionToken(request),
    callbackUrl: new URL(request.url),
  });
  const headers = new Headers({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });
  headers.append("Set-Cookie", await clearTransactionCookieHeader());
  if (!result.ok) {
    const t = await getT(request);
    const problem = PROBLEM[result.error];
    return data(
      { problem, title: t(`identity.${problem}Title`) },
      { status: result.error === "unknown_identity" ? 403 : 400, headers },
    );
  }
  const signedIn = result.value;
  if (isLocale(signedIn.locale)) headers.append("Set-Cookie", await localeCookie.serialize(signedIn.locale));
  if (signedIn.kind === "second_factor") {
    headers.append("Set-Cookie", await challengeCookieHeader(signedIn.challenge));
    throw redirect(SECOND_FACTOR_PATH, { status: 303, headers });
  }
  headers.append("Set-Cookie", await sessionCookieHeader(signedIn.token));
  const user = await loadCurrentUser(db, signedIn.userId, "");
  throw redirect(safeRedirectPath(signedIn.redirectTo, user ? startPathFor(user) : "/"), { status: 303, headers });
}

export default function EidCallback() {
  const { problem } = useLoaderData<typeof loader>();
  return <EidProblemPage problem={problem} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
