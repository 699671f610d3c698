import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here.
//
// The period summary must answer in 300 ms for 50 000 plans. Counting which kinds of
// organisation take part in the period's plans joined every plan to its team and each member's
// organisation (~150 ms); the plan now carries the kinds on its team, kept by the one module
// that writes plan_team (app/features/plans/team.server.ts). Likewise a case carries when it was
// first reviewed, first answered and fully answered (kept by deviations.server.ts), instead of
// the summary probing its events and routes case by case. Parties, routes and follow-ups get
// copies of the never-changing keys the summary selects them by (the case's partnership and
// event date, the plan's lead organisation), so they are counted by index range rather than by
// one lookup per case or plan. The indexes are widened so the summary's counts are answered
// from the index alone.
const SUMMARY_COLUMNS = [
  "partnership_id",
  "event_date",
  "category",
  "consequence",
  "kind",
  "escalation_level",
  "status",
  "closing_outcome",
  "created_at",
  "routed_at",
  "closed_at",
  "number",
  "id",
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("plans")
    .addColumn("team_organisation_kinds", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  const rows: { plan_id: string; kind: string }[] = await db
    .selectFrom("plan_team")
    .innerJoin("users", "users.id", "plan_team.user_id")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["plan_team.plan_id", "organisations.kind"])
    .distinct()
    .execute();
  const kindsOf = new Map<string, string[]>();
  for (const row of rows) kindsOf.set(row.plan_id, [...(kindsOf.get(row.plan_id) ?? []), row.kind]);
  for (const [planId, kinds] of kindsOf) {
    await db
      .updateTable("plans")
      .set({ team_organisation_kinds: kinds.sort().join(" ") })
      .where("id", "=", planId)
      .execute();
  }

  await db.schema.alterTable("deviations").addColumn("reviewed_at", "text").execute();
  await db.schema.alterTable("deviations").addColumn("first_answered_at", "text").execute();
  await db.schema.alterTable("deviations").addColumn("answered_at", "text").execute();
  await sql`UPDATE deviations SET
      reviewed_at = (SELECT min(occurred_at) FROM deviation_events e WHERE e.deviation_id = deviations.id AND e.change IN ('triage', 'question')),
      first_answered_at = (SELECT min(answered_at) FROM deviation_routes r WHERE r.deviation_id = deviations.id),
      answered_at = (SELECT CASE WHEN count(*) > 0 AND count(answered_at) = count(*) THEN max(answered_at) END FROM deviation_routes r WHERE r.deviation_id = deviations.id)`.execute(
    db,
  );

  await db.schema.dropIndex("deviations_summary_idx").execute();
  await db.schema
    .createIndex("deviations_summary_idx")
    .on("deviations")
    .columns([...SUMMARY_COLUMNS, "reviewed_at", "first_answered_at", "answered_at"])
    .execute();

  for (const table of ["deviation_parties", "deviation_routes"]) {
    await db.schema
      .alterTable(table)
      .addColumn("partnership_id", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn("event_date", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await sql`UPDATE ${sql.table(table)} SET
        partnership_id = (SELECT d.partnership_id FROM deviations d WHERE d.id = ${sql.ref(`${table}.deviation_id`)}),
        event_date = (SELECT d.event_date FROM deviations d WHERE d.id = ${sql.ref(`${table}.deviation_id`)})`.execute(
      db,
    );
  }
  await db.schema
    .createIndex("deviation_parties_period_idx")
    .on("deviation_parties")
    .columns(["partnership_id", "event_date", "organisation_id"])
    .execute();
  await db.schema
    .createIndex("deviation_routes_period_idx")
    .on("deviation_routes")
    .columns(["partnership_id", "event_date", "answer_by", "answered_at"])
    .execute();

  await db.schema
    .alterTable("plan_follow_ups")
    .addColumn("lead_organisation_id", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await sql`UPDATE plan_follow_ups SET lead_organisation_id = (SELECT p.lead_organisation_id FROM plans p WHERE p.id = plan_follow_ups.plan_id)`.execute(
    db,
  );
  await db.schema
    .createIndex("plan_follow_ups_lead_idx")
    .on("plan_follow_ups")
    .columns(["lead_organisation_id", "held_on", "due_on"])
    .execute();

  await db.schema.dropIndex("plans_lead_created_idx").execute();
  await db.schema.dropIndex("plans_lead_closed_idx").execute();
  await db.schema.dropIndex("plans_lead_activated_idx").execute();
  await db.schema
    .createIndex("plans_lead_created_idx")
    .on("plans")
    .columns(["lead_organisation_id", "created_at", "kind"])
    .execute();
  await db.schema
    .createIndex("plans_lead_closed_idx")
    .on("plans")
    .columns(["lead_organisation_id", "closed_at", "outcome"])
    .execute();
  await db.schema
    .createIndex("plans_lead_activated_idx")
    .on("plans")
    .columns(["lead_organisation_id", "activated_at", "closed_at", "team_organisation_kinds"])
    .execute();
  await db.schema.createIndex("meetings_held_idx").on("meetings").columns(["held_at", "status"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("plan_follow_ups_lead_idx").execute();
  await db.schema.alterTable("plan_follow_ups").dropColumn("lead_organisation_id").execute();
  await db.schema.dropIndex("deviation_routes_period_idx").execute();
  await db.schema.dropIndex("deviation_parties_period_idx").execute();
  for (const table of ["deviation_parties", "deviation_routes"]) {
    await db.schema.alterTable(table).dropColumn("event_date").execute();
    await db.schema.alterTable(table).dropColumn("partnership_id").execute();
  }
  await db.schema.dropIndex("meetings_held_idx").execute();
  await db.schema.dropIndex("plans_lead_activated_idx").execute();
  await db.schema.dropIndex("plans_lead_closed_idx").execute();
  await db.schema.dropIndex("plans_lead_created_idx").execute();
  await db.schema
    .createIndex("plans_lead_created_idx")
    .on("plans")
    .columns(["lead_organisation_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("plans_lead_closed_idx")
    .on("plans")
    .columns(["lead_organisation_id", "closed_at"])
    .execute();
  await db.schema
    .createIndex("plans_lead_activated_idx")
    .on("plans")
    .columns(["lead_organisation_id", "activated_at"])
    .execute();
  await db.schema.alterTable("plans").dropColumn("team_organisation_kinds").execute();
  await db.schema.dropIndex("deviations_summary_idx").execute();
  await db.schema.createIndex("deviations_summary_idx").on("deviations").columns(SUMMARY_COLUMNS).execute();
  await db.schema.alterTable("deviations").dropColumn("answered_at").execute();
  await db.schema.alterTable("deviations").dropColumn("first_answered_at").execute();
  await db.schema.alterTable("deviations").dropColumn("reviewed_at").execute();
}
