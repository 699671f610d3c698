import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { safeRedirectPath } from "~/features/auth/auth.server";
import { EidProblemPage } from "~/features/identity/eid-problem";
import { startOidcSignIn, transactionCookieHeader } from "~/features/identity/oidc.server";
import { notFound } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("identity.unavailableTitle");

// Starts a sign-in at the organisation's identity provider. A GET, like following a link: it
// changes nothing but a short-lived transaction bound to this browser by its cookie.
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const redirectTo = safeRedirectPath(params.get("redirectTo"), "") || null;
  const started = await startOidcSignIn(getDb(), params.get("provider") ?? "", { redirectTo });
  if (!started.ok) {
    if (started.error === "not_found") throw notFound();
    return data({ problem: "unavailable" as const }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
  throw redirect(started.value.url, {
    status: 303,
    headers: { "Set-Cookie": await transactionCookieHeader(started.value.browserToken), "Cache-Control": "no-store" },
  });
}

export default function EidStart() {
  const { problem } = useLoaderData<typeof loader>();
  return <EidProblemPage problem={problem} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
