import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { clearSessionCookieHeader, getOptionalUser, logout } from "~/features/auth/auth.server";
import { flashHeader } from "~/lib/flash.server";

export async function action({ request }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) await logout(getDb(), user);
  const headers = new Headers();
  headers.append("Set-Cookie", await clearSessionCookieHeader());
  headers.append("Set-Cookie", await flashHeader({ kind: "info", key: "auth.signedOut" }));
  return redirect("/login", { status: 303, headers });
}

export async function loader() {
  return redirect("/");
}
