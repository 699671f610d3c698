// The log review page's parts. Everything arrives in words (translation keys): no audit codes.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, SubmitButton, TextField, useAppForm } from "~/components/forms";
import { EmptyState } from "~/components/list";
import type { Page } from "~/lib/pagination";
import { formatDateTime } from "~/lib/time";
import type { LogEntry, LogFilter, LogReview } from "./log-review.server";

export function ChainCheck({ chain }: { chain: LogReview["chain"] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="chain-heading" className="card">
      <h2 id="chain-heading">{t("audit.verify")}</h2>
      <p className="field__help">{t("audit.verifyHint")}</p>
      {chain ? (
        <div className={chain.ok ? "flash flash--success" : "flash flash--error"} role="status">
          {chain.ok ? (
            <p>{t("audit.chainOk", { count: chain.checked })}</p>
          ) : (
            <>
              <p>{t("audit.chainTampered", { count: chain.checked })}</p>
              <ul>
                {chain.findings.map((f) => (
                  <li key={`${f.kind}-${f.fromSeq}`}>
                    {t(`audit.findings.${f.kind}`, {
                      range: f.fromSeq === f.toSeq ? String(f.fromSeq) : `${f.fromSeq}–${f.toSeq}`,
                    })}
                  </li>
                ))}
              </ul>
              {chain.truncated ? <p>{t("audit.moreFindings")}</p> : null}
            </>
          )}
          <p>
            {chain.checkpoints > 0
              ? t("audit.checkpointsCompared", { count: chain.checkpoints })
              : t("audit.noCheckpoints")}
          </p>
        </div>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="verify" />
        <SubmitButton variant="secondary">{t("audit.verify")}</SubmitButton>
      </Form>
    </section>
  );
}

export function LogFilterForm({ users, filter }: { users: LogReview["users"]; filter: LogFilter }) {
  const { t } = useTranslation();
  const [form, fields] = useAppForm<LogFilter>({ intent: "filter", defaultValue: filter });
  return (
    <Form method="post" {...getFormProps(form)} className="filter-form" aria-labelledby="filter-heading">
      <h2 id="filter-heading">{t("audit.filters")}</h2>
      <input type="hidden" name="intent" value="filter" />
      <SelectField
        meta={fields.userId}
        label={t("audit.user")}
        placeholder={t("audit.allUsers")}
        options={users.map((u) => ({ value: u.id, label: u.name }))}
      />
      <TextField
        meta={fields.identityNumber}
        label={t("audit.identityNumber")}
        help={t("audit.identityNumberHelp")}
        autoComplete="off"
      />
      <TextField meta={fields.planId} label={t("audit.planId")} autoComplete="off" />
      <TextField meta={fields.from} label={t("audit.from")} type="date" />
      <TextField meta={fields.to} label={t("audit.to")} type="date" />
      <SubmitButton>{t("audit.apply")}</SubmitButton>
    </Form>
  );
}

export function LogTable({ events }: { events: Page<LogEntry> }) {
  const { t, i18n } = useTranslation();
  if (events.total === 0) return <EmptyState>{t("audit.none")}</EmptyState>;
  return (
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
        {events.items.map((e) => (
          <tr key={e.seq} className={e.outcome === "denied" ? "row--attention" : undefined}>
            <td>{formatDateTime(e.occurredAt, i18n.language)}</td>
            <td>{e.userName ?? "–"}</td>
            <td>{t(e.actionKey)}</td>
            <td>
              {t(e.recordTypeKey)}
              {e.recordId ? <span className="muted"> {e.recordId}</span> : null}
            </td>
            <td>{t(`audit.outcomes.${e.outcome}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Pages are posted with the filter, which may carry an identity number that must stay out of URLs. */
export function LogPagination({ events, filter }: { events: Page<LogEntry>; filter: LogFilter }) {
  const { t } = useTranslation();
  if (events.pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t("common.pagination")}>
      <p>{t("common.pageOf", { page: events.page, pages: events.pages })}</p>
      <ul>
        {[events.page - 1, events.page + 1]
          .filter((p) => p >= 1 && p <= events.pages)
          .map((p) => (
            <li key={p}>
              <Form method="post">
                <input type="hidden" name="intent" value="filter" />
                {Object.entries(filter).map(([name, value]) => (
                  <input key={name} type="hidden" name={name} value={value} />
                ))}
                <button className="button button--quiet" name="page" value={p}>
                  {p < events.page ? t("common.previousPage") : t("common.nextPage")}
                </button>
              </Form>
            </li>
          ))}
      </ul>
    </nav>
  );
}
