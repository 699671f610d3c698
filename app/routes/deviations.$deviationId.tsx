import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/features/auth/auth.server";
import { CasePage, type CaseActionResult } from "~/features/deviations/case-page";
import {
  agendaSchema,
  answerSchema,
  closeSchema,
  escalateSchema,
  messageSchema,
  reopenSchema,
  routeSchema,
  triageSchema,
} from "~/features/deviations/deviations.schema";
import {
  answer,
  askReporter,
  closeCase,
  defaultAnswerBy,
  escalate,
  getCase,
  partnershipOrganisations,
  publish,
  reopen,
  replyAsReporter,
  requireDeviationAccess,
  requireViewer,
  routeToParties,
  setAgenda,
  triage,
} from "~/features/deviations/deviations.server";
import { personalDataErrors } from "~/features/deviations/guard-errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("deviations.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const access = await requireDeviationAccess(db, user, params.deviationId ?? "");
  const theCase = await getCase(db, user, access);
  const partnership = await db
    .selectFrom("partnerships")
    .select("answer_days")
    .where("id", "=", access.partnershipId)
    .executeTakeFirstOrThrow();
  return {
    theCase,
    organisations: access.viewers.has("coordinator") ? await partnershipOrganisations(db, access.partnershipId) : [],
    defaultAnswerBy: defaultAnswerBy(partnership.answer_days),
    ownOrganisationId: user.organisationId,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const access = await requireDeviationAccess(db, user, params.deviationId ?? "");
  const t = await getT(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/deviations/${access.id}`;
  const invalid = (result: unknown) => data({ intent, result } as CaseActionResult, { status: 400 });
  const done = (key: string) => redirectWithFlash(here, { kind: "success", key });
  const members = async () => new Set((await partnershipOrganisations(db, access.partnershipId)).map((o) => o.id));

  switch (intent) {
    case "triage": {
      requireViewer(access, "coordinator");
      const submission = parseWithZod(formData, { schema: triageSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      const guard = await personalDataErrors(db, t, { summary: submission.value.summary });
      if (guard) return invalid(submission.reply({ fieldErrors: guard }));
      const allowed = await members();
      await triage(db, user, access, {
        ...submission.value,
        partyIds: submission.value.partyIds.filter((id) => allowed.has(id)),
      });
      return done("deviations.triaged");
    }
    case "ask":
    case "reply": {
      requireViewer(access, intent === "ask" ? "coordinator" : "reporter");
      const submission = parseWithZod(formData, { schema: messageSchema(t, intent) });
      if (submission.status !== "success") return invalid(submission.reply());
      const guard = await personalDataErrors(db, t, { body: submission.value.body });
      if (guard) return invalid(submission.reply({ fieldErrors: guard }));
      if (intent === "ask") await askReporter(db, user, access, submission.value.body);
      else await replyAsReporter(db, user, access, submission.value.body);
      return done(intent === "ask" ? "deviations.asked" : "deviations.replied");
    }
    case "route": {
      requireViewer(access, "coordinator");
      const submission = parseWithZod(formData, { schema: routeSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      const allowed = await members();
      const organisationIds = submission.value.organisationIds.filter((id) => allowed.has(id));
      if (organisationIds.length === 0)
        return invalid(submission.reply({ fieldErrors: { organisationIds: [t("deviations.chooseParties")] } }));
      await routeToParties(db, user, access, { organisationIds, answerBy: submission.value.answerBy });
      return done("deviations.routed");
    }
    case "answer": {
      requireViewer(access, "coordinator", "contact");
      const submission = parseWithZod(formData, { schema: answerSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      const guard = await personalDataErrors(db, t, { body: submission.value.body });
      if (guard) return invalid(submission.reply({ fieldErrors: guard }));
      // A contact answers for their own organisation; the coordinator records an answer received elsewhere.
      const organisationId =
        access.viewers.has("contact") && !access.viewers.has("coordinator")
          ? user.organisationId
          : (submission.value.organisationId ?? "");
      if (!(await answer(db, user, access, { organisationId, body: submission.value.body }))) {
        return invalid(submission.reply({ fieldErrors: { organisationId: [t("deviations.notRouted")] } }));
      }
      return done("deviations.answerSaved");
    }
    case "close": {
      requireViewer(access, "coordinator");
      const submission = parseWithZod(formData, { schema: closeSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      const guard = await personalDataErrors(db, t, { note: submission.value.note });
      if (guard) return invalid(submission.reply({ fieldErrors: guard }));
      await closeCase(db, user, access, submission.value);
      return done("deviations.closed");
    }
    case "escalate": {
      requireViewer(access, "coordinator");
      const submission = parseWithZod(formData, { schema: escalateSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      await escalate(db, user, access, submission.value.level);
      return done("deviations.escalated");
    }
    case "agenda": {
      requireViewer(access, "coordinator");
      const submission = parseWithZod(formData, { schema: agendaSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      await setAgenda(db, user, access, submission.value.agendaDate ?? null);
      return done("deviations.agendaSaved");
    }
    case "publish":
    case "unpublish": {
      requireViewer(access, "coordinator");
      const outcome = await publish(db, user, access, intent === "publish");
      if (outcome === "not_answered")
        return redirectWithFlash(here, { kind: "error", key: "deviations.publishNeedsAnswer" });
      return done(intent === "publish" ? "deviations.publishedNotice" : "deviations.unpublishedNotice");
    }
    case "reopen": {
      requireViewer(access, "coordinator");
      const submission = parseWithZod(formData, { schema: reopenSchema(t) });
      if (submission.status !== "success") return invalid(submission.reply());
      await reopen(db, user, access, submission.value.reason);
      return done("deviations.reopened");
    }
    default:
      return data({ intent } as CaseActionResult, { status: 400 });
  }
}

export default function DeviationCase() {
  const loaded = useLoaderData<typeof loader>();
  return <CasePage {...loaded} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
