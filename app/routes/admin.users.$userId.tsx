import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { ROLES } from "#db/schema";
import { FormErrors, SelectField, SubmitButton } from "~/components/forms";
import { EmptyState } from "~/components/list";
import { requirePermission } from "~/features/auth/auth.server";
import { actorOf } from "~/features/access/current-user";
import { listAllOrganisations, listAllPartnerships } from "~/features/organisations/organisations.server";
import { OneTimePassword, UserForm } from "~/features/users/user-form";
import { grantSchema, userSchema } from "~/features/users/users.schema";
import {
  getUser,
  grantRole,
  isEmailTaken,
  isPartnershipRole,
  resetPassword,
  revokeRole,
  setUserDisabled,
  updateUser,
} from "~/features/users/users.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { notFound } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.editUser");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:manage");
  const db = getDb();
  const user = await getUser(db, params.userId ?? "");
  if (!user) throw notFound();
  return {
    user,
    organisations: await listAllOrganisations(db),
    partnerships: await listAllPartnerships(db),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "admin:manage");
  const db = getDb();
  const user = await getUser(db, params.userId ?? "");
  if (!user) throw notFound();
  const t = await getT(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/admin/users/${user.id}`;
  const actor = actorOf(admin);

  switch (intent) {
    case "update": {
      const organisations = await listAllOrganisations(db);
      const submission = await parseWithZod(formData, {
        schema: userSchema(t).superRefine(async (value, ctx) => {
          if (!organisations.some((o) => o.id === value.organisationId)) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: ["organisationId"],
              message: t("validation.choose", { field: t("admin.organisation").toLowerCase() }),
            });
          }
          if (await isEmailTaken(db, value.email, user.id)) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["email"], message: t("admin.emailTaken") });
          }
        }),
        async: true,
      });
      if (submission.status !== "success")
        return data({ intent, result: submission.reply(), password: null }, { status: 400 });
      await updateUser(db, actor, user.id, submission.value);
      return redirectWithFlash(here, { kind: "success", key: "common.saved" });
    }
    case "disable":
    case "enable": {
      if (intent === "disable" && user.id === admin.id) {
        return redirectWithFlash(here, { kind: "error", key: "admin.selfDisable" });
      }
      await setUserDisabled(db, actor, user.id, intent === "disable");
      return redirectWithFlash(here, {
        kind: "success",
        key: intent === "disable" ? "admin.disabledNotice" : "admin.enabledNotice",
      });
    }
    case "reset-password": {
      const password = await resetPassword(db, actor, user.id);
      return { intent, result: null, password };
    }
    case "grant": {
      const partnerships = await listAllPartnerships(db);
      const submission = parseWithZod(formData, {
        schema: grantSchema(t).superRefine((value, ctx) => {
          const roleLabel = t(`roles.${value.role}`);
          if (isPartnershipRole(value.role) && !partnerships.some((p) => p.id === value.partnershipId)) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: ["partnershipId"],
              message: t("admin.roleNeedsPartnership", { role: roleLabel }),
            });
          }
          if (!isPartnershipRole(value.role) && value.partnershipId) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: ["partnershipId"],
              message: t("admin.roleWithoutPartnership", { role: roleLabel }),
            });
          }
        }),
      });
      if (submission.status !== "success")
        return data({ intent, result: submission.reply(), password: null }, { status: 400 });
      const outcome = await grantRole(
        db,
        actor,
        user.id,
        submission.value.role,
        submission.value.partnershipId || null,
      );
      if (outcome === "exists") {
        return data(
          { intent, result: submission.reply({ formErrors: [t("admin.roleExists")] }), password: null },
          { status: 400 },
        );
      }
      return redirectWithFlash(here, { kind: "success", key: "admin.roleGranted" });
    }
    case "revoke": {
      const revoked = await revokeRole(db, actor, user.id, String(formData.get("grantId") ?? ""));
      if (!revoked) throw notFound();
      return redirectWithFlash(here, { kind: "success", key: "admin.roleRevoked" });
    }
    default:
      return data({ intent: null, result: null, password: null }, { status: 400 });
  }
}

function GrantForm({ partnerships }: { partnerships: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const schema = grantSchema(t);
  const [form, fields] = useForm({
    id: "grant",
    lastResult: actionData?.intent === "grant" ? actionData.result : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="grant" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        meta={fields.role}
        label={t("admin.role")}
        required
        placeholder=""
        options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      />
      <SelectField
        meta={fields.partnershipId}
        label={t("admin.partnership")}
        help={t("admin.roleNeedsPartnership", { role: `${t("roles.coordinator")} / ${t("roles.steering")}` })}
        placeholder={t("admin.choosePartnership")}
        options={partnerships.map((p) => ({ value: p.id, label: p.name }))}
      />
      <div>
        <SubmitButton variant="secondary">{t("admin.grantRole")}</SubmitButton>
      </div>
    </Form>
  );
}

export default function EditUser() {
  const { t } = useTranslation();
  const { user, organisations, partnerships } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>
        {user.name} {user.disabled_at ? <span className="badge badge--muted">{t("admin.disabled")}</span> : null}
      </h1>
      {actionData?.password ? <OneTimePassword name={user.name} password={actionData.password} /> : null}
      <div className="two-columns">
        <section aria-labelledby="details-heading">
          <h2 id="details-heading">{t("admin.editUser")}</h2>
          <UserForm
            lastResult={actionData?.intent === "update" ? actionData.result : undefined}
            organisations={organisations}
            submitLabel={t("common.save")}
            defaultValue={{ name: user.name, email: user.email, organisationId: user.organisation_id }}
          />
        </section>
        <section aria-labelledby="grants-heading">
          <h2 id="grants-heading">{t("admin.grants")}</h2>
          {user.grants.length === 0 ? (
            <EmptyState>{t("admin.noGrants")}</EmptyState>
          ) : (
            <ul className="grant-list">
              {user.grants.map((g) => (
                <li key={g.id}>
                  <span>
                    {t(`roles.${g.role}`)}
                    {g.partnership_name ? ` – ${g.partnership_name}` : ""}
                  </span>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="grantId" value={g.id} />
                    <button type="submit" className="button button--quiet">
                      {t("admin.revoke")}
                      <span className="visually-hidden">
                        {" "}
                        {t(`roles.${g.role}`)} {g.partnership_name ?? ""}
                      </span>
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
          <h3>{t("admin.grantRole")}</h3>
          <GrantForm partnerships={partnerships} />
        </section>
      </div>
      <section aria-labelledby="account-heading" className="danger-zone">
        <h2 id="account-heading">{t("admin.status")}</h2>
        <p>{t("admin.disableHint")}</p>
        <div className="button-row">
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value={user.disabled_at ? "enable" : "disable"} />
            <SubmitButton variant={user.disabled_at ? "secondary" : "danger"}>
              {user.disabled_at ? t("admin.enable") : t("admin.disable")}
            </SubmitButton>
          </Form>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="reset-password" />
            <SubmitButton variant="secondary">{t("admin.resetPassword")}</SubmitButton>
          </Form>
        </div>
      </section>
    </>
  );
}
