// The work queues on the start page for the roles that do not work on plans: the coordinator,
// the contact, the steering member, the auditor and the admin. Counts and case numbers only
// (no names, no case text), each linking to the list it counts, the most urgent first.
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";
import {
  coordinatedPartnerships,
  managesRoutineCases,
  mayAnswerDeviations,
  steeredPartnerships,
} from "~/features/access/deviation-policy";
import type { CurrentUser } from "~/features/access/current-user";
import { activeConsent } from "~/features/access/access.server";
import { can } from "~/features/access/policy";
import { lastFullTerm } from "~/features/summaries/periods";
import { addDays, todayInStockholm } from "~/lib/time";

export interface QueueItem {
  /** The locale key under start.queue.items. */
  key: string;
  count: number;
  href: string;
  urgent?: boolean;
  /** Words to fill in: an organisation, a date, a period. */
  values?: Record<string, string>;
}

export interface Queue {
  role: "caseworker" | "coordinator" | "manager" | "contact" | "steering" | "auditor" | "admin";
  /** The partnership's name, for a user with a role in several. */
  partnership?: string;
  items: QueueItem[];
}

const deviationsHref = (params: Record<string, string>) => `/deviations?${new URLSearchParams(params)}`;

async function coordinatorQueue(db: DB, partnershipId: string, name: string, today: string): Promise<Queue> {
  const items: QueueItem[] = [];
  const countByStatus = await db
    .selectFrom("deviations")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("partnership_id", "=", partnershipId)
    .where("status", "in", ["submitted", "in_review"])
    .groupBy("status")
    .execute();
  const submitted = Number(countByStatus.find((c) => c.status === "submitted")?.n ?? 0);

  // A reporter's reply that came after the coordinator's last question waits for the coordinator.
  const replies = await db
    .selectFrom("deviations as d")
    .select((eb) => [
      eb
        .selectFrom("deviation_messages as m")
        .select((e) => e.fn.max("m.created_at").as("at"))
        .whereRef("m.deviation_id", "=", "d.id")
        .where("m.kind", "=", "reply")
        .as("reply_at"),
      eb
        .selectFrom("deviation_messages as m")
        .select((e) => e.fn.max("m.created_at").as("at"))
        .whereRef("m.deviation_id", "=", "d.id")
        .where("m.kind", "=", "question")
        .as("question_at"),
    ])
    .where("d.partnership_id", "=", partnershipId)
    .where("d.status", "in", ["submitted", "in_review"])
    .execute();
  const waitingReplies = replies.filter((r) => r.reply_at && (!r.question_at || r.reply_at > r.question_at)).length;

  const routes = await db
    .selectFrom("deviation_routes as r")
    .innerJoin("deviations as d", "d.id", "r.deviation_id")
    .innerJoin("organisations as o", "o.id", "r.organisation_id")
    .select(["r.organisation_id", "o.name", "r.answer_by"])
    .where("r.partnership_id", "=", partnershipId)
    .where("r.answered_at", "is", null)
    .where("d.status", "=", "awaiting_response")
    .where("r.answer_by", "<=", addDays(today, 7))
    .execute();
  const perParty = (overdue: boolean) => {
    const byOrg = new Map<string, { name: string; count: number }>();
    for (const r of routes.filter((r) => r.answer_by < today === overdue)) {
      const entry = byOrg.get(r.organisation_id) ?? { name: r.name, count: 0 };
      entry.count += 1;
      byOrg.set(r.organisation_id, entry);
    }
    return [...byOrg].sort((a, b) => b[1].count - a[1].count);
  };

  for (const [orgId, { name: org, count }] of perParty(true))
    items.push({
      key: "answersOverdue",
      count,
      urgent: true,
      values: { organisation: org },
      href: deviationsHref({ partnershipId, status: "awaiting_response", partyId: orgId }),
    });
  if (submitted > 0)
    items.push({
      key: "newCases",
      count: submitted,
      urgent: true,
      href: deviationsHref({ partnershipId, status: "submitted" }),
    });
  if (waitingReplies > 0)
    items.push({
      key: "replies",
      count: waitingReplies,
      href: deviationsHref({ partnershipId, status: "in_review" }),
    });
  for (const [orgId, { name: org, count }] of perParty(false))
    items.push({
      key: "answersDueThisWeek",
      count,
      values: { organisation: org },
      href: deviationsHref({ partnershipId, status: "awaiting_response", partyId: orgId }),
    });

  const agenda = await db
    .selectFrom("deviations")
    .select(["agenda_date", (eb) => eb.fn.countAll<number>().as("n")])
    .where("partnership_id", "=", partnershipId)
    .where("agenda_date", ">=", today)
    .groupBy("agenda_date")
    .orderBy("agenda_date")
    .limit(1)
    .executeTakeFirst();
  if (agenda?.agenda_date)
    items.push({
      key: "onAgenda",
      count: Number(agenda.n),
      values: { date: agenda.agenda_date },
      href: deviationsHref({ partnershipId }),
    });

  const period = lastFullTerm(today);
  const frozen = await db
    .selectFrom("summary_snapshots")
    .select("id")
    .where("partnership_id", "=", partnershipId)
    .where("period_key", "=", period.key)
    .where("retracted_at", "is", null)
    .executeTakeFirst();
  if (!frozen)
    items.push({
      key: "readyToFreeze",
      count: 1,
      values: { period: period.label },
      href: `/reports/${partnershipId}/${period.key}`,
    });
  return { role: "coordinator", partnership: name, items };
}

/** Routine deviations of the manager's own organisation: new ones first, then those being handled. */
async function managerQueue(db: DB, user: CurrentUser): Promise<Queue> {
  const counts = await db
    .selectFrom("deviations")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("handler", "=", "manager")
    .where("routine_organisation_id", "=", user.organisationId)
    .where("status", "in", ["submitted", "in_review"])
    .groupBy("status")
    .execute();
  const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
  const items: QueueItem[] = [];
  if (count("submitted") > 0)
    items.push({
      key: "routineNew",
      count: count("submitted"),
      urgent: true,
      href: deviationsHref({ status: "submitted" }),
    });
  if (count("in_review") > 0)
    items.push({ key: "routineInReview", count: count("in_review"), href: deviationsHref({ status: "in_review" }) });
  return { role: "manager", items };
}

async function contactQueue(db: DB, user: CurrentUser, today: string): Promise<Queue> {
  const routes = await db
    .selectFrom("deviation_routes as r")
    .innerJoin("deviations as d", "d.id", "r.deviation_id")
    .select(["d.id", "d.number", "r.answer_by"])
    .where("r.organisation_id", "=", user.organisationId)
    .where("r.answered_at", "is", null)
    .where("d.status", "=", "awaiting_response")
    .orderBy("r.answer_by")
    .limit(20)
    .execute();
  return {
    role: "contact",
    items: routes.map((r) => ({
      key: r.answer_by < today ? "caseOverdue" : "caseToAnswer",
      count: 1,
      urgent: r.answer_by < today,
      values: { number: String(r.number), date: r.answer_by },
      href: `/deviations/${r.id}`,
    })),
  };
}

async function steeringQueue(db: DB, partnershipId: string, name: string, since: string, today: string) {
  const [released, published, agenda] = await Promise.all([
    db
      .selectFrom("summary_snapshots")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("partnership_id", "=", partnershipId)
      .where("released_at", ">", since)
      .where("retracted_at", "is", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("deviations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("partnership_id", "=", partnershipId)
      .where("published_at", ">", since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("deviations")
      .select((eb) => eb.fn.min("agenda_date").as("next"))
      .where("partnership_id", "=", partnershipId)
      .where("agenda_date", ">=", today)
      .executeTakeFirst(),
  ]);
  const items: QueueItem[] = [];
  if (Number(released.n) > 0) items.push({ key: "summariesReleased", count: Number(released.n), href: "/reports" });
  if (Number(published.n) > 0)
    items.push({ key: "casesPublished", count: Number(published.n), href: deviationsHref({ partnershipId }) });
  if (agenda?.next)
    items.push({
      key: "nextMeeting",
      count: 1,
      values: { date: String(agenda.next) },
      href: deviationsHref({ partnershipId }),
    });
  return { role: "steering" as const, partnership: name, items };
}

/**
 * Consents on the caseworker's active plans that end before the plan's next follow-up or its next
 * meeting: the plan would stop being shared just when the parties need it.
 */
async function caseworkerQueue(db: DB, user: CurrentUser, today: string, now: Date): Promise<Queue> {
  const rows = await db
    .selectFrom("plan_team as t")
    .innerJoin("plans as p", "p.id", "t.plan_id")
    .innerJoin("consents", "consents.plan_id", "p.id")
    .select((eb) => [
      "p.id",
      "p.kind",
      "p.next_follow_up",
      "consents.valid_until",
      eb
        .selectFrom("meetings as m")
        .select((e) => e.fn.min("m.starts_at").as("at"))
        .whereRef("m.plan_id", "=", "p.id")
        .where("m.status", "=", "scheduled")
        .where("m.starts_at", ">", nowIso(now))
        .as("next_meeting"),
    ])
    .where("t.user_id", "=", user.id)
    .where("p.status", "=", "active")
    .where((eb) => activeConsent(eb, today))
    .execute();
  const items: QueueItem[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const meetingDay = r.next_meeting ? todayInStockholm(new Date(String(r.next_meeting))) : null;
    const next = [r.next_follow_up, meetingDay].filter((d): d is string => !!d).sort()[0];
    if (!next || r.valid_until >= next || seen.has(r.id)) continue;
    seen.add(r.id);
    items.push({
      key: "consentEndsFirst",
      count: 1,
      urgent: true,
      values: { kind: r.kind, date: r.valid_until, next },
      href: `/plans/${r.id}`,
    });
  }
  return { role: "caseworker", items };
}

async function adminQueue(db: DB): Promise<Queue> {
  const [withoutRole, failedMail] = await Promise.all([
    db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("disabled_at", "is", null)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom("role_grants").select("id").whereRef("role_grants.user_id", "=", "users.id"))),
      )
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("delivery", "=", "smtp_failed")
      .executeTakeFirstOrThrow(),
  ]);
  const items: QueueItem[] = [];
  if (Number(failedMail.n) > 0)
    items.push({ key: "mailFailed", count: Number(failedMail.n), urgent: true, href: "/admin/outbox" });
  if (Number(withoutRole.n) > 0)
    items.push({ key: "usersWithoutRole", count: Number(withoutRole.n), href: "/admin/users" });
  return { role: "admin", items };
}

/**
 * "Since the last visit" for the steering member: the visit before this one, kept for half an
 * hour so that reloading the page does not empty it.
 */
async function previousVisit(db: DB, userId: string, now: Date): Promise<string> {
  const row = await db
    .selectFrom("users")
    .select(["start_seen_at", "start_previous_seen_at"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const fresh = row.start_seen_at && Date.parse(row.start_seen_at) > now.getTime() - 30 * 60_000;
  if (fresh) return row.start_previous_seen_at ?? "1970-01-01T00:00:00.000Z";
  await db
    .updateTable("users")
    .set({ start_previous_seen_at: row.start_seen_at, start_seen_at: nowIso(now) })
    .where("id", "=", userId)
    .execute();
  return row.start_seen_at ?? "1970-01-01T00:00:00.000Z";
}

export async function workQueues(db: DB, user: CurrentUser, now = new Date()): Promise<Queue[]> {
  const today = todayInStockholm(now);
  const queues: Queue[] = [];
  if (can(user, "plans:work")) queues.push(await caseworkerQueue(db, user, today, now));
  const names = new Map(
    (await db.selectFrom("partnerships").select(["id", "name"]).execute()).map((p) => [p.id, p.name] as const),
  );
  for (const id of coordinatedPartnerships(user))
    queues.push(await coordinatorQueue(db, id, names.get(id) ?? "", today));
  if (managesRoutineCases(user)) queues.push(await managerQueue(db, user));
  if (mayAnswerDeviations(user)) queues.push(await contactQueue(db, user, today));
  const steered = steeredPartnerships(user);
  if (steered.length > 0) {
    const since = await previousVisit(db, user.id, now);
    for (const id of steered) queues.push(await steeringQueue(db, id, names.get(id) ?? "", since, today));
  }
  if (can(user, "audit:review")) queues.push({ role: "auditor", items: [] });
  if (can(user, "admin:manage")) queues.push(await adminQueue(db));
  return queues;
}
