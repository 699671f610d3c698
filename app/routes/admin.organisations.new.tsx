import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { actorOf } from "~/features/access/current-user";
import { requirePermission } from "~/features/auth/auth.server";
import { ORGANISATION_INTENT, OrganisationForm } from "~/features/organisations/organisation-form";
import { organisationErrors } from "~/features/organisations/organisation-errors";
import { organisationSchema } from "~/features/organisations/organisations.schema";
import { createOrganisation, listAllPartnerships } from "~/features/organisations/organisations.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.newOrganisation");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  return { partnerships: await listAllPartnerships(getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "admin:manage");
  const t = await getT(request);
  const submission = parseWithZod(await request.formData(), { schema: organisationSchema(t) });
  if (submission.status !== "success") return formReply(ORGANISATION_INTENT, submission.reply());
  const created = await createOrganisation(getDb(), actorOf(admin), submission.value);
  if (!created.ok) {
    return formReply(ORGANISATION_INTENT, submission.reply({ fieldErrors: organisationErrors(t, created.error) }));
  }
  return redirectWithFlash(`/admin/organisations/${created.value.id}`, { kind: "success", key: "common.created" });
}

export default function NewOrganisation() {
  const { t } = useTranslation();
  const { partnerships } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>{t("admin.newOrganisation")}</h1>
      <OrganisationForm partnerships={partnerships} submitLabel={t("common.create")} />
    </div>
  );
}
