// The improvement register as a period summary shows it, live or frozen.
import { useTranslation } from "react-i18next";
import { formatCell } from "~/features/summaries/summary-tables";
import { formatDate } from "~/lib/time";
import type { ImprovementRegisterFigures } from "./register-figures";

export function ImprovementRegisterSection({ register, k }: { register: ImprovementRegisterFigures; k: number }) {
  const { t, i18n } = useTranslation();
  const date = (d: string) => formatDate(d, i18n.language);
  return (
    <section aria-labelledby="sum-improvement-register" className="summary__section">
      <h2 id="sum-improvement-register">{t("improvements.register.heading")}</h2>
      <p className="field__help">{t("improvements.register.asOf", { date: date(register.asOf) })}</p>
      <div className="data-table">
        <table className="table table--compact">
          <caption>{t("improvements.register.countsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("summaries.figure")}</th>
              <th scope="col" className="num">
                {t("summaries.value")}
              </th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ["open", register.open],
                ["overdue", register.overdue],
                ["doneInPeriod", register.doneInPeriod],
                ["droppedInPeriod", register.droppedInPeriod],
              ] as const
            ).map(([key, n]) => (
              <tr key={key}>
                <th scope="row">{t(`improvements.register.${key}`)}</th>
                <td className="num">{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t("improvements.register.openHeading")}</h3>
      {register.openItems.length === 0 ? (
        <p className="muted">{t("improvements.register.noneOpen")}</p>
      ) : (
        <ul className="plain-list improvements">
          {register.openItems.map((i, n) => (
            <li key={n}>
              <strong>{i.title}</strong> – {i.ownerOrganisationName},{" "}
              {t("improvements.register.due", { date: date(i.dueDate) })}
              {i.overdue ? (
                <>
                  {" "}
                  <span className="badge badge--warning">{t("improvements.overdue")}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("improvements.register.doneHeading")}</h3>
      {register.done.length === 0 ? (
        <p className="muted">{t("improvements.register.noneDone")}</p>
      ) : (
        register.done.map((d, n) => (
          <div className="data-table" key={n}>
            <table className="table table--compact">
              <caption>
                {d.title} – {d.ownerOrganisationName}, {t("improvements.register.doneOn", { date: date(d.doneOn) })}.{" "}
                {t("improvements.register.targets", {
                  categories: d.categories.map((c) => t(`deviations.categories.${c}` as never)).join(", "),
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("improvements.register.period")}</th>
                  <th scope="col" className="num">
                    {t("improvements.register.deviationsInCategories")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.trend.map((p) => (
                  <tr key={p.key}>
                    <th scope="row">{p.label}</th>
                    <td className="num">{formatCell(p.n, k)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))
      )}
    </section>
  );
}
