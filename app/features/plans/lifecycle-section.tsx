// The plan's status: the lead organisation activates and closes it.
import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PLAN_OUTCOMES } from "#db/schema";
import { FormErrors, SelectField, SubmitButton, useAppForm, useReplyFor } from "~/components/forms";
import { EditLink, editLink, PlanCard } from "./plan-overview";
import type { Plan } from "./plan-view";

export function LifecycleSection({ plan, isLead, editing }: { plan: Plan; isLead: boolean; editing: boolean }) {
  const { t } = useTranslation();
  const activateReply = useReplyFor("activate")?.result;
  const [closeForm, closeFields] = useAppForm<{ outcome: string }>({ intent: "close", id: "close-plan" });
  if (plan.status === "closed") {
    return (
      <PlanCard id="lifecycle" title={t("plans.lifecycle")}>
        <p>
          {t("plans.statuses.closed")}: {plan.outcome ? t(`plans.outcomes.${plan.outcome}`) : ""}
        </p>
      </PlanCard>
    );
  }
  return (
    <PlanCard id="lifecycle" title={t("plans.lifecycle")}>
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
      {isLead && !editing ? <EditLink to={editLink("lifecycle")}>{t("planPage.closePlan")}</EditLink> : null}
      {isLead && editing ? (
        <Form method="post" {...getFormProps(closeForm)} className="stack">
          <p>{t("planPage.closeWhatFollows")}</p>
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
          <div className="button-row">
            <SubmitButton variant="danger">{t("plans.close")}</SubmitButton>
            <Link to="." className="button button--secondary" preventScrollReset>
              {t("common.cancel")}
            </Link>
          </div>
        </Form>
      ) : null}
    </PlanCard>
  );
}
