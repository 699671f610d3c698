// The plan's status: the lead organisation activates and closes it.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PLAN_OUTCOMES } from "#db/schema";
import { FormErrors, SelectField, SubmitButton, useAppForm, useReplyFor } from "~/components/forms";
import type { Plan } from "./plan-view";

export function LifecycleSection({ plan, isLead }: { plan: Plan; isLead: boolean }) {
  const { t } = useTranslation();
  const activateReply = useReplyFor("activate")?.result;
  const [closeForm, closeFields] = useAppForm<{ outcome: string }>({ intent: "close", id: "close-plan" });
  if (plan.status === "closed") {
    return (
      <section aria-labelledby="lifecycle-heading" className="card">
        <h2 id="lifecycle-heading">{t("plans.lifecycle")}</h2>
        <p>
          {t("plans.statuses.closed")}: {plan.outcome ? t(`plans.outcomes.${plan.outcome}`) : ""}
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="lifecycle-heading" className="card">
      <h2 id="lifecycle-heading">{t("plans.lifecycle")}</h2>
      {!isLead ? <p className="muted">{t("plans.leadOnly")}</p> : null}
      {isLead && plan.status === "draft" ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="activate" />
          <input type="hidden" name="version" value={plan.version} />
          <FormErrors errors={activateReply?.error?.[""] ?? null} />
          <p className="field__help">{t("plans.activateHint")}</p>
          <SubmitButton>{t("plans.activate")}</SubmitButton>
        </Form>
      ) : null}
      {isLead ? (
        <Form method="post" {...getFormProps(closeForm)} className="stack">
          <input type="hidden" name="intent" value="close" />
          <input type="hidden" name="version" value={plan.version} />
          <FormErrors id={closeForm.errorId} errors={closeForm.errors} />
          <SelectField
            meta={closeFields.outcome}
            label={t("plans.outcome")}
            help={t("plans.closeHint")}
            required
            placeholder=""
            options={PLAN_OUTCOMES.map((o) => ({ value: o, label: t(`plans.outcomes.${o}`) }))}
          />
          <SubmitButton variant="secondary">{t("plans.close")}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
