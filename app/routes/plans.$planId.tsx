import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import type { z } from "zod";
import { getDb, type DB } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { CurrentUser } from "~/features/access/current-user";
import { requirePermission } from "~/features/auth/auth.server";
import { recordConsent, withdrawConsent } from "~/features/consent/consent.server";
import { liftProtection, savePersonDetails } from "~/features/persons/persons.server";
import { fieldErrors, formErrors } from "~/features/plans/plan-failures";
import { PLAN_SECTIONS, PlanPageView, type PlanSection } from "~/features/plans/plan-page";
import { planPage } from "~/features/plans/plan-page.server";
import { addAction, addNote, recordFollowUp, updateAction } from "~/features/plans/plan-parts.server";
import {
  actionSchema,
  activateSchema,
  closeSchema,
  consentSchema,
  followUpSchema,
  liftProtectionSchema,
  memberSchema,
  noteSchema,
  personSchema,
  planCoreSchema,
  updateActionSchema,
  withdrawSchema,
} from "~/features/plans/plans.schema";
import { changePlanStatus, planGuard, updatePlanCore } from "~/features/plans/plans.server";
import { addTeamMember, removeTeamMember } from "~/features/plans/team.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply, notFound } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";
import type { Failure, Result } from "~/lib/result";

export const meta = pageTitle("plans.editPlan");

/** Which section's form is open, read from the URL; anything else shows the overview. */
function openSection(url: URL): PlanSection | null {
  const edit = url.searchParams.get("edit");
  return PLAN_SECTIONS.find((s) => s === edit) ?? null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const url = new URL(request.url);
  const edit = openSection(url);
  const showHistory = url.searchParams.get("history") === "all";
  const page = await planPage(getDb(), user, params.planId ?? "", {
    history: showHistory,
    candidates: edit === "team",
    organisations: edit === "actions" || edit === "consent",
  });
  if (!page.ok) throw notFound();
  const removing = edit === "team" ? (url.searchParams.get("remove") ?? undefined) : undefined;
  return { page: page.value, edit, removing, showHistory };
}

/** What a named failure shows on the form: by its fields (the default) or at the top. */
type Shown = { fieldErrors?: Record<string, string[]>; formErrors?: string[] };

interface Intent<Value> {
  schema: (t: TFunction) => z.ZodType<Value, z.ZodTypeDef, unknown>;
  /** The access check's name in the audit log, and whether only the lead organisation may. */
  audit: string;
  lead?: boolean;
  run: (db: DB, user: CurrentUser, planId: string, value: Value) => Promise<Result<unknown, string, unknown>>;
  /** The flash message on success, and where to go (the plan itself by default). */
  saved: string;
  /** The section the page comes back to after a save. */
  section: PlanSection;
  goTo?: (user: CurrentUser, value: Value) => string | undefined;
  /** How a named failure or a form that does not parse is shown. */
  show?: (t: TFunction, failure?: Failure<string, unknown>) => Shown;
}

const intent = <Value,>(definition: Intent<Value>) => definition as unknown as Intent<unknown>;
const chooseMember = (t: TFunction): Shown => ({ formErrors: formErrors(t, { memberId: "not_candidate" }) });

const INTENTS: Record<string, Intent<unknown>> = {
  "save-plan": intent({
    schema: planCoreSchema,
    audit: "plan.update",
    run: (db, user, planId, v) =>
      updatePlanCore(db, user, planId, {
        ...v,
        nextFollowUp: v.nextFollowUp ?? null,
        followUpReason: v.followUpReason ?? null,
      }),
    saved: "plans.planSaved",
    section: "goal",
  }),
  "save-person": intent({
    schema: personSchema,
    audit: "person.update",
    run: (db, user, planId, v) => savePersonDetails(db, user, planId, v),
    saved: "plans.personSaved",
    section: "person",
  }),
  "lift-protection": intent({
    schema: liftProtectionSchema,
    audit: "person.unprotect",
    run: (db, user, planId) => liftProtection(db, user, planId),
    saved: "persons.protectionLifted",
    section: "person",
  }),
  activate: intent({
    schema: activateSchema,
    audit: "plan.activate",
    lead: true,
    run: (db, user, planId, v) => changePlanStatus(db, user, planId, { version: v.version, to: "active" }),
    saved: "plans.activated",
    section: "lifecycle",
    show: (t, failure) =>
      failure
        ? { formErrors: [failure.error === "needs_follow_up" ? t("plans.needsFollowUp") : t("plans.stale")] }
        : {},
  }),
  close: intent({
    schema: closeSchema,
    audit: "plan.close",
    lead: true,
    run: (db, user, planId, v) =>
      changePlanStatus(db, user, planId, { version: v.version, to: "closed", outcome: v.outcome }),
    saved: "plans.closed",
    section: "lifecycle",
    show: (t, failure) => (failure ? { formErrors: [t("plans.stale")] } : {}),
  }),
  "add-member": intent({
    schema: memberSchema,
    audit: "team.update",
    run: (db, user, planId, v) => addTeamMember(db, user, planId, v.memberId),
    saved: "plans.memberAdded",
    section: "team",
    show: chooseMember,
  }),
  "remove-member": intent({
    schema: memberSchema,
    audit: "team.update",
    run: (db, user, planId, v) => removeTeamMember(db, user, planId, v.memberId),
    saved: "plans.memberRemoved",
    section: "team",
    // Removing yourself ends your access: go back to the list.
    goTo: (user, v) => (v.memberId === user.id ? "/plans" : undefined),
    show: (t, failure) =>
      failure?.error === "is_lead" ? { formErrors: [t("plans.cannotRemoveLead")] } : chooseMember(t),
  }),
  "add-action": intent({
    schema: actionSchema,
    audit: "action.create",
    run: (db, user, planId, v) =>
      addAction(db, user, planId, {
        responsibleOrganisationId: v.responsibleOrganisationId,
        responsibleUserId: v.responsibleUserId || null,
        description: v.description,
        status: v.status,
        insatsType: v.insatsType,
        byPerson: v.byPerson,
        startDate: v.startDate ?? null,
        dueDate: v.dueDate ?? null,
      }),
    saved: "plans.actionAdded",
    section: "actions",
  }),
  "update-action": intent({
    schema: updateActionSchema,
    audit: "action.update",
    run: (db, user, planId, v) =>
      updateAction(db, user, planId, v.actionId, { version: v.version, status: v.status, dueDate: v.dueDate ?? null }),
    saved: "plans.actionSaved",
    section: "actions",
  }),
  "record-follow-up": intent({
    schema: followUpSchema,
    audit: "follow_up.create",
    run: (db, user, planId, v) => recordFollowUp(db, user, planId, { ...v, intervalReason: v.intervalReason ?? null }),
    saved: "plans.followUpRecorded",
    section: "follow-ups",
  }),
  "add-note": intent({
    schema: noteSchema,
    audit: "note.create",
    run: (db, user, planId, v) => addNote(db, user, planId, v.body),
    saved: "plans.noteAdded",
    section: "notes",
  }),
  "record-consent": intent({
    schema: consentSchema,
    audit: "consent.create",
    lead: true,
    run: (db, user, planId, v) => recordConsent(db, user, planId, { ...v, categories: v.categories as never }),
    saved: "consent.recorded",
    section: "consent",
  }),
  "withdraw-consent": intent({
    schema: withdrawSchema,
    audit: "consent.withdraw",
    lead: true,
    run: (db, user, planId, v) => withdrawConsent(db, user, planId, v.consentId, v.reason),
    saved: "consent.withdrawn",
    section: "consent",
  }),
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const db = getDb();
  const planId = params.planId ?? "";
  const t = await getT(request);
  const formData = await request.formData();
  const name = String(formData.get("intent") ?? "");
  const handler = INTENTS[name];
  if (!handler) {
    if (!(await planGuard(db, user, planId, "plan.update")).ok) throw notFound();
    return formReply(name, undefined);
  }
  const submission = parseWithZod(formData, { schema: handler.schema(t) });
  if (submission.status !== "success") {
    // Someone who may not see the plan learns nothing from their form either.
    if (!(await planGuard(db, user, planId, handler.audit, { lead: handler.lead })).ok) throw notFound();
    const shown = handler.show?.(t);
    return formReply(name, submission.reply(shown?.formErrors ? shown : undefined));
  }
  const result = await handler.run(db, user, planId, submission.value);
  if (!result.ok) {
    if (result.error === "not_found") throw notFound();
    if (result.error === "conflict") return formReply(name, submission.reply(), { status: 409, detail: result.detail });
    return formReply(
      name,
      submission.reply(handler.show?.(t, result) ?? { fieldErrors: fieldErrors(t, result.fields) }),
    );
  }
  const to = handler.goTo?.(user, submission.value) ?? `/plans/${planId}#${handler.section}`;
  return redirectWithFlash(to, { kind: "success", key: handler.saved });
}

export default function PlanRoute() {
  const { page, edit, removing, showHistory } = useLoaderData<typeof loader>();
  return <PlanPageView page={page} edit={edit} removing={removing} showHistory={showHistory} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
