import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireLeadAccess, requirePlanAccess } from "~/features/access/access.server";
import { requirePermission } from "~/features/auth/auth.server";
import { recordConsent, withdrawConsent } from "~/features/consent/consent.server";
import {
  addAction,
  addNote,
  addTeamMember,
  partnerOrganisations,
  recordFollowUp,
  removeTeamMember,
  savePersonDetails,
  teamCandidates,
  updateAction,
} from "~/features/plans/plan-parts.server";
import { PlanPageView, type PlanActionResult } from "~/features/plans/plan-page";
import {
  actionSchema,
  activateSchema,
  closeSchema,
  consentSchema,
  followUpSchema,
  memberSchema,
  noteSchema,
  personSchema,
  planCoreSchema,
  updateActionSchema,
  withdrawSchema,
} from "~/features/plans/plans.schema";
import { changePlanStatus, getPlanPage, updatePlanCore } from "~/features/plans/plans.server";
import { listPlanMeetings } from "~/features/meetings/meetings.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { notFound } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("plans.editPlan");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const db = getDb();
  const access = await requirePlanAccess(db, user, params.planId ?? "", "plan.read");
  const [page, candidates, organisations] = await Promise.all([
    getPlanPage(db, user, access),
    teamCandidates(db, access),
    partnerOrganisations(db, access),
  ]);
  return { ...page, candidates, organisations, currentUserId: user.id, meetings: await listPlanMeetings(db, access) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "plans:work");
  const db = getDb();
  const planId = params.planId ?? "";
  const t = await getT(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/plans/${planId}`;
  const invalid = (result: unknown) => data({ intent, result } as PlanActionResult, { status: 400 });
  const saved = (key: string) => redirectWithFlash(here, { kind: "success", key });

  switch (intent) {
    case "save-plan": {
      const access = await requirePlanAccess(db, user, planId, "plan.update");
      const submission = parseWithZod(formData, { schema: planCoreSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      const { version, goal, needs, nextFollowUp, leadUserId } = submission.value;
      const team = await db
        .selectFrom("plan_team")
        .innerJoin("users", "users.id", "plan_team.user_id")
        .select("users.id")
        .where("plan_team.plan_id", "=", planId)
        .where("users.organisation_id", "=", access.leadOrganisationId)
        .execute();
      if (!team.some((m) => m.id === leadUserId)) {
        return invalid(
          submission.reply({
            fieldErrors: { leadUserId: [t("validation.choose", { field: t("plans.leadUser").toLowerCase() })] },
          }),
        );
      }
      const plan = await db.selectFrom("plans").select("status").where("id", "=", planId).executeTakeFirstOrThrow();
      if (plan.status === "active" && !nextFollowUp) {
        return invalid(submission.reply({ fieldErrors: { nextFollowUp: [t("plans.needsFollowUp")] } }));
      }
      const result = await updatePlanCore(db, user, access, {
        version,
        goal,
        needs,
        nextFollowUp: nextFollowUp ?? null,
        leadUserId,
      });
      if (!result.ok) return data({ intent, conflict: result.conflict } as PlanActionResult, { status: 409 });
      return saved("plans.planSaved");
    }
    case "save-person": {
      const access = await requirePlanAccess(db, user, planId, "person.update");
      const submission = parseWithZod(formData, { schema: personSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      await savePersonDetails(db, user, access, submission.value);
      return saved("plans.personSaved");
    }
    case "activate": {
      const access = await requireLeadAccess(db, user, planId, "plan.activate");
      const submission = parseWithZod(formData, { schema: activateSchema() });
      if (submission.status !== "success") return invalid(submission.reply());
      const outcome = await changePlanStatus(db, user, access, { version: submission.value.version, to: "active" });
      if (outcome === "needs_follow_up") return invalid(submission.reply({ formErrors: [t("plans.needsFollowUp")] }));
      if (outcome !== "ok") return invalid(submission.reply({ formErrors: [t("plans.stale")] }));
      return saved("plans.activated");
    }
    case "close": {
      const access = await requireLeadAccess(db, user, planId, "plan.close");
      const submission = parseWithZod(formData, { schema: closeSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      const outcome = await changePlanStatus(db, user, access, {
        version: submission.value.version,
        to: "closed",
        outcome: submission.value.outcome,
      });
      if (outcome !== "ok") return invalid(submission.reply({ formErrors: [t("plans.stale")] }));
      return saved("plans.closed");
    }
    case "add-member":
    case "remove-member": {
      const access = await requirePlanAccess(db, user, planId, "team.update");
      const submission = parseWithZod(formData, { schema: memberSchema() });
      if (submission.status !== "success")
        return invalid(
          submission.reply({ formErrors: [t("validation.choose", { field: t("plans.member").toLowerCase() })] }),
        );
      if (intent === "add-member") {
        if (!(await addTeamMember(db, user, access, submission.value.memberId))) {
          return invalid(
            submission.reply({ formErrors: [t("validation.choose", { field: t("plans.member").toLowerCase() })] }),
          );
        }
        return saved("plans.memberAdded");
      }
      const removed = await removeTeamMember(db, user, access, submission.value.memberId);
      if (removed === "is_lead") return invalid(submission.reply({ formErrors: [t("plans.cannotRemoveLead")] }));
      if (removed === "not_member") throw notFound();
      // Removing yourself ends your access: go back to the list.
      return submission.value.memberId === user.id
        ? redirectWithFlash("/plans", { kind: "success", key: "plans.memberRemoved" })
        : saved("plans.memberRemoved");
    }
    case "add-action": {
      const access = await requirePlanAccess(db, user, planId, "action.create");
      const organisations = await partnerOrganisations(db, access);
      const submission = parseWithZod(formData, { schema: actionSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      if (!organisations.some((o) => o.id === submission.value.responsibleOrganisationId)) {
        return invalid(
          submission.reply({
            fieldErrors: {
              responsibleOrganisationId: [
                t("validation.choose", { field: t("plans.responsibleOrganisation").toLowerCase() }),
              ],
            },
          }),
        );
      }
      const responsibleUserId = submission.value.responsibleUserId || null;
      if (responsibleUserId) {
        const member = await db
          .selectFrom("plan_team")
          .innerJoin("users", "users.id", "plan_team.user_id")
          .select("users.organisation_id")
          .where("plan_team.plan_id", "=", planId)
          .where("plan_team.user_id", "=", responsibleUserId)
          .executeTakeFirst();
        if (!member || member.organisation_id !== submission.value.responsibleOrganisationId) {
          return invalid(
            submission.reply({
              fieldErrors: {
                responsibleUserId: [t("validation.choose", { field: t("plans.responsibleUser").toLowerCase() })],
              },
            }),
          );
        }
      }
      await addAction(db, user, access, {
        ...submission.value,
        responsibleUserId,
        startDate: submission.value.startDate ?? null,
        dueDate: submission.value.dueDate ?? null,
      });
      return saved("plans.actionAdded");
    }
    case "update-action": {
      const access = await requirePlanAccess(db, user, planId, "action.update");
      const submission = parseWithZod(formData, { schema: updateActionSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      const result = await updateAction(db, user, access, submission.value.actionId, {
        version: submission.value.version,
        status: submission.value.status,
        dueDate: submission.value.dueDate ?? null,
      });
      if (!result) throw notFound();
      if (!result.ok)
        return data({ intent, actionId: submission.value.actionId, conflict: result.conflict } as PlanActionResult, {
          status: 409,
        });
      return saved("plans.actionSaved");
    }
    case "record-follow-up": {
      const access = await requirePlanAccess(db, user, planId, "follow_up.create");
      const submission = parseWithZod(formData, { schema: followUpSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      await recordFollowUp(db, user, access, submission.value);
      return saved("plans.followUpRecorded");
    }
    case "add-note": {
      const access = await requirePlanAccess(db, user, planId, "note.create");
      const submission = parseWithZod(formData, { schema: noteSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      await addNote(db, user, access, submission.value.body);
      return saved("plans.noteAdded");
    }
    case "record-consent": {
      const access = await requireLeadAccess(db, user, planId, "consent.create");
      const organisations = await partnerOrganisations(db, access);
      const submission = parseWithZod(formData, { schema: consentSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      if (!submission.value.organisationIds.every((id) => organisations.some((o) => o.id === id))) {
        return invalid(submission.reply({ fieldErrors: { organisationIds: [t("consent.chooseOrganisations")] } }));
      }
      await recordConsent(db, user, access, { ...submission.value, categories: submission.value.categories as never });
      return saved("consent.recorded");
    }
    case "withdraw-consent": {
      const access = await requireLeadAccess(db, user, planId, "consent.withdraw");
      const submission = parseWithZod(formData, { schema: withdrawSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      if (!(await withdrawConsent(db, user, access, submission.value.consentId, submission.value.reason)))
        throw notFound();
      return saved("consent.withdrawn");
    }
    default:
      await requirePlanAccess(db, user, planId, "plan.update");
      return data({ intent } as PlanActionResult, { status: 400 });
  }
}

export default function PlanRoute() {
  const page = useLoaderData<typeof loader>();
  return <PlanPageView page={page} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
