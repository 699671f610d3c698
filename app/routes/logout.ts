import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { clearSessionCookieHeader, getOptionalUser, logout } from "~/features/auth/auth.server";
import { providerLogoutUrl } from "~/features/identity/oidc.server";
import { flashHeader } from "~/lib/flash.server";

export async function action({ request }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  const origin = user ? await logout(getDb(), user) : null;
  const headers = new Headers();
  headers.append("Set-Cookie", await clearSessionCookieHeader());
  headers.append("Set-Cookie", await flashHeader({ kind: "info", key: "auth.signedOut" }));
  // Signed in through the organisation's provider: end its session too; it sends the browser back to /login.
  const providerLogout = origin ? await providerLogoutUrl(origin.provider, origin.idToken) : null;
  return redirect(providerLogout ?? "/login", { status: 303, headers });
}

export async function loader() {
  return redirect("/");
}
