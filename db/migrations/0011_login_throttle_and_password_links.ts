import { sql, type Kysely } from "kysely";

// Login throttling that slows guessing without locking out the account holder
// (docs/decisions/0011-login-throttling.md), and password links sent to the user instead of
// one-time passwords shown to an admin (docs/decisions/0013-password-reset-by-link.md).
// Frozen in time: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per account ("account:<sha-256 of the e-mail>") and per client address
  // ("address:<ip or /64>"). Claimed with a conditional UPDATE, so several app instances
  // on one database share it and parallel guesses cannot slip through together.
  await db.schema
    .createTable("login_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`failures >= 0`),
    )
    .addColumn("window_started_at", "text", (c) => c.notNull())
    .addColumn("last_failure_at", "text", (c) => c.notNull())
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .execute();

  // The browser's device cookie (its random part), when a genuine one was presented.
  await db.schema.alterTable("login_attempts").addColumn("device", "text").execute();
  await db.schema
    .createIndex("login_attempts_device_idx")
    .on("login_attempts")
    .columns(["device", "created_at"])
    .execute();

  await db.schema
    .createTable("password_links")
    // SHA-256 of the token in the link; the token itself is never stored.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('reset', 'invitation')`))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("password_links_user_idx").on("password_links").column("user_id").execute();

  // Mail that carries a sign-in or password link: the admin's outbox view shows it without its body.
  await db.schema
    .alterTable("outbox")
    .addColumn("hide_body", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`hide_body in (0, 1)`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("hide_body").execute();
  await db.schema.dropTable("password_links").execute();
  await db.schema.dropIndex("login_attempts_device_idx").execute();
  await db.schema.alterTable("login_attempts").dropColumn("device").execute();
  await db.schema.dropTable("login_throttle").execute();
}
