// The plan page's overview: each section as it is read every day, with a link that opens its
// form ("?edit=<section>"). Plain links, so it all works without JavaScript.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ConsentRecord } from "~/features/consent/consent";
import { formatDate } from "~/lib/time";
import { NoteList } from "./follow-ups-section";
import type { FollowUp, Note, PlanAction, PlanView } from "./plan-view";

/** The sections that open for editing, and the anchor each one is found at. */
export const PLAN_SECTIONS = [
  "goal",
  "actions",
  "follow-ups",
  "notes",
  "team",
  "person",
  "consent",
  "lifecycle",
] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

/** Shown in the overview before "show all". */
const LATEST = 3;

export const editLink = (section: PlanSection, extra = "") => `?edit=${section}${extra}#${section}`;

/** A section of the plan page: its anchor takes focus after a save or when its form opens. */
export function PlanCard({
  id,
  title,
  children,
  edit,
  className = "card",
}: {
  id: string;
  title: string;
  children: ReactNode;
  /** The link that opens the section's form, beside the heading. */
  edit?: ReactNode;
  className?: string;
}) {
  return (
    <section id={id} tabIndex={-1} aria-labelledby={`${id}-heading`} className={className}>
      <div className="card__header">
        <h2 id={`${id}-heading`}>{title}</h2>
        {edit}
      </div>
      {children}
    </section>
  );
}

export function EditLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="card__edit">
      <Link to={to} preventScrollReset>
        {children}
      </Link>
    </p>
  );
}

export function GoalOverview({ page }: { page: PlanView }) {
  const { t } = useTranslation();
  const { plan } = page;
  return (
    <PlanCard
      id="goal"
      title={t("planPage.goalHeading")}
      edit={plan.status !== "closed" ? <EditLink to={editLink("goal")}>{t("planPage.editGoal")}</EditLink> : null}
    >
      <h3 className="label-heading">{t("plans.goal")}</h3>
      <p className="preserve-lines">{plan.goal || <span className="muted">{t("planPage.noGoal")}</span>}</p>
      <h3 className="label-heading">{t("plans.needs")}</h3>
      <p className="preserve-lines">{plan.needs || <span className="muted">{t("planPage.noNeeds")}</span>}</p>
    </PlanCard>
  );
}

function ActionLine({ action: a }: { action: PlanAction }) {
  const { t, i18n } = useTranslation();
  return (
    <li className={a.overdue ? "action action--overdue" : "action"}>
      <p className="action__description preserve-lines">{a.description}</p>
      <p className="muted">
        <span className={`badge badge--action-${a.status}`}>{t(`plans.actionStatuses.${a.status}`)}</span>
        {a.userName ? ` · ${t("planPage.responsible", { name: a.userName })}` : ""}
        {a.dueDate ? ` · ${t("planPage.due", { date: formatDate(a.dueDate, i18n.language) })}` : ""}
        {a.overdue ? (
          <>
            {" "}
            <span className="badge badge--warning">{t("plans.overdue")}</span>
          </>
        ) : null}
      </p>
    </li>
  );
}

/** Actions grouped by the organisation responsible, cancelled ones left out of the overview. */
export function ActionsOverview({ page }: { page: PlanView }) {
  const { t } = useTranslation();
  const groups = new Map<string, { name: string; actions: PlanAction[] }>();
  const personName = page.person.name || t("persons.unnamed");
  // The person's own part first: it is what the plan asks of them.
  groups.set("person", { name: t("planPage.byPersonGroup", { name: personName }), actions: [] });
  for (const a of page.actions) {
    if (a.status === "cancelled") continue;
    const key = a.byPerson ? "person" : a.responsibleOrganisationId;
    const group = groups.get(key) ?? { name: a.organisationName, actions: [] };
    group.actions.push(a);
    groups.set(key, group);
  }
  if (groups.get("person")!.actions.length === 0) groups.delete("person");
  return (
    <PlanCard
      id="actions"
      title={t("planPage.whoDoesWhat")}
      edit={
        page.plan.status !== "closed" ? <EditLink to={editLink("actions")}>{t("planPage.editActions")}</EditLink> : null
      }
    >
      {groups.size === 0 ? <p className="empty-state">{t("plans.noActions")}</p> : null}
      {[...groups.entries()].map(([id, group]) => (
        <div key={id} className="action-group">
          <h3>{group.name}</h3>
          <ul className="action-list">
            {group.actions.map((a) => (
              <ActionLine key={a.id} action={a} />
            ))}
          </ul>
        </div>
      ))}
    </PlanCard>
  );
}

export function FollowUpsOverview({ followUps, closed }: { followUps: FollowUp[]; closed: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <PlanCard id="follow-ups" title={t("plans.followUps")}>
      {followUps.length === 0 ? (
        <p className="empty-state">{t("plans.noFollowUps")}</p>
      ) : (
        <ol className="timeline" aria-label={t("planPage.followUpsLatest")}>
          {followUps.slice(0, LATEST).map((f) => (
            <li key={f.id}>
              <p>
                <strong>{formatDate(f.heldOn, i18n.language)}</strong>{" "}
                <span className="muted">– {f.recordedByName}</span>
              </p>
              <p className="preserve-lines clamp">{f.reviewed}</p>
            </li>
          ))}
        </ol>
      )}
      {followUps.length > LATEST ? (
        <EditLink to={editLink("follow-ups")}>{t("planPage.allFollowUps", { count: followUps.length })}</EditLink>
      ) : closed ? null : (
        <EditLink to={editLink("follow-ups")}>{t("plans.recordFollowUp")}</EditLink>
      )}
    </PlanCard>
  );
}

export function NotesOverview({ notes }: { notes: Note[] }) {
  const { t } = useTranslation();
  return (
    <PlanCard id="notes" title={t("plans.notes")}>
      {notes.length === 0 ? (
        <p className="muted">{t("plans.noNotes")}</p>
      ) : (
        <NoteList notes={notes.slice(0, LATEST)} label={t("planPage.notesLatest")} clipped />
      )}
      <EditLink to={editLink("notes")}>
        {notes.length > LATEST ? t("planPage.allNotes", { count: notes.length }) : t("planPage.writeNote")}
      </EditLink>
    </PlanCard>
  );
}

/** The consents in force, one line each; the full history and the forms open on request. */
export function ConsentOverview({ consents, isLead }: { consents: ConsentRecord[]; isLead: boolean }) {
  const { t, i18n } = useTranslation();
  const current = consents.filter((c) => c.state === "active" || c.state === "future");
  return (
    <PlanCard id="consent" title={t("consent.title")}>
      {current.length === 0 ? (
        <p className="notice">{t("planPage.consentNone")}</p>
      ) : (
        <ul className="plain-list">
          {current.map((c) => (
            <li key={c.id}>
              {t("planPage.consentLine", {
                state: t(`consent.states.${c.state}`, { date: formatDate(c.validFrom, i18n.language) }),
                from: formatDate(c.validFrom, i18n.language),
                until: formatDate(c.validUntil, i18n.language),
                organisations: c.organisations.map((o) => o.name).join(", ") || t("planPage.consentLeadOnly"),
              })}
            </li>
          ))}
        </ul>
      )}
      <EditLink to={editLink("consent")}>{isLead ? t("planPage.editConsents") : t("planPage.showConsents")}</EditLink>
    </PlanCard>
  );
}
