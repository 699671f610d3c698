// The page a sign-in with e-legitimation ends on when it does not end signed in: one clear
// Swedish (or English) explanation and the way back, never a technical reason.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type EidProblem = "unavailable" | "unknown" | "refused" | "expired";

export function EidProblemPage({ problem }: { problem: EidProblem }) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t(`identity.${problem}Title`)}</h1>
      <p>{t(`identity.${problem}Text`)}</p>
      <p>
        <Link to="/login">{t("identity.tryAgain")}</Link>
      </p>
    </div>
  );
}
