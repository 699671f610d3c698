import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type Handler = (status: number) => React.ReactNode;

/** The one error view. Routes may add handlers per status; nobody ever sees a stack trace. */
export function GeneralErrorBoundary({ statusHandlers = {} }: { statusHandlers?: Record<number, Handler> }) {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (statusHandlers[status]) return <>{statusHandlers[status](status)}</>;

  const [title, text] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFoundText")]
      : status === 403
        ? [t("errors.forbiddenTitle"), t("errors.forbiddenText")]
        : [t("errors.serverErrorTitle"), t("errors.serverErrorText")];

  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__status">{status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/">{t("errors.goHome")}</Link>
      </p>
    </section>
  );
}
