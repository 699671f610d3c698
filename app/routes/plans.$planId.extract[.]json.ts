import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/features/auth/auth.server";
import { registerExtract } from "~/features/register-extract/extract.server";
import { notFound } from "~/lib/http.server";

// The register extract as a file the person can take elsewhere (GDPR art. 15 and 20). The file
// name carries the date only: never a name or an identity number.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "extract:produce");
  const extract = await registerExtract(getDb(), user, params.planId ?? "", "json");
  if (!extract.ok) throw notFound();
  return new Response(JSON.stringify(extract.value, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="registerutdrag-${extract.value.producedAt.slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
