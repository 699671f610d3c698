import {
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { useActionData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * What an action answers when a form on the page fails (400) or meets a named failure such as a
 * conflict (409): which form it belongs to (its intent), Conform's reply with field errors and
 * every value typed, and whatever the page needs to explain the failure. Built on the server by
 * formReply() in ~/lib/http.server.
 */
export interface FormReply<Detail = unknown> {
  intent: string;
  result?: SubmissionResult<string[]>;
  detail?: Detail;
}

/** The last reply of the page's action, when it belongs to the form with this intent. */
export function useReplyFor<Detail = unknown>(intent: string): FormReply<Detail> | undefined {
  const reply = useActionData<FormReply<Detail>>();
  return reply && typeof reply === "object" && reply.intent === intent ? reply : undefined;
}

/**
 * The one form setup. Validation runs on the server only (the schema library stays out of the
 * browser, docs/decisions/0009-forms-validated-on-the-server.md): errors appear after a submit,
 * in the user's language, with every value kept. `id` changes when the form should start afresh
 * (e.g. a new version of the record); it defaults to the intent.
 */
export function useAppForm<Shape extends Record<string, unknown>>({
  intent,
  id,
  defaultValue,
}: {
  intent: string;
  id?: string;
  defaultValue?: Partial<Record<keyof Shape, unknown>>;
}) {
  const reply = useReplyFor(intent);
  return useForm<Shape>({
    id: id ?? intent,
    lastResult: reply?.result,
    defaultValue: defaultValue as never,
    shouldValidate: "onSubmit",
  });
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const list = errors?.filter(Boolean) ?? [];
  if (list.length === 0) return null;
  return (
    <ul id={id} className="field__errors">
      {list.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

/** Form-level errors (e.g. "wrong e-mail or password"), announced to screen readers. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  const list = errors?.filter(Boolean) ?? [];
  if (list.length === 0) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {list.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

interface BaseProps {
  label: string;
  help?: ReactNode;
  required?: boolean;
}

function Label({ htmlFor, label, required }: { htmlFor: string; label: string; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <label htmlFor={htmlFor}>
      {label}
      {required ? <span className="field__required"> ({t("common.required")})</span> : null}
    </label>
  );
}

export function TextField({
  meta,
  label,
  help,
  required,
  type = "text",
  autoComplete,
  inputMode,
}: BaseProps & {
  meta: FieldMetadata<string | number | undefined | null>;
  type?: "text" | "email" | "password" | "number" | "date" | "time" | "search" | "url" | "tel";
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "email";
}) {
  return (
    <div className="field">
      <Label htmlFor={meta.id} label={label} required={required} />
      {help ? (
        <p id={meta.descriptionId} className="field__help">
          {help}
        </p>
      ) : null}
      <input
        {...getInputProps(meta, { type, ariaDescribedBy: help ? meta.descriptionId : undefined })}
        autoComplete={autoComplete}
        inputMode={inputMode}
      />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextareaField({
  meta,
  label,
  help,
  required,
  rows = 4,
}: BaseProps & { meta: FieldMetadata<string | undefined | null>; rows?: number }) {
  return (
    <div className="field">
      <Label htmlFor={meta.id} label={label} required={required} />
      {help ? (
        <p id={meta.descriptionId} className="field__help">
          {help}
        </p>
      ) : null}
      <textarea {...getTextareaProps(meta, { ariaDescribedBy: help ? meta.descriptionId : undefined })} rows={rows} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  help,
  required,
  options,
  placeholder,
}: BaseProps & {
  meta: FieldMetadata<string | undefined | null>;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  return (
    <div className="field">
      <Label htmlFor={meta.id} label={label} required={required} />
      {help ? (
        <p id={meta.descriptionId} className="field__help">
          {help}
        </p>
      ) : null}
      <select {...getSelectProps(meta, { ariaDescribedBy: help ? meta.descriptionId : undefined })}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function CheckboxGroup({
  meta,
  legend,
  options,
  help,
}: {
  meta: FieldMetadata<string[] | undefined | null>;
  legend: string;
  options: { value: string; label: string }[];
  help?: ReactNode;
}) {
  const selected = new Set(
    Array.isArray(meta.initialValue)
      ? meta.initialValue.map(String)
      : meta.initialValue
        ? [String(meta.initialValue)]
        : [],
  );
  return (
    <fieldset
      className="field field--group"
      aria-describedby={meta.errors ? meta.errorId : help ? meta.descriptionId : undefined}
    >
      <legend>{legend}</legend>
      {help ? (
        <p id={meta.descriptionId} className="field__help">
          {help}
        </p>
      ) : null}
      {options.map((o) => (
        <label key={o.value} className="checkbox">
          <input type="checkbox" name={meta.name} value={o.value} defaultChecked={selected.has(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

export function SubmitButton({
  children,
  name,
  value,
  variant = "primary",
}: {
  children: ReactNode;
  name?: string;
  value?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <button
      type="submit"
      name={name}
      value={value}
      className={`button button--${variant}`}
      aria-disabled={busy || undefined}
    >
      {children}
    </button>
  );
}

export function CheckboxField({
  meta,
  label,
  help,
}: {
  meta: FieldMetadata<boolean | string | undefined | null>;
  label: string;
  help?: ReactNode;
}) {
  const checked = meta.initialValue === "on" || meta.initialValue === "true" || (meta.initialValue as unknown) === true;
  return (
    <div className="field">
      <label className="checkbox" htmlFor={meta.id}>
        <input
          type="checkbox"
          id={meta.id}
          name={meta.name}
          defaultChecked={checked}
          aria-describedby={help ? meta.descriptionId : undefined}
          aria-invalid={meta.errors ? true : undefined}
        />
        <span>{label}</span>
      </label>
      {help ? (
        <p id={meta.descriptionId} className="field__help">
          {help}
        </p>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function RadioGroup({
  meta,
  legend,
  options,
  required,
}: {
  meta: FieldMetadata<string | undefined | null>;
  legend: string;
  options: { value: string; label: string }[];
  required?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="field field--group" aria-describedby={meta.errors ? meta.errorId : undefined}>
      <legend>
        {legend}
        {required ? <span className="field__required"> ({t("common.required")})</span> : null}
      </legend>
      {options.map((o) => (
        <label key={o.value} className="checkbox">
          <input type="radio" name={meta.name} value={o.value} defaultChecked={meta.initialValue === o.value} />
          <span>{o.label}</span>
        </label>
      ))}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}
