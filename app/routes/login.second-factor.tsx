import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SubmitButton, TextField, useAppForm } from "~/components/forms";
import { startPathFor } from "~/features/access/policy";
import { getOptionalUser, loadCurrentUser, safeRedirectPath, sessionCookieHeader } from "~/features/auth/auth.server";
import { clearChallengeCookieHeader, readChallengeToken } from "~/features/identity/challenge.server";
import { enrolSecondFactor, passSecondFactor, secondFactorPage } from "~/features/identity/second-factor.server";
import { formReply } from "~/lib/http.server";
import { getT, localeCookie } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";
import { isLocale } from "~/locales/resources";

export const meta = pageTitle("identity.secondFactorTitle");

const VERIFY = "verify";
const ENROL = "enrol";

const codeSchema = (t: TFunction) =>
  z.object({
    code: z
      .string({ required_error: t("identity.codeRequired") })
      .trim()
      .max(40),
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const page = await secondFactorPage(getDb(), await readChallengeToken(request));
  if (!page) {
    // Just enrolled: the action's answer (the recovery codes) is on screen, signed in already.
    const user = await getOptionalUser(request);
    if (user) return data({ mode: "signed_in" as const, next: startPathFor(user) }, { headers: NO_STORE });
    // No pending sign-in (expired, used, or never started): start again.
    throw redirect("/login?expired=1");
  }
  return data(page, { headers: NO_STORE });
}

const NO_STORE = { "Cache-Control": "no-store" };

// The recovery codes are in the action's answer only: reloading the page must not lose them to a redirect.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  (actionResult as { intent?: string } | undefined)?.intent === "recovery" ? false : defaultShouldRevalidate;

function waitText(t: TFunction, seconds: number): string {
  return seconds < 60
    ? t("auth.waitSeconds", { count: seconds })
    : t("auth.waitMinutes", { count: Math.ceil(seconds / 60) });
}

export async function action({ request }: ActionFunctionArgs) {
  const t = await getT(request);
  const formData = await request.formData();
  const intent = formData.get("intent") === ENROL ? ENROL : VERIFY;
  const submission = parseWithZod(formData, { schema: codeSchema(t) });
  if (submission.status !== "success") return formReply(intent, submission.reply({ hideFields: ["code"] }));
  const db = getDb();
  const token = await readChallengeToken(request);
  const command = intent === ENROL ? enrolSecondFactor : passSecondFactor;
  const result = await command(db, token, submission.value.code);
  if (!result.ok) {
    if (result.error === "expired") throw redirect("/login?expired=1", 303);
    const message =
      result.error === "throttled"
        ? t("identity.throttled", { wait: waitText(t, result.detail?.retryAfterSeconds ?? 60) })
        : t("identity.invalidCode");
    return formReply(intent, submission.reply({ formErrors: [message], hideFields: ["code"] }), {
      status: result.error === "throttled" ? 429 : 400,
    });
  }
  const passed = result.value;
  const user = await loadCurrentUser(db, passed.userId, "");
  const next = safeRedirectPath(passed.redirectTo, user ? startPathFor(user) : "/");
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookieHeader(passed.token));
  headers.append("Set-Cookie", await clearChallengeCookieHeader());
  if (user && isLocale(user.locale)) headers.append("Set-Cookie", await localeCookie.serialize(user.locale));
  if (passed.recoveryCodes) {
    // Signed in already; the codes are shown once, on this answer only.
    headers.set("Cache-Control", "no-store");
    return data({ intent: "recovery", recoveryCodes: passed.recoveryCodes, next }, { headers });
  }
  return redirect(next, { status: 303, headers });
}

function RecoveryCodes({ codes, next }: { codes: string[]; next: string }) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("identity.recoveryTitle")}</h1>
      <p>{t("identity.recoveryIntro")}</p>
      <ul className="plain-list recovery-codes" aria-label={t("identity.recoveryTitle")}>
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <Link to={next} className="button" reloadDocument>
          {t("identity.continue")}
        </Link>
      </p>
    </div>
  );
}

export default function SecondFactor() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<{ intent?: string; recoveryCodes?: string[]; next?: string }>();
  const intent = page.mode === "enrol" ? ENROL : VERIFY;
  const [form, fields] = useAppForm<{ code: string }>({ intent });
  if (reply?.intent === "recovery" && reply.recoveryCodes && reply.next) {
    return <RecoveryCodes codes={reply.recoveryCodes} next={reply.next} />;
  }
  if (page.mode === "signed_in") {
    return (
      <div className="narrow">
        <h1>{t("identity.secondFactorTitle")}</h1>
        <p>
          <Link to={page.next} className="button">
            {t("identity.continueSignedIn")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{page.mode === "enrol" ? t("identity.enrolTitle") : t("identity.secondFactorTitle")}</h1>
      {page.mode === "enrol" ? (
        <>
          <p>{t("identity.enrolIntro")}</p>
          <div
            className="qr-code"
            role="img"
            aria-label={t("identity.qrAlt")}
            // The SVG is made on the server by the qrcode library from our own key URI.
            dangerouslySetInnerHTML={{ __html: page.qrSvg }}
          />
          <p>
            {t("identity.typedKey")}: <code data-testid="totp-key">{page.typedKey}</code>
          </p>
        </>
      ) : (
        <p>{t("identity.secondFactorIntro")}</p>
      )}
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value={intent} />
        <TextField
          meta={fields.code}
          label={t("identity.code")}
          help={page.mode === "verify" ? t("identity.codeHint") : undefined}
          autoComplete="one-time-code"
          inputMode={page.mode === "enrol" ? "numeric" : "text"}
          required
        />
        <div>
          <SubmitButton>{page.mode === "enrol" ? t("identity.enrolSubmit") : t("identity.verify")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
