import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/features/auth/auth.server";
import { mailChoicesOf, setMailChoices } from "~/features/notifications/mail.server";
import { NOTIFICATION_KINDS, notificationText } from "~/features/notifications/notification-kinds";
import { redirectWithFlash } from "~/lib/flash.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("notifications.settings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { choices: await mailChoicesOf(getDb(), user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const kinds = form.getAll("kind").filter((k): k is string => typeof k === "string");
  await setMailChoices(getDb(), user.id, { kinds, digest: form.get("digest") === "on" });
  return redirectWithFlash("/notifications/settings", { kind: "success", key: "notifications.settings.saved" });
}

const GROUPS = ["reminder", "deviation", "meeting"] as const;

export default function NotificationSettings() {
  const { t } = useTranslation();
  const { choices } = useLoaderData<typeof loader>();
  const chosen = new Set(choices.kinds);
  return (
    <>
      <p>
        <Link to="/notifications">← {t("notifications.title")}</Link>
      </p>
      <h1>{t("notifications.settings.title")}</h1>
      <p>{t("notifications.settings.intro")}</p>
      <Form method="post" className="stack">
        {GROUPS.map((group) => (
          <fieldset key={group} className="fieldset">
            <legend>{t(`notifications.settings.groups.${group}`)}</legend>
            {NOTIFICATION_KINDS.filter((k) => k.startsWith(`${group}.`)).map((kind) => (
              <div key={kind} className="checkbox-row">
                <input type="checkbox" id={`kind-${kind}`} name="kind" value={kind} defaultChecked={chosen.has(kind)} />
                <label htmlFor={`kind-${kind}`}>{notificationText(t, kind)}</label>
              </div>
            ))}
          </fieldset>
        ))}
        <div className="checkbox-row">
          <input type="checkbox" id="digest" name="digest" defaultChecked={choices.digest} />
          <label htmlFor="digest">{t("notifications.settings.digest")}</label>
        </div>
        <div>
          <button type="submit" className="button">
            {t("notifications.settings.save")}
          </button>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
