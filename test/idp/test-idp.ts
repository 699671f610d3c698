// A real OpenID Connect identity provider for the tests and the demo: oidc-provider (an
// OpenID-certified library) on a free port, with the demo cast as its accounts. Its sign-in page
// lets the tester choose who signs in and whether the sign-in shows a second factor (LoA3) or
// not (LoA2). Never configured in production: it accepts anyone who clicks.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { generateKeyPairSync, randomBytes, type JsonWebKey } from "node:crypto";
import Provider from "oidc-provider";

export const LOA2 = "http://id.elegnamnden.se/loa/1.0/loa2";
export const LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3";

export interface TestAccount {
  /** The provider's subject identifier. */
  sub: string;
  name: string;
  /** An HSA-id-shaped claim, for providers configured with OIDC_<KEY>_ID_CLAIM=hsa_id. */
  hsa_id: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The private signing key (tests sign tokens of their own with it). */
  signingKey: JsonWebKey;
  close(): Promise<void>;
}

/** The subject the test provider gives a demo cast member, from the e-mail's local part. */
export function demoSubject(email: string): string {
  return `demo-${email.split("@")[0].replace(/[^a-z0-9]/gi, "-")}`;
}

export function demoAccounts(people: { email: string; name: string }[]): TestAccount[] {
  return people.map((p, i) => ({
    sub: demoSubject(p.email),
    name: p.name,
    hsa_id: `SE2321000016-${String(1000 + i)}`,
  }));
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
button{font:inherit;padding:.5rem 1rem;margin:.25rem 0}fieldset{margin:1rem 0}</style></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export async function startTestIdp(options: {
  accounts: TestAccount[];
  /** Where Samsyn receives the code, and where it comes back after logout. */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  port?: number;
}): Promise<TestIdp> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: "jwk" }), alg: "RS256", use: "sig", kid: "test-idp" };
  const clientId = "samsyn";
  const clientSecret = randomBytes(24).toString("hex");
  const accounts = new Map(options.accounts.map((a) => [a.sub, a]));

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://localhost:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    claims: {
      acr: null,
      amr: null,
      auth_time: null,
      sid: null,
      iss: null,
      openid: ["sub", "hsa_id", "acr", "amr"],
      profile: ["name"],
    },
    // The identifying claims go into the ID token itself, as Inera's and Freja's IdPs do.
    conformIdTokenClaims: false,
    acrValues: [LOA2, LOA3],
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: async () => ({ ...account }) } : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: { body: string }, form: string) => {
          ctx.body = page(
            "Logga ut från test-IdP:n?",
            `${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Ja, logga ut</button>`,
          );
        },
      },
    },
    pkce: { required: () => true },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  });
  const handle = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    if (req.method === "POST") {
      const form = await readForm(req);
      const accountId = details.session?.accountId ?? form.get("account") ?? "";
      const level = form.get("level") === "loa2" ? LOA2 : LOA3;
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope ?? "openid"));
      // Like the Swedish IdPs, always say how the user authenticated.
      grant.addOIDCClaims(["acr", "amr", "auth_time"]);
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId, acr: level, amr: level === LOA3 ? ["pwd", "otp"] : ["pwd"] }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const choices = [...accounts.values()]
      .map(
        (a, i) =>
          `<div><input type="radio" name="account" id="a${i}" value="${escape(a.sub)}"${i === 0 ? " checked" : ""}>` +
          ` <label for="a${i}">${escape(a.name)}</label></div>`,
      )
      .join("");
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(
      page(
        "Test-IdP: välj vem som loggar in",
        `<p>Det här är en identitetsleverantör för test och demo. Den släpper in den du väljer.</p>
<form method="post" action="/interaction/${escape(details.uid)}">
<fieldset><legend>Person</legend>${choices}</fieldset>
<fieldset><legend>Nivå</legend>
<div><input type="radio" name="level" id="loa3" value="loa3" checked> <label for="loa3">Med två faktorer (tillitsnivå 3)</label></div>
<div><input type="radio" name="level" id="loa2" value="loa2"> <label for="loa2">Bara en faktor (tillitsnivå 2)</label></div>
</fieldset>
<button type="submit">Logga in</button></form>`,
      ),
    );
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith("/interaction/")) {
      interaction(req, res).catch(() => {
        res.statusCode = 400;
        res.end("Inloggningen gick inte att slutföra.");
      });
      return;
    }
    handle(req, res);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    signingKey,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
