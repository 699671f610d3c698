// One small form of the case page, for one intent: the app's one form setup (useAppForm), so
// errors and every typed value come back from the server on a 400.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormErrors, useAppForm } from "~/components/forms";

type Fields<Shape extends Record<string, unknown>> = ReturnType<typeof useAppForm<Shape>>[1];

export function CaseForm<Shape extends Record<string, unknown>>({
  intent,
  defaultValue,
  children,
}: {
  intent: string;
  defaultValue?: Partial<Record<keyof Shape, unknown>>;
  children: (fields: Fields<Shape>) => ReactNode;
}) {
  const [form, fields] = useAppForm<Shape>({ intent, id: `case-${intent}`, defaultValue });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value={intent} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {children(fields)}
    </Form>
  );
}
