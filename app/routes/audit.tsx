import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EmptyState } from "~/components/list";
import { requirePermission } from "~/features/auth/auth.server";
import { actorOf, type CurrentUser } from "~/features/access/current-user";
import { audit, searchAuditEvents, verifyAuditChain } from "~/features/audit/audit.server";
import { normaliseIdentityNumber } from "~/features/persons/identity-number";
import { formatDateTime, isIsoDate } from "~/lib/time";
import { pageTitle } from "~/lib/meta";
import { pageNumber } from "~/lib/pagination";

export const meta = pageTitle("audit.title");

async function organisationUsers(user: CurrentUser) {
  return getDb()
    .selectFrom("users")
    .select(["id", "name"])
    .where("organisation_id", "=", user.organisationId)
    .orderBy("name")
    .execute();
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "audit:review");
  const db = getDb();
  await audit(db, { actor: actorOf(user), action: "audit.review", recordType: "audit_log" });
  return {
    users: await organisationUsers(user),
    filter: { userId: "", identityNumber: "", planId: "", from: "", to: "" },
    result: await searchAuditEvents(db, { organisationId: user.organisationId, page: 1 }),
    chain: null as null | { ok: boolean; checked: number; brokenAt?: number },
    unknownPerson: false,
  };
}

const filterForm = z.object({
  intent: z.enum(["filter", "verify"]).catch("filter"),
  userId: z.string().catch(""),
  identityNumber: z.string().trim().catch(""),
  planId: z.string().trim().catch(""),
  from: z
    .string()
    .catch("")
    .transform((v) => (isIsoDate(v) ? v : "")),
  to: z
    .string()
    .catch("")
    .transform((v) => (isIsoDate(v) ? v : "")),
  page: pageNumber,
});

// Filters are posted: the person's identity number must never appear in a URL.
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "audit:review");
  const db = getDb();
  const form = filterForm.parse(Object.fromEntries(await request.formData()));
  const chain = form.intent === "verify" ? await verifyAuditChain(db) : null;
  let personId: string | undefined;
  let unknownPerson = false;
  if (form.identityNumber) {
    const number = normaliseIdentityNumber(form.identityNumber);
    const person = number
      ? await db.selectFrom("persons").select("id").where("identity_number", "=", number).executeTakeFirst()
      : undefined;
    personId = person?.id ?? "none";
    unknownPerson = !person;
  }
  await audit(db, {
    actor: actorOf(user),
    action: form.intent === "verify" ? "audit.verify" : "audit.review",
    recordType: "audit_log",
    personId: personId && personId !== "none" ? personId : null,
  });
  const users = await organisationUsers(user);
  return {
    users,
    filter: {
      userId: form.userId,
      identityNumber: form.identityNumber,
      planId: form.planId,
      from: form.from,
      to: form.to,
    },
    result: await searchAuditEvents(db, {
      organisationId: user.organisationId,
      userId: users.some((u) => u.id === form.userId) ? form.userId : undefined,
      personId,
      planId: form.planId || undefined,
      from: form.from || undefined,
      to: form.to || undefined,
      page: form.page,
    }),
    chain,
    unknownPerson,
  };
}

export default function AuditLog() {
  const { t, i18n } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { users, filter, result, chain, unknownPerson } = posted ?? loaded;
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p className="lead">{t("audit.intro")}</p>
      <section aria-labelledby="chain-heading" className="card">
        <h2 id="chain-heading">{t("audit.verify")}</h2>
        <p className="field__help">{t("audit.verifyHint")}</p>
        {chain ? (
          <p className={chain.ok ? "flash flash--success" : "flash flash--error"} role="status">
            {chain.ok ? t("audit.chainOk", { count: chain.checked }) : t("audit.chainBroken", { seq: chain.brokenAt })}
          </p>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="verify" />
          <button type="submit" className="button button--secondary">
            {t("audit.verify")}
          </button>
        </Form>
      </section>
      <Form method="post" className="filter-form" aria-labelledby="filter-heading">
        <h2 id="filter-heading">{t("audit.filters")}</h2>
        <input type="hidden" name="intent" value="filter" />
        <div className="field">
          <label htmlFor="audit-user">{t("audit.user")}</label>
          <select id="audit-user" name="userId" defaultValue={filter.userId}>
            <option value="">{t("audit.allUsers")}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-person">{t("audit.identityNumber")}</label>
          <input id="audit-person" name="identityNumber" defaultValue={filter.identityNumber} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="audit-plan">{t("audit.planId")}</label>
          <input id="audit-plan" name="planId" defaultValue={filter.planId} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to} />
        </div>
        <button type="submit" className="button button--primary">
          {t("audit.apply")}
        </button>
      </Form>
      {unknownPerson ? <p className="notice">{t("audit.unknownPerson")}</p> : null}
      {result.total === 0 ? (
        <EmptyState>{t("audit.none")}</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.user")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.record")}</th>
              <th scope="col">{t("audit.outcome")}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((e) => (
              <tr key={e.seq} className={e.outcome === "denied" ? "row--attention" : undefined}>
                <td>{formatDateTime(e.occurred_at, i18n.language)}</td>
                <td>{e.user_name ?? "–"}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.record_type}
                  {e.record_id ? <span className="muted"> {e.record_id}</span> : null}
                </td>
                <td>{t(`audit.outcomes.${e.outcome}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.pages > 1 ? (
        <nav className="pagination" aria-label={t("common.pagination")}>
          <p>{t("common.pageOf", { page: result.page, pages: result.pages })}</p>
          <ul>
            {[result.page - 1, result.page + 1]
              .filter((p) => p >= 1 && p <= result.pages)
              .map((p) => (
                <li key={p}>
                  <Form method="post">
                    {Object.entries(filter).map(([k, v]) => (
                      <input key={k} type="hidden" name={k} value={v} />
                    ))}
                    <button className="button button--quiet" name="page" value={p}>
                      {p < result.page ? t("common.previousPage") : t("common.nextPage")}
                    </button>
                  </Form>
                </li>
              ))}
          </ul>
        </nav>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
