import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { getOptionalUser, safeRedirectPath } from "~/features/auth/auth.server";
import { setUserLocale } from "~/features/users/users.server";
import { localeCookie } from "~/lib/i18n.server";
import { DEFAULT_LOCALE, isLocale } from "~/locales/locales";

// The language switch: a plain form post, so it works without JavaScript.
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const requested = form.get("lang");
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  const user = await getOptionalUser(request);
  if (user) await setUserLocale(getDb(), user, locale);
  return redirect(safeRedirectPath(form.get("redirectTo")), {
    status: 303,
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}

export async function loader() {
  return redirect("/");
}
