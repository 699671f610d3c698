import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SubmitButton, TextField, useAppForm } from "~/components/forms";
import { choosePasswordSchema } from "~/features/auth/auth.schema";
import {
  choosePasswordWithLink,
  clearPasswordLinkCookieHeader,
  findPasswordLink,
  PASSWORD_LINK_PATH,
  passwordLinkCookieHeader,
  readPasswordLinkToken,
} from "~/features/auth/password-links.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("passwordLink.resetTitle");

const INTENT = "choose-password";
const HIDDEN = ["newPassword", "confirmPassword"];

// The link from the e-mail lands here with its token in the query string. The token is moved
// at once into a cookie only this page receives, and the browser is sent to the clean address,
// so the token stays out of the address bar, the history of later pages, and the server log.
export async function loader({ request }: LoaderFunctionArgs) {
  const fromMail = new URL(request.url).searchParams.get("token");
  if (fromMail !== null) {
    throw redirect(PASSWORD_LINK_PATH, {
      status: 303,
      headers: { "Set-Cookie": await passwordLinkCookieHeader(fromMail), "Referrer-Policy": "no-referrer" },
    });
  }
  const token = await readPasswordLinkToken(request);
  const link = token ? await findPasswordLink(getDb(), token) : null;
  if (!link) return data({ link: null }, { status: 410, headers: { "Cache-Control": "no-store" } });
  return data({ link }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const t = await getT(request);
  const token = await readPasswordLinkToken(request);
  const submission = parseWithZod(await request.formData(), { schema: choosePasswordSchema(t) });
  if (submission.status !== "success") return formReply(INTENT, submission.reply({ hideFields: HIDDEN }));
  const chosen = token ? await choosePasswordWithLink(getDb(), token, submission.value.newPassword) : null;
  if (!chosen?.ok) {
    // Used, replaced or expired meanwhile: the page explains it.
    throw redirect(PASSWORD_LINK_PATH, { status: 303 });
  }
  return redirectWithFlash(
    "/login",
    { kind: "success", key: "passwordLink.saved" },
    { headers: [["Set-Cookie", await clearPasswordLinkCookieHeader()]] },
  );
}

export default function ChoosePassword() {
  const { t } = useTranslation();
  const { link } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm<{ newPassword: string; confirmPassword: string }>({ intent: INTENT });
  if (!link) {
    return (
      <div className="narrow">
        <h1>{t("passwordLink.invalidTitle")}</h1>
        <p>{t("passwordLink.invalidText")}</p>
        <p>{t("passwordLink.invalidNext")}</p>
        <p>
          <Link to="/login">{t("passwordLink.toLogin")}</Link>
        </p>
      </div>
    );
  }
  const invitation = link.purpose === "invitation";
  return (
    <div className="narrow">
      <h1>{invitation ? t("passwordLink.invitationTitle") : t("passwordLink.resetTitle")}</h1>
      <p>{invitation ? t("passwordLink.invitationIntro") : t("passwordLink.resetIntro")}</p>
      <dl className="facts">
        <dt>{t("passwordLink.account")}</dt>
        <dd>
          {link.name} ({link.email})
        </dd>
      </dl>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        {/* Lets a password manager file the new password under the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={link.email} />
        <TextField
          meta={fields.newPassword}
          label={t("auth.newPassword")}
          type="password"
          autoComplete="new-password"
          help={t("auth.newPasswordHint")}
          required
        />
        <TextField
          meta={fields.confirmPassword}
          label={t("auth.confirmPassword")}
          type="password"
          autoComplete="new-password"
          required
        />
        <div>
          <SubmitButton>{t("passwordLink.submit")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
