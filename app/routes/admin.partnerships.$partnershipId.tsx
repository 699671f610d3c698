import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { EmptyState } from "~/components/list";
import { requirePermission } from "~/features/auth/auth.server";
import { PartnershipForm } from "~/features/organisations/partnership-form";
import { partnershipSchema } from "~/features/organisations/organisations.schema";
import {
  getPartnership,
  isPartnershipNameTaken,
  partnershipMembers,
  updatePartnership,
} from "~/features/organisations/organisations.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { notFound } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.editPartnership");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  const db = getDb();
  const partnership = await getPartnership(db, params.partnershipId ?? "");
  if (!partnership) throw notFound();
  return { partnership, members: await partnershipMembers(db, partnership.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requirePermission(request, "admin:manage");
  const db = getDb();
  const partnership = await getPartnership(db, params.partnershipId ?? "");
  if (!partnership) throw notFound();
  const t = await getT(request);
  const submission = await parseWithZod(await request.formData(), {
    schema: partnershipSchema(t).superRefine(async (value, ctx) => {
      if (await isPartnershipNameTaken(db, value.name, partnership.id)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["name"], message: t("admin.nameTaken") });
      }
    }),
    async: true,
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await updatePartnership(db, partnership.id, submission.value);
  return redirectWithFlash(`/admin/partnerships/${partnership.id}`, { kind: "success", key: "common.saved" });
}

export default function EditPartnership() {
  const { t } = useTranslation();
  const { partnership, members } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="two-columns">
      <section aria-labelledby="edit-heading">
        <h1 id="edit-heading">{partnership.name}</h1>
        <h2>{t("admin.editPartnership")}</h2>
        <PartnershipForm
          lastResult={lastResult}
          submitLabel={t("common.save")}
          defaultValue={{
            name: partnership.name,
            answerDays: partnership.answer_days,
            suppressionK: partnership.suppression_k,
            overdueActionDays: partnership.overdue_action_days,
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
