import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { SubmitButton } from "~/components/forms";
import { EmptyState } from "~/components/list";
import { actorOf } from "~/features/access/current-user";
import { requirePermission } from "~/features/auth/auth.server";
import {
  linkUserIdentity,
  resetSecondFactor,
  unlinkUserIdentity,
  userSignIn,
} from "~/features/identity/identity-admin.server";
import {
  LINK_INTENT,
  linkErrors,
  linkIdentitySchema,
  RESET_SECOND_FACTOR_INTENT,
  UNLINK_INTENT,
  unlinkIdentitySchema,
} from "~/features/identity/identity-admin.schema";
import { UserSignInSection } from "~/features/identity/sign-in-admin";
import { listAllOrganisations, listAllPartnerships } from "~/features/organisations/organisations.server";
import { sendPasswordReset, setUserDisabled, updateUser } from "~/features/users/admin-users.server";
import { grantRole, revokeRole } from "~/features/users/grants.server";
import { grantErrors, userErrors } from "~/features/users/user-errors";
import { GRANT_INTENT, GrantForm, USER_INTENT, UserForm } from "~/features/users/user-form";
import { grantSchema, userSchema } from "~/features/users/users.schema";
import { getUser } from "~/features/users/users.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply, invariantResponse } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("admin.editUser");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "admin:manage");
  const db = getDb();
  const user = await getUser(db, params.userId ?? "");
  invariantResponse(user);
  const signIn = await userSignIn(db, admin, user.id);
  invariantResponse(signIn);
  return {
    user,
    signIn,
    organisations: await listAllOrganisations(db),
    partnerships: await listAllPartnerships(db),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "admin:manage");
  const db = getDb();
  const userId = params.userId ?? "";
  const t = await getT(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/admin/users/${userId}`;
  const actor = actorOf(admin);

  switch (intent) {
    case USER_INTENT: {
      const submission = parseWithZod(formData, { schema: userSchema(t) });
      if (submission.status !== "success") {
        invariantResponse(await getUser(db, userId));
        return formReply(USER_INTENT, submission.reply());
      }
      const updated = await updateUser(db, actor, userId, submission.value);
      if (!updated.ok) {
        invariantResponse(updated.error !== "not_found");
        return formReply(USER_INTENT, submission.reply({ fieldErrors: userErrors(t, updated.error) }));
      }
      return redirectWithFlash(here, {
        kind: "success",
        key: updated.value.emailChanged ? "admin.emailChanged" : "common.saved",
      });
    }
    case "disable":
    case "enable": {
      const changed = await setUserDisabled(db, actor, userId, intent === "disable");
      if (!changed.ok) {
        invariantResponse(changed.error !== "not_found");
        return redirectWithFlash(here, { kind: "error", key: "admin.selfDisable" });
      }
      return redirectWithFlash(here, {
        kind: "success",
        key: intent === "disable" ? "admin.disabledNotice" : "admin.enabledNotice",
      });
    }
    case "reset-password": {
      const sent = await sendPasswordReset(db, actor, userId);
      if (!sent.ok) {
        invariantResponse(sent.error !== "not_found");
        return redirectWithFlash(here, { kind: "error", key: "admin.resetDisabled" });
      }
      return redirectWithFlash(here, { kind: "success", key: "admin.resetSent" });
    }
    case GRANT_INTENT: {
      const submission = parseWithZod(formData, { schema: grantSchema(t) });
      if (submission.status !== "success") {
        invariantResponse(await getUser(db, userId));
        return formReply(GRANT_INTENT, submission.reply());
      }
      const { role, partnershipId } = submission.value;
      const granted = await grantRole(db, actor, userId, role, partnershipId || null);
      if (!granted.ok) {
        invariantResponse(granted.error !== "not_found");
        return formReply(GRANT_INTENT, submission.reply(grantErrors(t, granted.error, role)));
      }
      return redirectWithFlash(here, { kind: "success", key: "admin.roleGranted" });
    }
    case "revoke": {
      const revoked = await revokeRole(db, actor, userId, String(formData.get("grantId") ?? ""));
      invariantResponse(revoked.ok);
      return redirectWithFlash(here, { kind: "success", key: "admin.roleRevoked" });
    }
    case LINK_INTENT: {
      const submission = parseWithZod(formData, { schema: linkIdentitySchema(t) });
      if (submission.status !== "success") {
        invariantResponse(await getUser(db, userId));
        return formReply(LINK_INTENT, submission.reply());
      }
      const linked = await linkUserIdentity(db, admin, userId, submission.value);
      if (!linked.ok) {
        invariantResponse(linked.error !== "not_found");
        return formReply(LINK_INTENT, submission.reply({ fieldErrors: linkErrors(t, linked.error) }));
      }
      return redirectWithFlash(here, { kind: "success", key: "identity.linked" });
    }
    case UNLINK_INTENT: {
      const submission = parseWithZod(formData, { schema: unlinkIdentitySchema() });
      invariantResponse(submission.status === "success", 400, "Bad Request");
      const removed = await unlinkUserIdentity(db, admin, userId, submission.value);
      if (!removed.ok) {
        invariantResponse(removed.error !== "not_found");
        return redirectWithFlash(here, { kind: "error", key: "identity.noLink" });
      }
      return redirectWithFlash(here, { kind: "success", key: "identity.unlinked" });
    }
    case RESET_SECOND_FACTOR_INTENT: {
      const reset = await resetSecondFactor(db, admin, userId);
      invariantResponse(reset.ok);
      return redirectWithFlash(here, { kind: "success", key: "identity.secondFactorWasReset" });
    }
    default:
      invariantResponse(await getUser(db, userId));
      return data({ intent: null }, { status: 400 });
  }
}

export default function EditUser() {
  const { t } = useTranslation();
  const { user, organisations, partnerships, signIn } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>
        {user.name} {user.disabled ? <span className="badge badge--muted">{t("admin.disabled")}</span> : null}
      </h1>
      <div className="two-columns">
        <section aria-labelledby="details-heading">
          <h2 id="details-heading">{t("admin.editUser")}</h2>
          <UserForm
            organisations={organisations}
            submitLabel={t("common.save")}
            defaultValue={{
              name: user.name,
              email: user.email,
              organisationId: user.organisationId,
              phone: user.phone ?? "",
            }}
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
                    {g.partnershipName ? ` – ${g.partnershipName}` : ""}
                  </span>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="grantId" value={g.id} />
                    <button type="submit" className="button button--quiet">
                      {t("admin.revoke")}
                      <span className="visually-hidden">
                        {" "}
                        {t(`roles.${g.role}`)} {g.partnershipName ?? ""}
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
      <UserSignInSection signIn={signIn} />
      {user.disabled ? null : (
        <section aria-labelledby="password-heading">
          <h2 id="password-heading">{t("admin.passwordHeading")}</h2>
          <p>{t("admin.resetHint")}</p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="reset-password" />
            <SubmitButton variant="secondary">{t("admin.resetPassword")}</SubmitButton>
          </Form>
        </section>
      )}
      <section aria-labelledby="account-heading" className="danger-zone">
        <h2 id="account-heading">{t("admin.status")}</h2>
        <p>{t("admin.disableHint")}</p>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value={user.disabled ? "enable" : "disable"} />
          <SubmitButton variant={user.disabled ? "secondary" : "danger"}>
            {user.disabled ? t("admin.enable") : t("admin.disable")}
          </SubmitButton>
        </Form>
      </section>
    </>
  );
}
