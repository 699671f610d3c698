import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/features/auth/auth.server";
import { OrganisationForm } from "~/features/organisations/organisation-form";
import { organisationSchema } from "~/features/organisations/organisations.schema";
import {
  createOrganisation,
  isOrganisationNameTaken,
  listAllPartnerships,
} from "~/features/organisations/organisations.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.newOrganisation");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  return { partnerships: await listAllPartnerships(getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "admin:manage");
  const t = await getT(request);
  const db = getDb();
  const submission = await parseWithZod(await request.formData(), {
    schema: organisationSchema(t).superRefine(async (value, ctx) => {
      if (await isOrganisationNameTaken(db, value.name)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["name"], message: t("admin.nameTaken") });
      }
    }),
    async: true,
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const id = await createOrganisation(db, submission.value);
  return redirectWithFlash(`/admin/organisations/${id}`, { kind: "success", key: "common.created" });
}

export default function NewOrganisation() {
  const { t } = useTranslation();
  const { partnerships } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="narrow">
      <h1>{t("admin.newOrganisation")}</h1>
      <OrganisationForm lastResult={lastResult} partnerships={partnerships} submitLabel={t("common.create")} />
    </div>
  );
}
