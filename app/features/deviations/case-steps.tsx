// Where a case stands in the workflow (DESIGN.md "Deviations"): an ordered list of the steps
// with the current one marked aria-current="step".
import { useTranslation } from "react-i18next";
import { DEVIATION_STATUSES, type DeviationStatus } from "#db/schema";

export function CaseSteps({ status }: { status: DeviationStatus }) {
  const { t } = useTranslation();
  const current = DEVIATION_STATUSES.indexOf(status);
  return (
    <ol className="case-steps" aria-label={t("deviations.steps.label")}>
      {DEVIATION_STATUSES.map((s, i) => (
        <li
          key={s}
          className={`case-steps__step${i < current ? " case-steps__step--done" : ""}${i === current ? " case-steps__step--current" : ""}`}
          aria-current={i === current ? "step" : undefined}
        >
          <span className="case-steps__marker" aria-hidden="true">
            {i < current ? "✓" : i + 1}
          </span>
          {t(`deviations.steps.${s}`)}
          {i < current ? <span className="visually-hidden"> ({t("deviations.steps.done")})</span> : null}
        </li>
      ))}
    </ol>
  );
}
