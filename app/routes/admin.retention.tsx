import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { FormErrors, SubmitButton, TextField, useAppForm } from "~/components/forms";
import { requirePermission } from "~/features/auth/auth.server";
import { adminRetentionPurge, adminRetentionReport } from "~/features/retention/retention.server";
import { PERIOD_NAMES } from "~/features/retention/rules";
import { retentionPeriods } from "~/features/retention/settings.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply, invariantResponse } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";
import { formatDate } from "~/lib/time";
import { wholeNumber } from "~/lib/validation";

export const meta = pageTitle("retention.title");

const INTENT = "purge";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "retention:manage");
  const db = getDb();
  const report = await adminRetentionReport(db, user);
  invariantResponse(report.ok);
  return { report: report.value, periods: await retentionPeriods(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "retention:manage");
  const t = await getT(request);
  const schema = z.object({ count: wholeNumber(t, t("retention.confirmField"), 0, 1_000_000) });
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return formReply(INTENT, submission.reply());
  const result = await adminRetentionPurge(getDb(), user, submission.value.count);
  if (!result.ok) {
    invariantResponse(result.error !== "not_found");
    const due = await adminRetentionReport(getDb(), user);
    const count = due.ok ? due.value.totalDue : 0;
    return formReply(INTENT, submission.reply({ fieldErrors: { count: [t("retention.confirmMismatch", { count })] } }));
  }
  return redirectWithFlash("/admin/retention", {
    kind: "success",
    key: "retention.purged",
    values: { count: String(result.value.plansPurged.length) },
  });
}

export default function AdminRetention() {
  const { t, i18n } = useTranslation();
  const { report, periods } = useLoaderData<typeof loader>();
  const [form, fields] = useAppForm<{ count: number }>({ intent: INTENT });
  const date = (d: string) => formatDate(d, i18n.language);
  return (
    <>
      <h1>{t("retention.title")}</h1>
      <p className="lead">{t("retention.intro")}</p>

      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t("retention.rulesHeading")}</h2>
        <p>{t("retention.personRule")}</p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("retention.organisation")}</th>
              <th scope="col">{t("retention.rule")}</th>
              <th scope="col">{t("retention.due")}</th>
              <th scope="col">{t("retention.researchKept")}</th>
              <th scope="col">{t("retention.notYet")}</th>
            </tr>
          </thead>
          <tbody>
            {report.organisations.map((o) => (
              <tr key={o.organisationId}>
                <th scope="row">
                  {o.name}
                  <br />
                  <span className="muted">{t(`organisationKinds.${o.kind}`)}</span>
                </th>
                <td>
                  {t(`retention.basis.${o.basis}`, { years: o.rule.planYears })}
                  {o.rule.researchException ? ` ${t("retention.researchRule")}` : ""}
                  <br />
                  <span className="muted">
                    {o.ownSetting ? t("retention.ownSetting") : t("retention.defaultSetting")}
                  </span>
                </td>
                <td>
                  {o.due.length}
                  {o.due.length > 0 ? (
                    <ul className="plain-list" aria-label={t("retention.planNumbers")}>
                      {o.due.map((p) => (
                        <li key={p.planId}>
                          {t("retention.planDue", {
                            plan: p.planId,
                            lastEntry: date(p.lastEntry),
                            goneBy: date(p.goneBy),
                          })}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td>{o.researchKept}</td>
                <td>{o.notYet}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <strong>{t("retention.total", { count: report.totalDue })}</strong>
        </p>
      </section>

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t("retention.dataHeading")}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("retention.dataKind")}</th>
              <th scope="col">{t("retention.period")}</th>
              <th scope="col">{t("retention.pastPeriod")}</th>
            </tr>
          </thead>
          <tbody>
            {PERIOD_NAMES.map((name) => (
              <tr key={name}>
                <th scope="row">{t(`retention.data.${name}`)}</th>
                <td>{t("retention.days", { count: periods[name] })}</td>
                <td>{report.data[name]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">{t("retention.auditNote")}</p>
      </section>

      <section aria-labelledby="purge-heading">
        <h2 id="purge-heading">{t("retention.purgeHeading")}</h2>
        {report.totalDue === 0 ? (
          <p>{t("retention.nothingDue")}</p>
        ) : (
          <Form method="post" {...getFormProps(form)} className="stack">
            <p>{t("retention.purgeIntro")}</p>
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField
              meta={fields.count}
              label={t("retention.confirmLabel", { count: report.totalDue })}
              type="number"
              inputMode="numeric"
              required
            />
            <div>
              <SubmitButton variant="danger">{t("retention.purge")}</SubmitButton>
            </div>
          </Form>
        )}
      </section>
    </>
  );
}
