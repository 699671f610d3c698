import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { actorOf } from "~/features/access/current-user";
import { requirePermission } from "~/features/auth/auth.server";
import { organisationSignIn, setSecondFactorRequired } from "~/features/identity/identity-admin.server";
import { SECOND_FACTOR_SWITCH_INTENT, secondFactorSwitchSchema } from "~/features/identity/identity-admin.schema";
import { OrganisationSignInSection } from "~/features/identity/sign-in-admin";
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
  const admin = await requirePermission(request, "admin:manage");
  const db = getDb();
  const organisation = await getOrganisation(db, params.organisationId ?? "");
  invariantResponse(organisation);
  // The provider is operator configuration (docs/decisions/0019): shown, never editable.
  const signIn = await organisationSignIn(db, admin, organisation.id);
  invariantResponse(signIn);
  return { organisation, signIn, partnerships: await listAllPartnerships(db) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "admin:manage");
  const t = await getT(request);
  const id = params.organisationId ?? "";
  const formData = await request.formData();
  const here = `/admin/organisations/${id}`;
  if (formData.get("intent") === SECOND_FACTOR_SWITCH_INTENT) {
    const submission = parseWithZod(formData, { schema: secondFactorSwitchSchema() });
    invariantResponse(submission.status === "success", 400, "Bad Request");
    const { secondFactorRequired } = submission.value;
    const switched = await setSecondFactorRequired(getDb(), admin, id, secondFactorRequired);
    invariantResponse(switched.ok);
    return redirectWithFlash(here, {
      kind: "success",
      key: secondFactorRequired ? "identity.secondFactorRequiredOn" : "identity.secondFactorRequiredOff",
    });
  }
  const submission = parseWithZod(formData, { schema: organisationSchema(t) });
  if (submission.status !== "success") {
    invariantResponse(await getOrganisation(getDb(), id));
    return formReply(ORGANISATION_INTENT, submission.reply());
  }
  const updated = await updateOrganisation(getDb(), actorOf(admin), id, submission.value);
  if (!updated.ok) {
    invariantResponse(updated.error !== "not_found");
    return formReply(ORGANISATION_INTENT, submission.reply({ fieldErrors: organisationErrors(t, updated.error) }));
  }
  return redirectWithFlash(here, { kind: "success", key: "common.saved" });
}

export default function EditOrganisation() {
  const { t } = useTranslation();
  const { organisation, partnerships, signIn } = useLoaderData<typeof loader>();
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
      <OrganisationSignInSection signIn={signIn} />
    </div>
  );
}
