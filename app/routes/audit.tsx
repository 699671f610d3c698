import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/features/auth/auth.server";
import { logFilterSchema } from "~/features/audit/audit.schema";
import { ChainCheck, LogFilterForm, LogPagination, LogTable } from "~/features/audit/log-review";
import { logReviewPage, NO_FILTER } from "~/features/audit/log-review.server";
import { formReply, invariantResponse } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("audit.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "audit:review");
  const review = await logReviewPage(getDb(), user, { filter: NO_FILTER });
  invariantResponse(review.ok);
  return { review: review.value };
}

// Filters are posted: the person's identity number must never appear in a URL.
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "audit:review");
  const submission = parseWithZod(await request.formData(), { schema: logFilterSchema(await getT(request)) });
  if (submission.status !== "success") return formReply("filter", submission.reply());
  const { intent, filter, page } = submission.value;
  const review = await logReviewPage(getDb(), user, { filter, page, verify: intent === "verify" });
  invariantResponse(review.ok);
  return { intent, result: submission.reply(), review: review.value };
}

export default function AuditLog() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const review = posted && "review" in posted ? posted.review : loaded.review;
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p className="lead">{t("audit.intro")}</p>
      <ChainCheck chain={review.chain} />
      <LogFilterForm users={review.users} filter={review.filter} />
      {review.unknownPerson ? <p className="notice">{t("audit.unknownPerson")}</p> : null}
      <LogTable events={review.events} />
      <LogPagination events={review.events} filter={review.filter} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
