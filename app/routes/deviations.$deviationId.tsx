import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import type { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/features/auth/auth.server";
import { CasePage } from "~/features/deviations/case-page";
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
  casePage,
  closeCase,
  escalate,
  publish,
  reopen,
  replyAsReporter,
  routeToParties,
  setAgenda,
  triage,
} from "~/features/deviations/deviations.server";
import type { PersonalDataFindings } from "~/features/privacy/personal-data.server";
import { personalDataErrors } from "~/features/privacy/messages";
import { redirectWithFlash } from "~/lib/flash.server";
import { formReply, notFound } from "~/lib/http.server";
import { getT } from "~/lib/i18n.server";
import { pageTitle } from "~/lib/meta";
import type { Result } from "~/lib/result";
import dailyStyles from "~/styles/daily-work.css?url";

export const meta = pageTitle("deviations.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dailyStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await casePage(getDb(), user, params.deviationId ?? "");
  if (!page.ok) throw notFound();
  return { ...page.value, ownOrganisationId: user.organisationId };
}

type CaseFailure =
  "personal_data" | "closed" | "not_closed" | "not_routed" | "no_parties" | "not_answered" | "not_found";

/** What each named failure of a step says on the form it came from. */
function replyFor(t: TFunction, error: Exclude<CaseFailure, "not_found">, detail: unknown) {
  switch (error) {
    case "personal_data":
      return {
        fieldErrors: personalDataErrors(t, detail as PersonalDataFindings, t("deviations.personalData.why")),
      };
    case "not_routed":
      return { fieldErrors: { organisationId: [t("deviations.notRouted")] } };
    case "no_parties":
      return { fieldErrors: { organisationIds: [t("deviations.chooseParties")] } };
    case "not_answered":
      return { formErrors: [t("deviations.publishNeedsAnswer")] };
    case "closed":
      return { formErrors: [t("deviations.caseClosed")] };
    case "not_closed":
      return { formErrors: [t("deviations.caseNotClosed")] };
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const id = params.deviationId ?? "";
  const t = await getT(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const done = (key: string) => redirectWithFlash(`/deviations/${id}`, { kind: "success", key });

  /** Parses the form, runs the one command for it, and maps its result to HTTP. */
  async function step<S extends z.ZodTypeAny>(
    schema: S,
    run: (value: z.infer<S>) => Promise<Result<unknown, CaseFailure, unknown>>,
    flash: string,
  ) {
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return formReply(intent, submission.reply());
    const result = await run(submission.value);
    if (result.ok) return done(flash);
    if (result.error === "not_found") throw notFound();
    // A case that moved on (closed, or reopened) conflicts with the form; anything else is the form's to fix.
    const status = result.error === "closed" || result.error === "not_closed" ? 409 : 400;
    return formReply(intent, submission.reply(replyFor(t, result.error, result.detail)), { status });
  }

  switch (intent) {
    case "triage":
      return step(triageSchema(t), (v) => triage(db, user, id, v), "deviations.triaged");
    case "ask":
      return step(messageSchema(t, "ask"), (v) => askReporter(db, user, id, v.body), "deviations.asked");
    case "reply":
      return step(messageSchema(t, "reply"), (v) => replyAsReporter(db, user, id, v.body), "deviations.replied");
    case "route":
      return step(routeSchema(t), (v) => routeToParties(db, user, id, v), "deviations.routed");
    case "answer":
      return step(answerSchema(t), (v) => answer(db, user, id, v), "deviations.answerSaved");
    case "close":
      return step(closeSchema(t), (v) => closeCase(db, user, id, v), "deviations.closed");
    case "escalate":
      return step(escalateSchema(t), (v) => escalate(db, user, id, v.level), "deviations.escalated");
    case "agenda":
      return step(agendaSchema(t), (v) => setAgenda(db, user, id, v.agendaDate ?? null), "deviations.agendaSaved");
    case "reopen":
      return step(reopenSchema(t), (v) => reopen(db, user, id, v.reason), "deviations.reopened");
    case "publish":
    case "unpublish": {
      const result = await publish(db, user, id, intent === "publish");
      if (result.ok) return done(intent === "publish" ? "deviations.publishedNotice" : "deviations.unpublishedNotice");
      if (result.error === "not_found") throw notFound();
      return redirectWithFlash(`/deviations/${id}`, { kind: "error", key: "deviations.publishNeedsAnswer" });
    }
    default:
      return formReply(intent, undefined);
  }
}

export default function DeviationCase() {
  const loaded = useLoaderData<typeof loader>();
  return <CasePage {...loaded} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
