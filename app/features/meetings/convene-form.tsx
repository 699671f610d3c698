// Convening a meeting: when and where, the purpose, and who is summoned or invited.
// A plain POST form; works without JavaScript.
import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  ErrorList,
  FormErrors,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useAppForm,
} from "~/components/forms";
import { EXTERNAL_ROLES } from "#db/schema";
import { InviteeSearch } from "./invitee-search";
import { EXTERNAL_ROWS, PERSON_CHOICES, STAFF_CHOICES, type ConvenePage } from "./meeting-types";

type ConveneFields = {
  date: string;
  time: string;
  durationMinutes: string;
  place: string;
  videoLink: string;
  purpose: string;
  agenda: string;
  staff: Record<string, string>;
  personKind: string;
  externals: { name: string; role: string; contact: string }[];
};

export function ConveneMeetingView({ page }: { page: ConvenePage }) {
  const { t } = useTranslation();
  const [form, fields] = useAppForm<ConveneFields>({
    intent: "convene",
    defaultValue: {
      durationMinutes: "60",
      personKind: "invitation",
      externals: Array.from({ length: EXTERNAL_ROWS }, () => ({ name: "", role: "relative", contact: "" })),
    },
  });
  const chosenKinds = (fields.staff.initialValue ?? {}) as Record<string, string | undefined>;
  const externalRows = fields.externals.getFieldList();
  const planName = t("plans.planFor", { kind: t(`plans.kindShort.${page.plan.kind}`), name: page.plan.personName });
  return (
    <article className="meeting-form">
      <p>
        <Link to={`/plans/${page.plan.id}`}>{t("meetings.backToPlan")}</Link>
      </p>
      <h1>{t("meetings.conveneTitle")}</h1>
      <p className="lead">{planName}</p>
      <p>{t("meetings.conveneIntro")}</p>
      {page.uncoveredOrganisations.length > 0 ? (
        <p className="notice" role="status">
          {t("meetings.uncoveredWarning", { organisations: page.uncoveredOrganisations.join(", ") })}
        </p>
      ) : null}
      <InviteeSearch page={page} />
      <Form method="post" {...getFormProps(form)} className="stack card">
        <input type="hidden" name="intent" value="convene" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset className="fieldset">
          <legend>{t("meetings.invitees")}</legend>
          <p className="field__help">{t("meetings.inviteesHelp")}</p>
          {page.chosen.length === 0 ? (
            <p className="muted">{t("meetings.search.noneChosen")}</p>
          ) : (
            <table className="table invitee-table">
              <thead>
                <tr>
                  <th scope="col">{t("meetings.staffName")}</th>
                  <th scope="col">{t("meetings.organisation")}</th>
                  <th scope="col">{t("meetings.inviteAs")}</th>
                </tr>
              </thead>
              <tbody>
                {page.chosen.map((s) => {
                  const id = `staff-${s.id}`;
                  return (
                    <tr key={s.id} className={s.covered ? undefined : "row--attention"}>
                      <th scope="row">
                        {s.name}
                        {!s.onTeam ? (
                          <span className="muted invitee-table__note">{t("meetings.notOnTeam")}</span>
                        ) : null}
                      </th>
                      <td>
                        {s.organisationName}
                        {!s.covered ? (
                          <>
                            {" "}
                            <span className="badge badge--warning">{t("meetings.notCovered")}</span>
                          </>
                        ) : null}
                      </td>
                      <td>
                        <label htmlFor={id} className="visually-hidden">
                          {t("meetings.inviteAsFor", { name: s.name })}
                        </label>
                        <select
                          id={id}
                          name={`staff.${s.id}`}
                          defaultValue={chosenKinds[s.id] ?? (s.onTeam ? "summons" : "invitation")}
                        >
                          {STAFF_CHOICES.map((c) => (
                            <option key={c} value={c}>
                              {t(`meetings.kinds.${c}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <ErrorList id={fields.staff.errorId} errors={fields.staff.errors} />
        </fieldset>

        <fieldset className="fieldset stack">
          <legend>{t("meetings.personAndOthers")}</legend>
          <SelectField
            meta={fields.personKind}
            label={t("meetings.invitePerson")}
            help={t("meetings.invitePersonHelp")}
            options={PERSON_CHOICES.map((c) => ({ value: c, label: t(`meetings.personChoices.${c}`) }))}
          />
          <p className="field__help">{t("meetings.externalsHelp")}</p>
          {externalRows.map((row, i) => {
            const f = row.getFieldset();
            return (
              <fieldset key={row.key} className="fieldset external-row">
                <legend>{t("meetings.externalLegend", { number: i + 1 })}</legend>
                <div className="field-row">
                  <TextField meta={f.name} label={t("meetings.externalName")} autoComplete="off" />
                  <SelectField
                    meta={f.role}
                    label={t("meetings.externalRole")}
                    options={EXTERNAL_ROLES.map((r) => ({ value: r, label: t(`meetings.externalRoleChoices.${r}`) }))}
                  />
                </div>
                <TextField
                  meta={f.contact}
                  label={t("meetings.externalContact")}
                  help={t("meetings.externalContactHelp")}
                  autoComplete="off"
                />
              </fieldset>
            );
          })}
        </fieldset>

        <fieldset className="fieldset stack">
          <legend>{t("meetings.whenAndWhere")}</legend>
          <div className="field-row">
            <TextField meta={fields.date} label={t("meetings.date")} type="date" required />
            <TextField
              meta={fields.time}
              label={t("meetings.time")}
              type="time"
              help={t("meetings.timeHelp")}
              required
            />
            <TextField
              meta={fields.durationMinutes}
              label={t("meetings.duration")}
              type="number"
              inputMode="numeric"
              required
            />
          </div>
          <TextField meta={fields.place} label={t("meetings.place")} help={t("meetings.placeHelp")} />
          <TextField
            meta={fields.videoLink}
            label={t("meetings.videoLink")}
            type="url"
            help={t("meetings.videoLinkHelp")}
          />
        </fieldset>
        <TextareaField
          meta={fields.purpose}
          label={t("meetings.purpose")}
          help={t("meetings.purposeHelp")}
          rows={3}
          required
        />
        <TextareaField meta={fields.agenda} label={t("meetings.agenda")} rows={4} />

        <SubmitButton>{t("meetings.send")}</SubmitButton>
      </Form>
    </article>
  );
}
