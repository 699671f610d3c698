import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/features/auth/auth.server";
import { actorOf } from "~/features/access/current-user";
import { listAllOrganisations } from "~/features/organisations/organisations.server";
import { OneTimePassword, UserForm } from "~/features/users/user-form";
import { userSchema } from "~/features/users/users.schema";
import { createUser, isEmailTaken } from "~/features/users/users.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.newUser");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  return { organisations: await listAllOrganisations(getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "admin:manage");
  const t = await getT(request);
  const db = getDb();
  const organisations = await listAllOrganisations(db);
  const submission = await parseWithZod(await request.formData(), {
    schema: userSchema(t).superRefine(async (value, ctx) => {
      if (!organisations.some((o) => o.id === value.organisationId)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["organisationId"],
          message: t("validation.choose", { field: t("admin.organisation").toLowerCase() }),
        });
      }
      if (await isEmailTaken(db, value.email)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["email"], message: t("admin.emailTaken") });
      }
    }),
    async: true,
  });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
  const created = await createUser(db, actorOf(admin), submission.value);
  // The one-time password is shown once, in this response only; it is never stored in clear.
  return {
    result: null,
    created: { id: created.id, name: submission.value.name, oneTimePassword: created.oneTimePassword },
  };
}

export default function NewUser() {
  const { t } = useTranslation();
  const { organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.created) {
    const { created } = actionData;
    return (
      <div className="narrow">
        <h1>{created.name}</h1>
        <OneTimePassword name={created.name} password={created.oneTimePassword} />
        <p>
          <Link to={`/admin/users/${created.id}`} className="button button--primary">
            {t("admin.grantRole")}
          </Link>{" "}
          <Link to="/admin/users">{t("admin.users")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("admin.newUser")}</h1>
      <UserForm lastResult={actionData?.result} organisations={organisations} submitLabel={t("common.create")} />
    </div>
  );
}
