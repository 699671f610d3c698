// What the bench drives: each page as the demo user who uses it, with a session of their own.
import { createDb } from "../db/client.server";
import { sessionCookieHeader } from "../app/features/auth/auth.server";
import { createSession } from "../app/features/auth/session.server";
import { currentTerm } from "../app/features/summaries/periods";
import { PARTNERSHIP } from "./bench-seed";

export interface BenchPage {
  name: string;
  path: string;
  cookie: string;
  /** Concurrent connections; the period summary is budgeted at one. */
  connections: number;
  /** Budgeted at scale 10 against scale 1 (a user's pages cost what the user's own work costs). */
  scales: boolean;
}

export const PLAN_PAGE = "plan page";

export async function benchPages(dbUrl: string, connections: number): Promise<BenchPage[]> {
  const db = createDb(dbUrl);
  try {
    const user = (email: string) =>
      db.selectFrom("users").select(["id", "organisation_id"]).where("email", "=", email).executeTakeFirstOrThrow();
    const cookie = async (userId: string) => {
      const { token } = await createSession(db, userId);
      return (await sessionCookieHeader(token)).split(";")[0];
    };
    const anna = await user("anna.handlaggare@demo.samsyn.se");
    const karin = await user("karin.samordnare@demo.samsyn.se");
    const plan = await db
      .selectFrom("plan_team")
      .innerJoin("plans", "plans.id", "plan_team.plan_id")
      .innerJoin("plan_person_details as person", "person.plan_id", "plans.id")
      .select(["plans.id", "person.name"])
      .where("plan_team.user_id", "=", anna.id)
      .where("plans.lead_organisation_id", "=", anna.organisation_id)
      .orderBy("plans.created_at")
      .executeTakeFirstOrThrow();
    const meeting = await db
      .selectFrom("meeting_invitees")
      .select("meeting_id")
      .where("user_id", "=", anna.id)
      .orderBy("meeting_id")
      .executeTakeFirstOrThrow();
    const partnership = await db
      .selectFrom("partnerships")
      .select("id")
      .where("name", "=", PARTNERSHIP)
      .executeTakeFirstOrThrow();
    // The partnership's first case is one of the demo's own (seeded before the volume).
    const deviation = await db
      .selectFrom("deviations")
      .select("id")
      .where("partnership_id", "=", partnership.id)
      .orderBy("number")
      .executeTakeFirstOrThrow();
    const annaCookie = await cookie(anna.id);
    const karinCookie = await cookie(karin.id);
    const word = plan.name.split(" ")[0].slice(0, 4).toLowerCase();
    const page = (name: string, path: string, c: string, scales = false, n = connections): BenchPage => ({
      name,
      path,
      cookie: c,
      connections: n,
      scales,
    });
    return [
      page(PLAN_PAGE, `/plans/${plan.id}`, annaCookie, true),
      page("/plans", "/plans", annaCookie, true),
      page("plan search", `/plans?q=${encodeURIComponent(word)}`, annaCookie),
      page("/start", "/start", annaCookie, true),
      page("/deviations (coordinator)", "/deviations", karinCookie),
      page("deviation case", `/deviations/${deviation.id}`, karinCookie),
      page("/notifications", "/notifications", annaCookie, true),
      page("meeting page", `/meetings/${meeting.meeting_id}`, annaCookie),
      page("period summary", `/reports/${partnership.id}/${currentTerm().key}`, karinCookie, false, 1),
    ];
  } finally {
    await db.destroy();
  }
}
