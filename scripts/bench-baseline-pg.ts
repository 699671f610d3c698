// The bench's yardstick on PostgreSQL: scripts/bench-baseline.ts's bare node:http plan page, the
// same queries through a `pg` pool of the app's size, and the audit event appended as the app
// does it there (a transaction that first takes the write lock). Kept apart from the SQLite one
// so that one's figures stay exactly what they were.
// Run by scripts/bench.ts: `tsx scripts/bench-baseline-pg.ts <postgres url> <port>`.
import { createHash, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import pg from "pg";
import { poolSize } from "../db/client.server";
import { WRITE_LOCK_KEY } from "../db/portable";
import { eventHash, eventMac, GENESIS_HASH, genesisMac } from "../app/features/audit/chain.server";
import { loadAuditKey } from "../app/features/audit/key.server";

const [url, port] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: poolSize() });
const key = loadAuditKey({
  NODE_ENV: "production",
  DATABASE_URL: url,
  AUDIT_KEY: process.env.AUDIT_KEY,
  AUDIT_KEY_FILE: process.env.AUDIT_KEY_FILE,
});

type Row = Record<string, unknown>;
const all = async (text: string, values: unknown[] = []) => (await pool.query(text, values)).rows as Row[];
const one = async (text: string, values: unknown[] = []) => (await all(text, values))[0];

const q = {
  session: `select s.user_id, s.expires_at from sessions s join users u on u.id = s.user_id
     where s.id = $1 and u.disabled_at is null`,
  user: `select u.id, u.name, u.organisation_id, o.name as organisation_name from users u
     join organisations o on o.id = u.organisation_id where u.id = $1`,
  grants: `select role, partnership_id from role_grants where user_id = $1`,
  access: `select p.id, p.person_id, p.lead_organisation_id from plans p
     where p.id = $1 and p.id in (select plan_id from plan_team where user_id = $2)
       and (p.lead_organisation_id = $3 or exists (
         select 1 from consents c join consent_organisations co on co.consent_id = c.id
         where c.plan_id = p.id and co.organisation_id = $3 and c.withdrawn_at is null
           and c.valid_from <= $4 and c.valid_until >= $4))`,
  plan: `select p.*, o.name as lead_organisation_name, u.name as lead_user_name from plans p
     join organisations o on o.id = p.lead_organisation_id join users u on u.id = p.lead_user_id where p.id = $1`,
  person: `select d.name, x.identity_number from plan_person_details d join persons x on x.id = d.person_id
     where d.plan_id = $1`,
  team: `select u.id, u.name, o.name as organisation_name from plan_team t join users u on u.id = t.user_id
     join organisations o on o.id = u.organisation_id where t.plan_id = $1 order by o.name, u.name`,
  actions: `select * from plan_actions where plan_id = $1 order by due_date`,
  followUps: `select * from plan_follow_ups where plan_id = $1 order by held_on desc`,
  notes: `select * from plan_notes where plan_id = $1 order by created_at desc`,
  history: `select * from plan_history where plan_id = $1 order by occurred_at desc limit 100`,
  consents: `select * from consents where plan_id = $1`,
  meetings: `select * from meetings where plan_id = $1 order by starts_at desc`,
};

async function append(e: { userId: string; organisationId: string; planId: string; personId: string }) {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query(`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
    const head = (
      await client.query(`select seq, hash, mac from audit_events where seq = (select max(seq) from audit_events)`)
    ).rows[0] as { seq: number; hash: string; mac: string | null } | undefined;
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
    const row = { ...event, prev_hash: prevHash, hash: eventHash(event, prevHash), mac: eventMac(key, event, prevMac) };
    const columns = Object.keys(row);
    await client.query(
      `insert into audit_events (${columns.join(", ")}) values (${columns.map((_, i) => `$${i + 1}`).join(", ")})`,
      Object.values(row),
    );
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

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

async function planPage(planId: string, token: string): Promise<string | null> {
  const sessionId = createHash("sha256").update(token).digest("hex");
  const session = await one(q.session, [sessionId]);
  if (!session || Date.parse(String(session.expires_at)) < Date.now()) return null;
  const user = (await one(q.user, [session.user_id])) as { id: string; name: string; organisation_id: string };
  const grants = await all(q.grants, [user.id]);
  if (!grants.some((g) => g.role === "caseworker")) return null;
  const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
  const access = await one(q.access, [planId, user.id, user.organisation_id, today]);
  if (!access) return null;
  const plan = (await one(q.plan, [planId]))!;
  const person = await one(q.person, [planId]);
  const parts = {
    team: await all(q.team, [planId]),
    actions: await all(q.actions, [planId]),
    followUps: await all(q.followUps, [planId]),
    notes: await all(q.notes, [planId]),
    history: await all(q.history, [planId]),
    consents: await all(q.consents, [planId]),
    meetings: await all(q.meetings, [planId]),
  };
  await append({
    userId: user.id,
    organisationId: user.organisation_id,
    planId,
    personId: String(access.person_id),
  });
  const list = (rows: Row[]) =>
    `<ul>${rows.map((r) => `<li>${escape(Object.values(r).join(" · "))}</li>`).join("")}</ul>`;
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Plan</title></head><body>
<h1>${escape(person?.name)} (${escape(plan.kind)})</h1><p>${escape(plan.goal)}</p><p>${escape(plan.lead_organisation_name)}, ${escape(plan.lead_user_name)}</p>
${Object.entries(parts)
  .map(([name, rows]) => `<h2>${name}</h2>${list(rows)}`)
  .join("\n")}</body></html>`;
}

const server = createServer((req, res) => {
  const notFound = () => res.writeHead(404).end("Not found");
  const planId = /^\/plans\/([A-Za-z0-9]+)$/.exec(req.url ?? "")?.[1];
  const token = tokenFrom(req.headers.cookie);
  if (!planId || !token) return notFound();
  planPage(planId, token).then(
    (html) => (html ? res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html) : notFound()),
    () => res.writeHead(500).end("Error"),
  );
});

server.listen(Number(port), "127.0.0.1", () => console.log(`baseline listening on ${port}`));
process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
