import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/features/auth/auth.server";
import { PartnershipForm } from "~/features/organisations/partnership-form";
import { partnershipSchema } from "~/features/organisations/organisations.schema";
import { createPartnership, isPartnershipNameTaken } from "~/features/organisations/organisations.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.newPartnership");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "admin:manage");
  const t = await getT(request);
  const db = getDb();
  const submission = await parseWithZod(await request.formData(), {
    schema: partnershipSchema(t).superRefine(async (value, ctx) => {
      if (await isPartnershipNameTaken(db, value.name)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["name"], message: t("admin.nameTaken") });
      }
    }),
    async: true,
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const id = await createPartnership(db, submission.value);
  return redirectWithFlash(`/admin/partnerships/${id}`, { kind: "success", key: "common.created" });
}

export default function NewPartnership() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="narrow">
      <h1>{t("admin.newPartnership")}</h1>
      <PartnershipForm lastResult={lastResult} submitLabel={t("common.create")} />
    </div>
  );
}
