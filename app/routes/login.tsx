import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { FormErrors, SubmitButton, TextField, useAppForm } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { loginSchema } from "~/features/auth/auth.schema";
import { getOptionalUser, loadCurrentUser, safeRedirectPath, sessionCookieHeader } from "~/features/auth/auth.server";
import { deviceCookieHeader, readDeviceTokens } from "~/features/auth/device.server";
import { attemptLogin } from "~/features/auth/sign-in.server";
import { startPathFor } from "~/features/access/policy";
import { formReply } from "~/lib/http.server";
import { getT, localeCookie } from "~/lib/i18n.server";
import { isLocale } from "~/locales/locales";
import { pageTitle } from "~/lib/meta";
import type { TFunction } from "i18next";
import { challengeCookieHeader } from "~/features/identity/challenge.server";
import { eidRouteFor, labelledProviders, SECOND_FACTOR_PATH } from "~/features/identity/login-routing.server";
import { eidStartPath } from "~/features/identity/login-paths";

export const meta = pageTitle("auth.loginTitle");

const INTENT = "login";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(startPathFor(user));
  // Providers with a label get a button of their own (the demo's test provider); the rest are
  // reached by typing an address in their domains.
  return { providers: labelledProviders() };
}

function waitText(t: TFunction, seconds: number): string {
  return seconds < 60
    ? t("auth.waitSeconds", { count: seconds })
    : t("auth.waitMinutes", { count: Math.ceil(seconds / 60) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getT(request);
  const formData = await request.formData();
  // An address in a provider's domains goes to the provider when its organisation has no
  // passwords (or none was typed): decided by the domain alone, so known and unknown addresses
  // get the same answer.
  const routed = eidRouteFor(formData);
  if (routed) throw redirect(routed, 303);
  const submission = parseWithZod(formData, { schema: loginSchema(t) });
  if (submission.status !== "success") {
    return formReply(INTENT, submission.reply({ hideFields: ["password"] }));
  }
  const db = getDb();
  const devices = await readDeviceTokens(request);
  const result = await attemptLogin(db, {
    email: submission.value.email,
    password: submission.value.password,
    ip: context.clientIp || "unknown",
    devices,
    redirectTo: safeRedirectPath(submission.value.redirectTo, "") || null,
  });
  if (!result.ok) {
    const wait = waitText(t, result.detail?.retryAfterSeconds ?? 60);
    const message =
      result.error === "throttled"
        ? t("auth.throttled", { wait })
        : result.error === "ip_throttled"
          ? t("auth.ipThrottled", { wait })
          : t("auth.invalidCredentials");
    return formReply(INTENT, submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: result.error === "invalid" ? 400 : 429,
    });
  }
  const signedIn = result.value;
  const headers = new Headers();
  if (signedIn.challenge !== null) {
    headers.append("Set-Cookie", await challengeCookieHeader(signedIn.challenge));
    headers.append("Set-Cookie", await deviceCookieHeader(devices, signedIn.device));
    return redirect(SECOND_FACTOR_PATH, { status: 303, headers });
  }
  headers.append("Set-Cookie", await sessionCookieHeader(signedIn.token!));
  headers.append("Set-Cookie", await deviceCookieHeader(devices, signedIn.device));
  if (isLocale(signedIn.locale)) headers.append("Set-Cookie", await localeCookie.serialize(signedIn.locale));
  const user = await loadCurrentUser(db, signedIn.userId, "");
  const fallback = user ? startPathFor(user) : "/";
  return redirect(safeRedirectPath(submission.value.redirectTo, fallback), { status: 303, headers });
}

export default function Login() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const { providers } = useLoaderData<typeof loader>();
  const redirectTo = searchParams.get("redirectTo");
  const [form, fields] = useAppForm<{ email: string; password: string }>({ intent: INTENT });
  const expired = searchParams.get("expired") === "1";

  return (
    <div className="narrow">
      <h1>{t("auth.loginTitle")}</h1>
      <p>{t("auth.loginIntro")}</p>
      {expired && !form.errors ? (
        <p className="notice" role="status">
          {t("auth.sessionExpired")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField meta={fields.email} label={t("auth.email")} type="email" autoComplete="username" required />
        <TextField
          meta={fields.password}
          label={t("auth.password")}
          type="password"
          autoComplete="current-password"
          required
        />
        <div>
          <SubmitButton>{t("auth.submit")}</SubmitButton>
        </div>
      </Form>
      {providers.length > 0 ? (
        <ul className="plain-list stack eid-links">
          {providers.map((p) => (
            <li key={p.key}>
              <Link to={eidStartPath(p.key, redirectTo)} className="button button--secondary" reloadDocument>
                {t("identity.eidButton", { label: p.label })}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
