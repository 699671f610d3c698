import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { actorOf } from "~/features/access/current-user";
import { requirePermission } from "~/features/auth/auth.server";
import { ORGANISATION_INTENT, OrganisationForm } from "~/features/organisations/organisation-form";
import { organisationErrors } from "~/features/organisations/organisation-errors";
import { organisationSchema } from "~/features/organisations/organisations.schema";
import {
  getOrganisation,
  listAllPartnerships,
  updateOrganisation,
} from "~/features/organisations/organisations.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply, invariantResponse } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.editOrganisation");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  const db = getDb();
  const organisation = await getOrganisation(db, params.organisationId ?? "");
  invariantResponse(organisation);
  return { organisation, partnerships: await listAllPartnerships(db) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "admin:manage");
  const t = await getT(request);
  const id = params.organisationId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: organisationSchema(t) });
  if (submission.status !== "success") {
    invariantResponse(await getOrganisation(getDb(), id));
    return formReply(ORGANISATION_INTENT, submission.reply());
  }
  const updated = await updateOrganisation(getDb(), actorOf(admin), id, submission.value);
  if (!updated.ok) {
    invariantResponse(updated.error !== "not_found");
    return formReply(ORGANISATION_INTENT, submission.reply({ fieldErrors: organisationErrors(t, updated.error) }));
  }
  return redirectWithFlash(`/admin/organisations/${id}`, { kind: "success", key: "common.saved" });
}

export default function EditOrganisation() {
  const { t } = useTranslation();
  const { organisation, partnerships } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>{organisation.name}</h1>
      <p>
        <Link to={`/admin/users?organisationId=${organisation.id}`}>{t("admin.users")}</Link>
      </p>
      <h2>{t("admin.editOrganisation")}</h2>
      <OrganisationForm
        partnerships={partnerships}
        submitLabel={t("common.save")}
        defaultValue={{ name: organisation.name, kind: organisation.kind, partnershipIds: organisation.partnershipIds }}
      />
    </div>
  );
}
