import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { actorOf } from "~/features/access/current-user";
import { requirePermission } from "~/features/auth/auth.server";
import { partnershipSchema } from "~/features/organisations/organisations.schema";
import { createPartnership } from "~/features/organisations/organisations.server";
import { PARTNERSHIP_INTENT, PartnershipForm } from "~/features/organisations/partnership-form";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.newPartnership");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "admin:manage");
  const t = await getT(request);
  const submission = parseWithZod(await request.formData(), { schema: partnershipSchema(t) });
  if (submission.status !== "success") return formReply(PARTNERSHIP_INTENT, submission.reply());
  const created = await createPartnership(getDb(), actorOf(admin), submission.value);
  if (!created.ok) {
    return formReply(PARTNERSHIP_INTENT, submission.reply({ fieldErrors: { name: [t("admin.nameTaken")] } }));
  }
  return redirectWithFlash(`/admin/partnerships/${created.value.id}`, { kind: "success", key: "common.created" });
}

export default function NewPartnership() {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("admin.newPartnership")}</h1>
      <PartnershipForm submitLabel={t("common.create")} />
    </div>
  );
}
