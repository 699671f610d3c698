// The hot pages' queries must read what the user's own work needs, never a whole table: a full
// scan of plans, persons, plan_team, deviations, notifications or audit_events makes a
// caseworker's page cost what the whole database holds (issue 13). Each hot query runs through
// its real feature command on the demo plus generated volume, and every SELECT it compiles is
// explained. Not timed: `npm run bench` times the pages.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type DB } from "#db/client.server";
import { DEMO_USERS } from "#db/seed/demo-cast";
import { seedDemo } from "#db/seed/seed";
import { seedVolume } from "#db/seed/volume";
import type { CurrentUser } from "~/features/access/current-user";
import { planAccessFor } from "~/features/access/access.server";
import { NO_FILTER, logReviewPage } from "~/features/audit/log-review.server";
import { loadCurrentUser } from "~/features/auth/auth.server";
import { createSession, validateSessionToken } from "~/features/auth/session.server";
import { casePage } from "~/features/deviations/case.server";
import { deviationsIndex } from "~/features/deviations/lists.server";
import { meetingPage } from "~/features/meetings/meeting-queries.server";
import { meetingsStart } from "~/features/meetings/start.server";
import { listNotifications, unreadCount } from "~/features/notifications/notifications.server";
import { planPage } from "~/features/plans/plan-page.server";
import { listPlans } from "~/features/plans/plans.server";
import { startPage } from "~/features/start/start.server";
import { breakdownCounts } from "~/features/summaries/breakdown-figures.server";
import { cadenceCounts, progressionCounts } from "~/features/summaries/cadence-figures.server";
import { lastFullTerm } from "~/features/summaries/periods";
import { summaryScope } from "~/features/summaries/summary-scope.server";
import { analyze, explain, forgetStatistics, fullScans, recordSelects, sortsRows } from "./query-plans";

interface Cast {
  anna: CurrentUser;
  karin: CurrentUser;
  erik: CurrentUser;
  annaToken: string;
  annaPlanId: string;
  annaPersonNumber: string;
  meetingId: string;
  deviationId: string;
}

const user = async (db: DB, email: string) => {
  const row = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return (await loadCurrentUser(db, row.id, "query-plans"))!;
};

/** One function per hot query: it runs the command that page or check runs. */
const HOT: Record<string, (db: DB, c: Cast) => Promise<unknown>> = {
  "session lookup": async (db, c) => {
    const session = await validateSessionToken(db, c.annaToken);
    await loadCurrentUser(db, session!.userId, session!.sessionId);
  },
  "access check": (db, c) => planAccessFor(db, c.anna, c.annaPlanId, "plan.read"),
  "plan list": (db, c) => listPlans(db, c.anna, { q: "", page: 1 }),
  "plan search by name": (db, c) => listPlans(db, c.anna, { q: "testperson", page: 1 }),
  "plan search by identity number": (db, c) => listPlans(db, c.anna, { q: c.annaPersonNumber.slice(2, 10), page: 1 }),
  "plan page": (db, c) => planPage(db, c.anna, c.annaPlanId),
  "start page": (db, c) => startPage(db, c.anna),
  "meeting lists on the start page": (db, c) => meetingsStart(db, c.anna),
  "meeting page": (db, c) => meetingPage(db, c.anna, c.meetingId),
  notifications: async (db, c) => {
    await listNotifications(db, c.anna);
    await unreadCount(db, c.anna);
  },
  "coordinator inbox": (db, c) => deviationsIndex(db, c.karin, { filter: {}, page: 1 }),
  "deviation case": (db, c) => casePage(db, c.karin, c.deviationId),
  "log review": (db, c) => logReviewPage(db, c.erik, { filter: NO_FILTER }),
  "log review by person": (db, c) =>
    logReviewPage(db, c.erik, { filter: { ...NO_FILTER, identityNumber: c.annaPersonNumber } }),
};

/**
 * The summary's figures from migration 0022: plans joined to persons by key, follow-ups and actions
 * by range. A summary costs what the partnership holds; here it holds every plan, so with
 * statistics a planner rightly reads the plans table whole, and only that is allowed then.
 */
const summaryFigures = async (db: DB, c: Cast) => {
  const scope = await summaryScope(db, c.karin.grants.find((g) => g.partnershipId)!.partnershipId!, lastFullTerm());
  await breakdownCounts(db, scope);
  await cadenceCounts(db, scope);
  await progressionCounts(db, scope);
};

let cast: Cast;

beforeAll(async () => {
  const db = getDb();
  await seedDemo(db);
  // Enough rows that a scan and a search differ by orders of magnitude, and the planner's
  // choices are the ones it makes on a real database.
  await seedVolume(db, {
    partnershipName: "Samordningsförbundet Sjöstad",
    deviations: 3000,
    plans: 3000,
    fromMs: Date.now() - 400 * 86_400_000,
    toMs: Date.now(),
    seed: 13,
    personOffset: 100_000,
  });
  const anna = await user(db, DEMO_USERS.find((u) => u.email.startsWith("anna."))!.email);
  const plan = await db
    .selectFrom("plan_team")
    .innerJoin("plans", "plans.id", "plan_team.plan_id")
    .innerJoin("persons", "persons.id", "plans.person_id")
    .select(["plans.id", "persons.identity_number"])
    .where("plan_team.user_id", "=", anna.id)
    .where("plans.lead_organisation_id", "=", anna.organisationId)
    .executeTakeFirstOrThrow();
  const meeting = await db
    .selectFrom("meeting_invitees")
    .select("meeting_id")
    .where("user_id", "=", anna.id)
    .executeTakeFirstOrThrow();
  const deviation = await db
    .selectFrom("deviations")
    .select("id")
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  cast = {
    anna,
    karin: await user(db, "karin.samordnare@demo.samsyn.se"),
    erik: await user(db, "erik.granskare@demo.samsyn.se"),
    annaToken: (await createSession(db, anna.id)).token,
    annaPlanId: plan.id,
    annaPersonNumber: plan.identity_number,
    meetingId: meeting.meeting_id,
    deviationId: deviation.id,
  };
}, 120_000);

async function scansOf(db: DB, run: (db: DB, c: Cast) => Promise<unknown>) {
  const queries = await recordSelects(db, (recording) => run(recording, cast));
  expect(queries.length).toBeGreaterThan(0);
  const found: { sql: string; plan: string[] }[] = [];
  for (const query of queries) {
    const plan = await explain(db, query);
    if (fullScans(plan).length > 0) found.push({ sql: query.sql, plan });
  }
  return found;
}

// SQLite in production never runs ANALYZE, so its planner's guesses without statistics are what
// counts; with statistics (after `PRAGMA optimize` or ANALYZE) the plans must hold as well.
// PostgreSQL's autovacuum keeps statistics, so there the analysed database is the real one.
const variants = process.env.TEST_ENGINE === "postgres" ? [true] : [false, true];
for (const statistics of variants) {
  describe(`hot queries ${statistics ? "with" : "without"} planner statistics`, () => {
    beforeAll(async () => {
      if (statistics) await analyze(getDb());
      else await forgetStatistics(getDb());
    });
    for (const [name, run] of Object.entries(HOT)) {
      it(`${name}: no full scan of a large table`, async () => {
        expect(await scansOf(getDb(), run)).toEqual([]);
      });
    }
    it("summary breakdowns, cadence and progression: no full scan but of the partnership's own plans", async () => {
      const found = await scansOf(getDb(), summaryFigures);
      const allowed = (line: string) => statistics && /^(SCAN|Seq Scan on) plans\b/.test(line.trim());
      expect(found.filter((f) => !fullScans(f.plan).every(allowed))).toEqual([]);
    });
    it("coordinator inbox: the newest cases come from an index, not a sort of the partnership's cases", async () => {
      const db = getDb();
      const queries = await recordSelects(db, (recording) => HOT["coordinator inbox"](recording, cast));
      const lists = queries.filter((q) => /from "deviations"/.test(q.sql) && /\blimit\b/.test(q.sql));
      expect(lists.length).toBeGreaterThan(0);
      for (const query of lists) expect(sortsRows(await explain(db, query))).toBe(false);
    });
  });
}
