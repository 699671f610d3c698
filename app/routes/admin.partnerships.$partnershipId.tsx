import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { EmptyState } from "~/components/list";
import { actorOf } from "~/features/access/current-user";
import { requirePermission } from "~/features/auth/auth.server";
import { partnershipSchema } from "~/features/organisations/organisations.schema";
import { getPartnership, partnershipMembers, updatePartnership } from "~/features/organisations/organisations.server";
import { PARTNERSHIP_INTENT, PartnershipForm } from "~/features/organisations/partnership-form";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply, invariantResponse } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.editPartnership");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  const db = getDb();
  const partnership = await getPartnership(db, params.partnershipId ?? "");
  invariantResponse(partnership);
  return { partnership, members: await partnershipMembers(db, partnership.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "admin:manage");
  const t = await getT(request);
  const id = params.partnershipId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: partnershipSchema(t) });
  if (submission.status !== "success") {
    invariantResponse(await getPartnership(getDb(), id));
    return formReply(PARTNERSHIP_INTENT, submission.reply());
  }
  const updated = await updatePartnership(getDb(), actorOf(admin), id, submission.value);
  if (!updated.ok) {
    invariantResponse(updated.error !== "not_found");
    return formReply(PARTNERSHIP_INTENT, submission.reply({ fieldErrors: { name: [t("admin.nameTaken")] } }));
  }
  return redirectWithFlash(`/admin/partnerships/${id}`, { kind: "success", key: "common.saved" });
}

export default function EditPartnership() {
  const { t } = useTranslation();
  const { partnership, members } = useLoaderData<typeof loader>();
  return (
    <div className="two-columns">
      <section aria-labelledby="edit-heading">
        <h1 id="edit-heading">{partnership.name}</h1>
        <h2>{t("admin.editPartnership")}</h2>
        <PartnershipForm
          submitLabel={t("common.save")}
          defaultValue={{
            name: partnership.name,
            kind: partnership.kind,
            answerDays: partnership.answerDays,
            suppressionK: partnership.suppressionK,
            overdueActionDays: partnership.overdueActionDays,
            maxFollowUpMonths: partnership.maxFollowUpMonths,
            actionTypes: partnership.actionTypes.join("\n"),
            progressionSteps: partnership.progressionSteps.join("\n"),
          }}
        />
      </section>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t("admin.members")}</h2>
        {members.length === 0 ? (
          <EmptyState>{t("common.none")}</EmptyState>
        ) : (
          <ul className="plain-list">
            {members.map((m) => (
              <li key={m.id}>
                <Link to={`/admin/organisations/${m.id}`}>{m.name}</Link>{" "}
                <span className="muted">({t(`organisationKinds.${m.kind}`)})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
