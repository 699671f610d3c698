// Every change to the plan: who, when, and the values before and after.
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/time";
import { CHANGES_BY_SAMSYN, describeValues } from "./history-words";
import type { HistoryEntry } from "./plan-view";

export function HistorySection({ history, open = false }: { history: HistoryEntry[]; open?: boolean }) {
  const { t, i18n } = useTranslation();
  const describe = (values: Record<string, unknown> | null) => describeValues(t, values, i18n.language);
  return (
    <section aria-labelledby="history-heading" className="card plan__history">
      <details open={open}>
        <summary>
          <h2 id="history-heading" className="inline-heading">
            {t("plans.history")}
          </h2>
        </summary>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.user")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("plans.conflictSaved")}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>{formatDateTime(h.occurredAt, i18n.language)}</td>
                <td>{CHANGES_BY_SAMSYN.has(h.change) ? t("plans.historyBySamsyn") : h.userName}</td>
                <td>
                  {
                    t([`plans.historyChanges.${h.change}`, `meetings.historyChanges.${h.change}`] as never, {
                      defaultValue: h.change,
                    }) as string
                  }
                </td>
                <td className="preserve-lines">
                  {h.before ? <span className="muted">{describe(h.before)} → </span> : null}
                  {describe(h.after)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
