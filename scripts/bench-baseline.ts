// The bench's yardstick: a bare node:http handler doing the plan page's work on the same
// database, with no framework: look up the session, load the user, apply the access rule, read
// the plan and its parts, append one hash-chained audit event in its own transaction, and answer
// an HTML string. The app's plan page is budgeted as a share of this handler's throughput.
// Run by scripts/bench.ts: `tsx scripts/bench-baseline.ts <database file> <port>`.
import SQLite from "better-sqlite3";
import { createHash, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { eventHash, eventMac, GENESIS_HASH, genesisMac } from "../app/features/audit/chain.server";
import { loadAuditKey } from "../app/features/audit/key.server";

const [path, port] = process.argv.slice(2);
const db = new SQLite(path);
// The same settings as the app's connection (db/client.server.ts).
db.pragma("journal_mode = WAL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");
db.pragma("synchronous = FULL");
db.pragma("cache_size = -65536");
const key = loadAuditKey({
  NODE_ENV: "production",
  DATABASE_URL: `file:${path}`,
  AUDIT_KEY: process.env.AUDIT_KEY,
  AUDIT_KEY_FILE: process.env.AUDIT_KEY_FILE,
});

const q = {
  session: db.prepare(
    `select s.user_id, s.expires_at from sessions s join users u on u.id = s.user_id
     where s.id = ? and u.disabled_at is null`,
  ),
  user: db.prepare(
    `select u.id, u.name, u.organisation_id, o.name as organisation_name from users u
     join organisations o on o.id = u.organisation_id where u.id = ?`,
  ),
  grants: db.prepare(`select role, partnership_id from role_grants where user_id = ?`),
  access: db.prepare(
    `select p.id, p.person_id, p.lead_organisation_id from plans p
     where p.id = ? and p.id in (select plan_id from plan_team where user_id = ?)
       and (p.lead_organisation_id = ? or exists (
         select 1 from consents c join consent_organisations co on co.consent_id = c.id
         where c.plan_id = p.id and co.organisation_id = ? and c.withdrawn_at is null
           and c.valid_from <= ? and c.valid_until >= ?))`,
  ),
  plan: db.prepare(
    `select p.*, o.name as lead_organisation_name, u.name as lead_user_name from plans p
     join organisations o on o.id = p.lead_organisation_id join users u on u.id = p.lead_user_id where p.id = ?`,
  ),
  person: db.prepare(
    `select d.name, x.identity_number from plan_person_details d join persons x on x.id = d.person_id
     where d.plan_id = ?`,
  ),
  team: db.prepare(
    `select u.id, u.name, o.name as organisation_name from plan_team t join users u on u.id = t.user_id
     join organisations o on o.id = u.organisation_id where t.plan_id = ? order by o.name, u.name`,
  ),
  actions: db.prepare(`select * from plan_actions where plan_id = ? order by due_date`),
  followUps: db.prepare(`select * from plan_follow_ups where plan_id = ? order by held_on desc`),
  notes: db.prepare(`select * from plan_notes where plan_id = ? order by created_at desc`),
  history: db.prepare(`select * from plan_history where plan_id = ? order by occurred_at desc limit 100`),
  consents: db.prepare(`select * from consents where plan_id = ?`),
  meetings: db.prepare(`select * from meetings where plan_id = ? order by starts_at desc`),
  head: db.prepare(`select seq, hash, mac from audit_events where seq = (select max(seq) from audit_events)`),
  insert: db.prepare(
    `insert into audit_events (seq, id, occurred_at, user_id, organisation_id, action, record_type, record_id,
       person_id, plan_id, outcome, details, prev_hash, hash, mac)
     values (@seq, @id, @occurred_at, @user_id, @organisation_id, @action, @record_type, @record_id,
       @person_id, @plan_id, @outcome, @details, @prev_hash, @hash, @mac)`,
  ),
};

const append = db
  .transaction((e: { userId: string; organisationId: string; planId: string; personId: string }) => {
    const head = q.head.get() as { seq: number; hash: string; mac: string | null } | undefined;
    const seq = head ? Number(head.seq) : 0;
    const prevHash = head?.hash ?? GENESIS_HASH;
    const prevMac = head?.mac ?? genesisMac(key, seq, prevHash);
    const event = {
      seq: seq + 1,
      id: randomUUID().replace(/-/g, ""),
      occurred_at: new Date().toISOString(),
      user_id: e.userId,
      organisation_id: e.organisationId,
      action: "plan.read",
      record_type: "plan",
      record_id: e.planId,
      person_id: e.personId,
      plan_id: e.planId,
      outcome: "allowed",
      details: null,
    };
    q.insert.run({
      ...event,
      prev_hash: prevHash,
      hash: eventHash(event, prevHash),
      mac: eventMac(key, event, prevMac),
    });
  })
  .immediate.bind(null);

const escape = (s: unknown) =>
  String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function tokenFrom(cookie: string | undefined): string | null {
  const raw = /(?:^|;\s*)samsyn_session=([^;]+)/.exec(cookie ?? "")?.[1];
  if (!raw) return null;
  try {
    // Remix cookies hold base64-encoded JSON.
    const value: unknown = JSON.parse(Buffer.from(decodeURIComponent(raw), "base64").toString("utf8"));
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

const server = createServer((req, res) => {
  const notFound = () => res.writeHead(404).end("Not found");
  const planId = /^\/plans\/([A-Za-z0-9]+)$/.exec(req.url ?? "")?.[1];
  const token = tokenFrom(req.headers.cookie);
  if (!planId || !token) return notFound();
  const sessionId = createHash("sha256").update(token).digest("hex");
  const session = q.session.get(sessionId) as { user_id: string; expires_at: string } | undefined;
  if (!session || Date.parse(session.expires_at) < Date.now()) return notFound();
  const user = q.user.get(session.user_id) as { id: string; name: string; organisation_id: string };
  const grants = q.grants.all(user.id) as { role: string }[];
  if (!grants.some((g) => g.role === "caseworker")) return notFound();
  const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
  const access = q.access.get(planId, user.id, user.organisation_id, user.organisation_id, today, today) as
    { id: string; person_id: string } | undefined;
  if (!access) return notFound();
  const plan = q.plan.get(planId) as Record<string, unknown>;
  const person = q.person.get(planId) as Record<string, unknown> | undefined;
  const parts = {
    team: q.team.all(planId),
    actions: q.actions.all(planId),
    followUps: q.followUps.all(planId),
    notes: q.notes.all(planId),
    history: q.history.all(planId),
    consents: q.consents.all(planId),
    meetings: q.meetings.all(planId),
  };
  append({ userId: user.id, organisationId: user.organisation_id, planId, personId: access.person_id });
  const list = (rows: unknown[]) =>
    `<ul>${(rows as Record<string, unknown>[]).map((r) => `<li>${escape(Object.values(r).join(" · "))}</li>`).join("")}</ul>`;
  const html = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Plan</title></head><body>
<h1>${escape(person?.name)} (${escape(plan.kind)})</h1><p>${escape(plan.goal)}</p><p>${escape(plan.lead_organisation_name)}, ${escape(plan.lead_user_name)}</p>
${Object.entries(parts)
  .map(([name, rows]) => `<h2>${name}</h2>${list(rows)}`)
  .join("\n")}</body></html>`;
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
});

server.listen(Number(port), "127.0.0.1", () => console.log(`baseline listening on ${port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
