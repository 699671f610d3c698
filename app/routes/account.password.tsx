import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SubmitButton, TextField, useAppForm } from "~/components/forms";
import { startPathFor } from "~/features/access/policy";
import { changePasswordSchema } from "~/features/auth/auth.schema";
import { requireUser } from "~/features/auth/auth.server";
import { changeOwnPassword } from "~/features/users/users.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("auth.changePasswordTitle");

const INTENT = "change-password";
const HIDDEN = ["currentPassword", "newPassword", "confirmPassword"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { mustChange: user.mustChangePassword };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getT(request);
  const submission = parseWithZod(await request.formData(), { schema: changePasswordSchema(t) });
  if (submission.status !== "success") return formReply(INTENT, submission.reply({ hideFields: HIDDEN }));
  const changed = await changeOwnPassword(
    getDb(),
    user,
    submission.value.currentPassword,
    submission.value.newPassword,
  );
  if (!changed.ok) {
    return formReply(
      INTENT,
      submission.reply({ fieldErrors: { currentPassword: [t("auth.wrongCurrentPassword")] }, hideFields: HIDDEN }),
    );
  }
  return redirectWithFlash(startPathFor(user), { kind: "success", key: "auth.passwordChanged" });
}

export default function ChangePassword() {
  const { t } = useTranslation();
  const { mustChange } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm<{ currentPassword: string; newPassword: string; confirmPassword: string }>({
    intent: INTENT,
  });
  return (
    <div className="narrow">
      <h1>{t("auth.changePasswordTitle")}</h1>
      {mustChange ? <p className="notice">{t("auth.mustChangePassword")}</p> : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          meta={fields.currentPassword}
          label={t("auth.currentPassword")}
          type="password"
          autoComplete="current-password"
          required
        />
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
          <SubmitButton>{t("common.save")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
