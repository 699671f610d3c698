import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { actorOf } from "~/features/access/current-user";
import { requirePermission } from "~/features/auth/auth.server";
import { INVITATION_HOURS } from "~/features/auth/password-links.server";
import { listAllOrganisations } from "~/features/organisations/organisations.server";
import { createUser } from "~/features/users/admin-users.server";
import { userErrors } from "~/features/users/user-errors";
import { USER_INTENT, UserForm } from "~/features/users/user-form";
import { userSchema } from "~/features/users/users.schema";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.newUser");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  return { organisations: await listAllOrganisations(getDb()), invitationHours: INVITATION_HOURS };
}

// The new user gets a link by e-mail and chooses their own password: the admin never sees one.
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "admin:manage");
  const t = await getT(request);
  const submission = parseWithZod(await request.formData(), { schema: userSchema(t) });
  if (submission.status !== "success") return formReply(USER_INTENT, submission.reply());
  const created = await createUser(getDb(), actorOf(admin), submission.value);
  if (!created.ok) return formReply(USER_INTENT, submission.reply({ fieldErrors: userErrors(t, created.error) }));
  return redirectWithFlash(`/admin/users/${created.value.id}`, { kind: "success", key: "admin.userCreated" });
}

export default function NewUser() {
  const { t } = useTranslation();
  const { organisations, invitationHours } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>{t("admin.newUser")}</h1>
      <p>{t("admin.newUserHint", { hours: invitationHours })}</p>
      <UserForm organisations={organisations} submitLabel={t("common.create")} />
    </div>
  );
}
