// Sign-in through a real OpenID Connect provider (the test IdP, oidc-provider), and the answers
// an attacker might forge: a tampered state, a wrong nonce, an expired or wrongly signed ID
// token, an identity nobody linked, a replayed callback.
import { createPrivateKey, createSign, generateKeyPairSync, type JsonWebKey } from "node:crypto";
import type { CustomFetch } from "openid-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { SYSTEM_ACTOR } from "~/features/access/current-user";
import { validateSessionToken } from "~/features/auth/session.server";
import { makeOrganisation, makeUser } from "../../../test/factories";
import { LOA2, startTestIdp, type TestIdp } from "../../../test/idp/test-idp";
import { findChallenge } from "./challenge.server";
import { linkIdentity } from "./links.server";
import {
  completeOidcSignIn,
  forgetConfigurations,
  providerLogoutUrl,
  redirectUri,
  startOidcSignIn,
} from "./oidc.server";
import { DEFAULT_MFA_ACR, setProvidersForTests } from "./providers.server";

const ACCOUNTS = [
  { sub: "anna-1", name: "Anna Test", hsa_id: "SE2321000016-1001" },
  { sub: "stranger-2", name: "Okänd Person", hsa_id: "SE2321000016-1002" },
  { sub: "other-org-3", name: "Annan Organisation", hsa_id: "SE2321000016-1003" },
];

let idp: TestIdp;
let tamper: ((payload: Record<string, unknown>) => { payload: Record<string, unknown>; key?: JsonWebKey }) | null =
  null;

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
function sign(payload: Record<string, unknown>, key: JsonWebKey): string {
  const head = b64({ alg: "RS256", typ: "JWT", kid: "test-idp" });
  const body = b64(payload);
  const signature = createSign("RSA-SHA256")
    .update(`${head}.${body}`)
    .sign(createPrivateKey({ key, format: "jwk" }))
    .toString("base64url");
  return `${head}.${body}.${signature}`;
}

// Passes everything through, but lets a test rewrite the ID token the token endpoint returns.
const tamperingFetch: CustomFetch = async (url, options) => {
  const response = await fetch(url, options as RequestInit);
  if (!tamper || !url.endsWith("/token")) return response;
  const json = (await response.json()) as Record<string, unknown>;
  const payload = JSON.parse(Buffer.from(String(json.id_token).split(".")[1], "base64url").toString()) as Record<
    string,
    unknown
  >;
  const changed = tamper(payload);
  json.id_token = sign(changed.payload, changed.key ?? idp.signingKey);
  return new Response(JSON.stringify(json), {
    status: response.status,
    headers: { "content-type": "application/json" },
  });
};

/** Follows the provider's pages like a browser (cookies included) until it redirects back to Samsyn. */
async function signInAtIdp(authorizationUrl: string, sub: string, level: "loa2" | "loa3" = "loa3"): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let method = "GET";
  let body: string | undefined;
  for (let hop = 0; hop < 12; hop++) {
    const response = await fetch(url, {
      method,
      body,
      redirect: "manual",
      headers: {
        Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(redirectUri())) return next;
      url = next.href;
      method = "GET";
      body = undefined;
      continue;
    }
    const html = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`The test IdP answered ${response.status} without a form`);
    url = new URL(action, url).href;
    method = "POST";
    body = new URLSearchParams({ account: sub, level }).toString();
  }
  throw new Error("The test IdP never redirected back");
}

let organisationId: string;
let userId: string;

beforeAll(async () => {
  idp = await startTestIdp({
    accounts: ACCOUNTS,
    redirectUris: [redirectUri()],
    postLogoutRedirectUris: ["http://localhost:3999/login"],
  });
  const db = getDb();
  const org = await makeOrganisation(db, { kind: "healthcare" });
  organisationId = org.id;
  userId = (await makeUser(db, { organisationId })).id;
  await linkIdentity(db, SYSTEM_ACTOR, { userId, issuer: idp.issuer, subject: "anna-1" });
  // Linked, but to a user of another organisation: this provider may not sign them in.
  const elsewhere = await makeUser(db);
  await linkIdentity(db, SYSTEM_ACTOR, { userId: elsewhere.id, issuer: idp.issuer, subject: "other-org-3" });
  setProvidersForTests([
    {
      key: "region",
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      organisation: org.name,
      domains: ["region.test"],
      idClaim: "sub",
      passwordAllowed: false,
      mfaAcr: DEFAULT_MFA_ACR,
      label: null,
      fetch: tamperingFetch,
    },
  ]);
  forgetConfigurations();
});

afterAll(async () => {
  setProvidersForTests(undefined);
  forgetConfigurations();
  await idp?.close();
});

beforeEach(() => {
  tamper = null;
});

async function begin() {
  const started = await startOidcSignIn(getDb(), "region", { redirectTo: "/plans" });
  if (!started.ok) throw new Error(started.error);
  return started.value;
}

async function lastAudit() {
  return getDb()
    .selectFrom("audit_events")
    .select(["action", "outcome", "details"])
    .orderBy("seq", "desc")
    .executeTakeFirstOrThrow();
}

describe("sign-in with e-legitimation", () => {
  it("sends the browser to the provider with PKCE, state and nonce", async () => {
    const { url } = await begin();
    const params = new URL(url).searchParams;
    expect(url.startsWith(`${idp.issuer}/`)).toBe(true);
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("code_challenge")).toBeTruthy();
    expect(params.get("state")).toBeTruthy();
    expect(params.get("nonce")).toBeTruthy();
    expect(params.get("redirect_uri")).toBe(redirectUri());
  });

  it("opens a session for a linked identity that shows a second factor, once", async () => {
    const db = getDb();
    const { url, browserToken } = await begin();
    const callbackUrl = await signInAtIdp(url, "anna-1");
    const result = await completeOidcSignIn(db, { browserToken, callbackUrl });
    expect(result.ok && result.value.kind).toBe("session");
    if (!result.ok || result.value.kind !== "session") return;
    expect(result.value.redirectTo).toBe("/plans");
    expect((await validateSessionToken(db, result.value.token))?.userId).toBe(userId);
    expect(await lastAudit()).toMatchObject({ action: "login.succeeded", outcome: "allowed" });

    // The same callback again (a replay) finds no transaction.
    expect(await completeOidcSignIn(db, { browserToken, callbackUrl })).toEqual({ ok: false, error: "expired" });
  });

  it("asks for Samsyn's own second factor when the provider's acr shows only one", async () => {
    const db = getDb();
    const { url, browserToken } = await begin();
    const result = await completeOidcSignIn(db, {
      browserToken,
      callbackUrl: await signInAtIdp(url, "anna-1", "loa2"),
    });
    expect(result.ok && result.value.kind).toBe("second_factor");
    if (!result.ok || result.value.kind !== "second_factor") return;
    const challenge = await findChallenge(db, result.value.challenge);
    expect(challenge).toMatchObject({ userId, provider: "region" });
    expect(LOA2).toContain("loa2");
  });

  it("refuses an identity nobody linked, with an audit event", async () => {
    const { url, browserToken } = await begin();
    const result = await completeOidcSignIn(getDb(), {
      browserToken,
      callbackUrl: await signInAtIdp(url, "stranger-2"),
    });
    expect(result).toEqual({ ok: false, error: "unknown_identity" });
    expect(await lastAudit()).toMatchObject({ action: "login.unknown_identity", outcome: "denied" });
  });

  it("refuses an identity linked to a user of another organisation", async () => {
    const { url, browserToken } = await begin();
    const result = await completeOidcSignIn(getDb(), {
      browserToken,
      callbackUrl: await signInAtIdp(url, "other-org-3"),
    });
    expect(result).toEqual({ ok: false, error: "unknown_identity" });
  });

  it("refuses a tampered state", async () => {
    const { url, browserToken } = await begin();
    const callbackUrl = await signInAtIdp(url, "anna-1");
    callbackUrl.searchParams.set("state", "forged-state");
    expect(await completeOidcSignIn(getDb(), { browserToken, callbackUrl })).toEqual({ ok: false, error: "refused" });
    expect(await lastAudit()).toMatchObject({ action: "login.refused", outcome: "denied" });
  });

  it("refuses a callback in a browser that did not start the sign-in", async () => {
    const { url } = await begin();
    const callbackUrl = await signInAtIdp(url, "anna-1");
    const other = await begin();
    expect(await completeOidcSignIn(getDb(), { browserToken: null, callbackUrl })).toEqual({
      ok: false,
      error: "expired",
    });
    // Another browser's transaction does not match this state either.
    expect(await completeOidcSignIn(getDb(), { browserToken: other.browserToken, callbackUrl })).toEqual({
      ok: false,
      error: "refused",
    });
  });

  it("refuses an ID token with a wrong nonce", async () => {
    tamper = (payload) => ({ payload: { ...payload, nonce: "another-nonce" } });
    const { url, browserToken } = await begin();
    const callbackUrl = await signInAtIdp(url, "anna-1");
    expect(await completeOidcSignIn(getDb(), { browserToken, callbackUrl })).toEqual({ ok: false, error: "refused" });
  });

  it("refuses an expired ID token", async () => {
    const past = Math.floor(Date.now() / 1000) - 3 * 3600;
    tamper = (payload) => ({ payload: { ...payload, iat: past, exp: past + 600, auth_time: past } });
    const { url, browserToken } = await begin();
    const callbackUrl = await signInAtIdp(url, "anna-1");
    expect(await completeOidcSignIn(getDb(), { browserToken, callbackUrl })).toEqual({ ok: false, error: "refused" });
  });

  it("refuses an ID token signed with another key", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    tamper = (payload) => ({ payload, key: privateKey.export({ format: "jwk" }) });
    const { url, browserToken } = await begin();
    const callbackUrl = await signInAtIdp(url, "anna-1");
    expect(await completeOidcSignIn(getDb(), { browserToken, callbackUrl })).toEqual({ ok: false, error: "refused" });
  });

  it("refuses an ID token whose claims were changed after signing", async () => {
    tamper = (payload) => ({ payload });
    const { url, browserToken } = await begin();
    const callbackUrl = await signInAtIdp(url, "anna-1");
    // Re-signed unchanged with the right key, it passes: the checks above refuse for their reason.
    const result = await completeOidcSignIn(getDb(), { browserToken, callbackUrl });
    expect(result.ok).toBe(true);
  });

  it("offers the provider's logout with the ID token as hint", async () => {
    const url = await providerLogoutUrl("region", "an-id-token");
    expect(url).toContain(`${idp.issuer}/`);
    expect(new URL(url!).searchParams.get("id_token_hint")).toBe("an-id-token");
    expect(await providerLogoutUrl(null, null)).toBeNull();
  });
});
