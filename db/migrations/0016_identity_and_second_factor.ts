import { sql, type Kysely } from "kysely";

// Sign-in through the organisation's identity provider (OpenID Connect) and a second factor
// (TOTP) for password accounts (docs/decisions/0019-e-legitimation-and-second-factor.md).
// Frozen in time: never import app code here.
export async function up(db: Kysely<any>): Promise<void> {
  // An identity at a provider (issuer + the configured identifying claim, never an e-mail)
  // linked to a Samsyn user the admin created beforehand.
  await db.schema
    .createTable("identity_links")
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("identity_links_pk", ["issuer", "subject"])
    .execute();
  await db.schema.createIndex("identity_links_user_idx").on("identity_links").column("user_id").execute();

  // One TOTP key per user; confirmed_at is null until the user has typed a first code.
  await db.schema
    .createTable("totp_credentials")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("secret", "text", (c) => c.notNull())
    // The last 30-second step accepted: a code is never accepted twice.
    .addColumn("last_step", "integer")
    .addColumn("confirmed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("recovery_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // SHA-256 of the code; the code itself is shown once and never stored.
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("recovery_codes_user_idx").on("recovery_codes").column("user_id").execute();

  await db.schema
    .alterTable("organisations")
    .addColumn("second_factor_required", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`second_factor_required in (0, 1)`),
    )
    .execute();

  // A sign-in that has passed its first factor and waits for the second (or its enrolment).
  await db.schema
    .createTable("sign_in_challenges")
    // SHA-256 of the token in the browser's cookie.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("provider", "text")
    .addColumn("id_token", "text")
    .addColumn("redirect_to", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sign_in_challenges_user_idx").on("sign_in_challenges").column("user_id").execute();

  // An authorisation request under way: what the callback must find again (state, nonce, PKCE verifier).
  await db.schema
    .createTable("oidc_transactions")
    // SHA-256 of the token in the browser's cookie, which binds the callback to this browser.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("redirect_to", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  // How the session was opened, so logout can also end the provider's session.
  await db.schema.alterTable("sessions").addColumn("provider", "text").execute();
  await db.schema.alterTable("sessions").addColumn("id_token", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sessions").dropColumn("id_token").execute();
  await db.schema.alterTable("sessions").dropColumn("provider").execute();
  await db.schema.dropTable("oidc_transactions").execute();
  await db.schema.dropTable("sign_in_challenges").execute();
  await db.schema.alterTable("organisations").dropColumn("second_factor_required").execute();
  await db.schema.dropTable("recovery_codes").execute();
  await db.schema.dropTable("totp_credentials").execute();
  await db.schema.dropTable("identity_links").execute();
}
