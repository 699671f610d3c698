// Sign-in through the organisation's identity provider: OpenID Connect authorization code flow
// with PKCE, state and nonce, the ID token's signature, issuer, audience, expiry and nonce
// checked by openid-client (docs/decisions/0019-e-legitimation-and-second-factor.md).
import { createCookie } from "@remix-run/node";
import * as client from "openid-client";
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";
import { audit } from "~/features/audit/audit.server";
import { createSession, generateSessionToken, sessionIdFromToken } from "~/features/auth/session.server";
import { getEnv } from "~/lib/env.server";
import { fail, ok, type Failure, type Ok } from "~/lib/result";
import { createChallenge } from "./challenge.server";
import { allowsInsecureIssuer, providerByKey, type ProviderConfig } from "./providers.server";

/** How long the user has at the provider before the transaction is forgotten. */
export const TRANSACTION_LIFETIME_MS = 10 * 60 * 1000;
export const CALLBACK_PATH = "/login/eid/callback";

const configurations = new Map<string, Promise<client.Configuration>>();

/** The provider's metadata and keys, discovered once per process (and again after a failure). */
export function configurationFor(provider: ProviderConfig): Promise<client.Configuration> {
  let pending = configurations.get(provider.key);
  if (!pending) {
    pending = client
      .discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, {
        execute: [
          // Also check the ID token's signature against the provider's published keys, not only TLS.
          client.enableNonRepudiationChecks,
          ...(allowsInsecureIssuer(provider.issuer) ? [client.allowInsecureRequests] : []),
        ],
        ...(provider.fetch ? { [client.customFetch]: provider.fetch } : {}),
      })
      .catch((error: unknown) => {
        configurations.delete(provider.key);
        throw error;
      });
    configurations.set(provider.key, pending);
  }
  return pending;
}

export function forgetConfigurations(): void {
  configurations.clear();
}

function transactionCookie() {
  const secure = getEnv().APP_URL.startsWith("https:");
  // SameSite=Lax is sent on the provider's top-level redirect back to the callback.
  return createCookie(secure ? "__Host-samsyn_oidc" : "samsyn_oidc", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    maxAge: TRANSACTION_LIFETIME_MS / 1000,
  });
}

export const transactionCookieHeader = (token: string) => transactionCookie().serialize(token);
export const clearTransactionCookieHeader = () => transactionCookie().serialize("", { maxAge: 0 });
export async function readTransactionToken(request: Request): Promise<string | null> {
  const value: unknown = await transactionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export const redirectUri = () => `${getEnv().APP_URL}${CALLBACK_PATH}`;

/**
 * Starts a sign-in at the provider: a transaction bound to this browser (its token goes into a
 * cookie) and the provider's authorization URL to send the browser to.
 */
export async function startOidcSignIn(
  db: DB,
  providerKey: string,
  options: { redirectTo?: string | null } = {},
  now = new Date(),
): Promise<Ok<{ url: string; browserToken: string }> | Failure<"not_found" | "unavailable">> {
  const provider = providerByKey(providerKey);
  if (!provider) return fail("not_found");
  let config: client.Configuration;
  try {
    config = await configurationFor(provider);
  } catch {
    return fail("unavailable");
  }
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const browserToken = generateSessionToken();
  await db.deleteFrom("oidc_transactions").where("expires_at", "<", nowIso(now)).execute();
  await db
    .insertInto("oidc_transactions")
    .values({
      id: sessionIdFromToken(browserToken),
      provider: provider.key,
      state,
      nonce,
      code_verifier: codeVerifier,
      redirect_to: options.redirectTo ?? null,
      created_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + TRANSACTION_LIFETIME_MS)),
    })
    .execute();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(),
    scope: "openid",
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return ok({ url: url.href, browserToken });
}

export type OidcSignedIn =
  | { kind: "session"; token: string; userId: string; locale: string | null; redirectTo: string | null }
  | { kind: "second_factor"; challenge: string; userId: string; locale: string | null; redirectTo: string | null };

/** "expired": no transaction for this browser; "refused": the provider's answer failed a check; "unknown_identity": no linked user. */
export type OidcFailure = "expired" | "refused" | "unknown_identity";

/** True when the provider says the user passed a second factor (acr level, or amr methods). */
export function showsSecondFactor(provider: ProviderConfig, claims: client.IDToken): boolean {
  if (typeof claims.acr === "string" && provider.mfaAcr.includes(claims.acr)) return true;
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === "string") : [];
  return amr.includes("mfa") || amr.length >= 2;
}

async function organisationIdOf(db: DB, provider: ProviderConfig): Promise<string | null> {
  const row = await db
    .selectFrom("organisations")
    .select("id")
    .where((eb) => eb.or([eb("id", "=", provider.organisation), eb("name", "=", provider.organisation)]))
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Completes the sign-in from the provider's redirect: the transaction is used up whatever the
 * outcome, so a callback URL can never be replayed.
 */
export async function completeOidcSignIn(
  db: DB,
  input: { browserToken: string | null; callbackUrl: URL },
  at = new Date(),
): Promise<Ok<OidcSignedIn> | Failure<OidcFailure>> {
  const system = { userId: null, organisationId: null };
  const tx = input.browserToken
    ? await db
        .selectFrom("oidc_transactions")
        .selectAll()
        .where("id", "=", sessionIdFromToken(input.browserToken))
        .executeTakeFirst()
    : undefined;
  if (tx) await db.deleteFrom("oidc_transactions").where("id", "=", tx.id).execute();
  const provider = tx ? providerByKey(tx.provider) : undefined;
  if (!tx || !provider || new Date(tx.expires_at).getTime() <= at.getTime()) {
    await audit(
      db,
      {
        actor: system,
        action: "login.refused",
        recordType: "session",
        outcome: "denied",
        details: { reason: "expired" },
      },
      at,
    );
    return fail("expired");
  }
  const organisationId = await organisationIdOf(db, provider);
  const refused = async (reason: string) => {
    await audit(
      db,
      {
        actor: { userId: null, organisationId },
        action: "login.refused",
        recordType: "session",
        outcome: "denied",
        details: { provider: provider.key, reason },
      },
      at,
    );
    return fail("refused");
  };

  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    const config = await configurationFor(provider);
    // The callback URL as the provider sent it, but on our registered redirect URI.
    const current = new URL(redirectUri());
    current.search = input.callbackUrl.search;
    tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: tx.code_verifier,
      expectedState: tx.state,
      expectedNonce: tx.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    // The library's error code says which check failed; no token or claim is written down.
    const code = (error as { code?: unknown; error?: unknown }).code ?? (error as { error?: unknown }).error;
    return refused(typeof code === "string" ? code : "invalid_response");
  }
  const claims = tokens.claims();
  const identifier = claims?.[provider.idClaim];
  if (!claims || typeof identifier !== "string" || identifier.length === 0) return refused("no_identifier");

  const link = await db
    .selectFrom("identity_links")
    .innerJoin("users", "users.id", "identity_links.user_id")
    .select(["users.id", "users.locale", "users.organisation_id"])
    .where("identity_links.issuer", "=", claims.iss)
    .where("identity_links.subject", "=", identifier)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  // A provider signs in its own organisation's users only.
  if (!link || link.organisation_id !== organisationId) {
    await audit(
      db,
      {
        actor: { userId: null, organisationId },
        action: "login.unknown_identity",
        recordType: "session",
        outcome: "denied",
        details: { provider: provider.key },
      },
      at,
    );
    return fail("unknown_identity");
  }
  const actor = { userId: link.id, organisationId: link.organisation_id };
  const idToken = tokens.id_token ?? null;
  if (!showsSecondFactor(provider, claims)) {
    const challenge = await createChallenge(
      db,
      { userId: link.id, provider: provider.key, idToken, redirectTo: tx.redirect_to },
      at,
    );
    await audit(
      db,
      { actor, action: "login.second_factor", recordType: "session", details: { provider: provider.key } },
      at,
    );
    return ok({ kind: "second_factor", challenge, userId: link.id, locale: link.locale, redirectTo: tx.redirect_to });
  }
  const { token } = await createSession(db, link.id, at, { provider: provider.key, idToken });
  await audit(db, { actor, action: "login.succeeded", recordType: "session", details: { provider: provider.key } }, at);
  return ok({ kind: "session", token, userId: link.id, locale: link.locale, redirectTo: tx.redirect_to });
}

/** Where to send the browser so the provider ends its session too; null when it offers no logout. */
export async function providerLogoutUrl(providerKey: string | null, idToken: string | null): Promise<string | null> {
  const provider = providerKey ? providerByKey(providerKey) : undefined;
  if (!provider) return null;
  try {
    const config = await configurationFor(provider);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, {
      ...(idToken ? { id_token_hint: idToken } : { client_id: provider.clientId }),
      post_logout_redirect_uri: `${getEnv().APP_URL}/login`,
    }).href;
  } catch {
    return null;
  }
}
