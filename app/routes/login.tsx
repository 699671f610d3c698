import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { FormErrors, SubmitButton, TextField } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { loginSchema } from "~/features/auth/auth.schema";
import {
  attemptLogin,
  getOptionalUser,
  loadCurrentUser,
  safeRedirectPath,
  sessionCookieHeader,
} from "~/features/auth/auth.server";
import { startPathFor } from "~/features/access/policy";
import { getT, localeCookie } from "~/lib/i18n.server";
import { isLocale } from "~/locales/resources";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("auth.loginTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(startPathFor(user));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getT(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: loginSchema(t) });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const db = getDb();
  const result = await attemptLogin(db, {
    email: submission.value.email,
    password: submission.value.password,
    ip: context.clientIp ?? "unknown",
  });
  if (!result.ok) {
    const message =
      result.reason === "throttled"
        ? t("auth.throttled")
        : result.reason === "ip_throttled"
          ? t("auth.ipThrottled")
          : t("auth.invalidCredentials");
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: result.reason === "invalid" ? 400 : 429,
    });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookieHeader(result.token));
  if (isLocale(result.locale)) headers.append("Set-Cookie", await localeCookie.serialize(result.locale));
  const user = await loadCurrentUser(db, result.userId, "");
  const fallback = user ? startPathFor(user) : "/";
  return redirect(safeRedirectPath(submission.value.redirectTo, fallback), { status: 303, headers });
}

export default function Login() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const schema = loginSchema(t);
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
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
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
