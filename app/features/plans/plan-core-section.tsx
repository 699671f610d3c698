// The plan's own fields, and the panel that shows both versions when someone saved in between.
import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  FormErrors,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useAppForm,
  useReplyFor,
} from "~/components/forms";
import { formatDate, formatDateTime } from "~/lib/time";
import { consentEndsBeforeFollowUp } from "./cadence";
import type { PlanConflict, PlanView } from "./plan-view";

function ConflictPanel({ conflict, leadNames }: { conflict: PlanConflict; leadNames: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  const rows: [string, string, string][] = (["goal", "needs", "nextFollowUp", "leadUserId"] as const).map((field) => {
    const show = (v: unknown) =>
      field === "leadUserId"
        ? (leadNames.get(String(v)) ?? "")
        : field === "nextFollowUp"
          ? formatDate(v as string, i18n.language)
          : String(v ?? "");
    return [t(`plans.historyFields.${field}`), show(conflict.saved[field]), show(conflict.attempted[field])];
  });
  return (
    <section className="conflict" role="alert" aria-labelledby="conflict-heading">
      <h3 id="conflict-heading">{t("plans.conflictTitle")}</h3>
      <p>
        {t("plans.conflictText", {
          name: conflict.saved.savedBy ?? "",
          time: formatDateTime(conflict.saved.savedAt, i18n.language),
        })}
      </p>
      <table className="table conflict__table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t("plans.conflictSaved")}</th>
            <th scope="col">{t("plans.conflictYours")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, saved, yours]) => (
            <tr key={label} className={saved !== yours ? "row--attention" : undefined}>
              <th scope="row">{label}</th>
              <td className="preserve-lines">{saved}</td>
              <td className="preserve-lines">{yours}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function PlanCoreSection({ page }: { page: PlanView }) {
  const { t, i18n } = useTranslation();
  const conflict = useReplyFor<PlanConflict>("save-plan")?.detail;
  const { plan } = page;
  const leadCandidates = page.team.filter((m) => m.organisationId === plan.leadOrganisationId);
  // On a conflict the form keeps what the user typed but is now based on the saved version,
  // so saving again is a deliberate choice made with both versions in view.
  const values = conflict?.attempted ?? plan;
  const consentEnds = consentEndsBeforeFollowUp(plan.nextFollowUp, page.consents);
  const [form, fields] = useAppForm<{
    goal: string;
    needs: string;
    nextFollowUp: string;
    followUpReason: string;
    leadUserId: string;
  }>({
    intent: "save-plan",
    id: conflict ? `plan-core-${conflict.saved.version}` : `plan-core-${plan.version}`,
    defaultValue: {
      goal: values.goal ?? "",
      needs: values.needs ?? "",
      nextFollowUp: values.nextFollowUp ?? "",
      followUpReason: (conflict ? conflict.attempted.followUpReason : plan.followUpReason) ?? "",
      leadUserId: values.leadUserId ?? "",
    },
  });
  return (
    <section aria-labelledby="plan-core-heading" className="card">
      <h2 id="plan-core-heading">{t("plans.editPlan")}</h2>
      {conflict ? (
        <ConflictPanel conflict={conflict} leadNames={new Map(page.team.map((m) => [m.id, m.name]))} />
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="save-plan" />
        <input type="hidden" name="version" value={conflict ? conflict.saved.version : plan.version} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField meta={fields.goal} label={t("plans.goal")} rows={3} />
        <TextareaField meta={fields.needs} label={t("plans.needs")} rows={3} />
        <TextField
          meta={fields.nextFollowUp}
          label={t("plans.nextFollowUp")}
          type="date"
          required={plan.status === "active"}
        />
        {consentEnds ? (
          <p className="callout callout--warning" role="note">
            {t("plans.followUpAfterConsent", {
              date: formatDate(plan.nextFollowUp, i18n.language),
              until: formatDate(consentEnds, i18n.language),
            })}
          </p>
        ) : null}
        <TextareaField
          meta={fields.followUpReason}
          label={t("plans.followUpReason")}
          help={t("plans.followUpReasonHint", { count: page.settings.maxFollowUpMonths })}
          rows={2}
        />
        <SelectField
          meta={fields.leadUserId}
          label={t("plans.leadUser")}
          required
          options={leadCandidates.map((m) => ({ value: m.id, label: m.name }))}
        />
        <div className="button-row">
          <SubmitButton>{conflict ? t("plans.conflictKeepMine") : t("plans.savePlan")}</SubmitButton>
          {conflict ? (
            <Link to="." className="button button--secondary" reloadDocument>
              {t("plans.conflictDiscard")}
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  );
}
