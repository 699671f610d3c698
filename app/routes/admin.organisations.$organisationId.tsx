import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/features/auth/auth.server";
import { OrganisationForm } from "~/features/organisations/organisation-form";
import { organisationSchema } from "~/features/organisations/organisations.schema";
import {
  getOrganisation,
  isOrganisationNameTaken,
  listAllPartnerships,
  updateOrganisation,
} from "~/features/organisations/organisations.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { notFound } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.editOrganisation");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  const db = getDb();
  const organisation = await getOrganisation(db, params.organisationId ?? "");
  if (!organisation) throw notFound();
  return { organisation, partnerships: await listAllPartnerships(db) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requirePermission(request, "admin:manage");
  const db = getDb();
  const organisation = await getOrganisation(db, params.organisationId ?? "");
  if (!organisation) throw notFound();
  const t = await getT(request);
  const submission = await parseWithZod(await request.formData(), {
    schema: organisationSchema(t).superRefine(async (value, ctx) => {
      if (await isOrganisationNameTaken(db, value.name, organisation.id)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["name"], message: t("admin.nameTaken") });
      }
    }),
    async: true,
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await updateOrganisation(db, organisation.id, submission.value);
  return redirectWithFlash(`/admin/organisations/${organisation.id}`, { kind: "success", key: "common.saved" });
}

export default function EditOrganisation() {
  const { t } = useTranslation();
  const { organisation, partnerships } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="narrow">
      <h1>{organisation.name}</h1>
      <p>
        <Link to={`/admin/users?organisationId=${organisation.id}`}>{t("admin.users")}</Link>
      </p>
      <h2>{t("admin.editOrganisation")}</h2>
      <OrganisationForm
        lastResult={lastResult}
        partnerships={partnerships}
        submitLabel={t("common.save")}
        defaultValue={{ name: organisation.name, kind: organisation.kind, partnershipIds: organisation.partnershipIds }}
      />
    </div>
  );
}
