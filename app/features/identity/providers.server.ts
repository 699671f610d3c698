// Identity providers are operator configuration, read once at start-up from the environment
// (docs/decisions/0019-e-legitimation-and-second-factor.md). Nothing here is stored in the
// database or editable in the admin pages: no admin can point sign-in at a server of their own
// or read a client secret. For a provider with key <KEY> (letters, digits, underscore):
//   OIDC_<KEY>_ISSUER            the issuer URL (https; http only for localhost, i.e. the test IdP)
//   OIDC_<KEY>_CLIENT_ID         the client registered at the provider for Samsyn
//   OIDC_<KEY>_CLIENT_SECRET     its secret
//   OIDC_<KEY>_ORGANISATION      the Samsyn organisation it signs in (its exact name or id)
//   OIDC_<KEY>_DOMAINS           comma list of e-mail domains that /login sends to the provider
//   OIDC_<KEY>_ID_CLAIM          the claim that identifies the user: sub (default) or an HSA-id claim
//   OIDC_<KEY>_PASSWORD_ALLOWED  true/false (default false): may the organisation's users still use passwords
//   OIDC_<KEY>_MFA_ACR           comma list of acr values that show a second factor (default: LoA3 and LoA4)
//   OIDC_<KEY>_LABEL             optional: shows "Logga in med e-legitimation (<label>)" on the login page
import type { CustomFetch } from "openid-client";

export interface ProviderConfig {
  key: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  organisation: string;
  domains: string[];
  idClaim: string;
  passwordAllowed: boolean;
  mfaAcr: string[];
  label: string | null;
  /** Tests only: the HTTP client openid-client uses, to tamper with the provider's answers. */
  fetch?: CustomFetch;
}

/** The Swedish eID framework's (DIGG) levels of assurance that include a second factor. */
export const DEFAULT_MFA_ACR = [
  "http://id.elegnamnden.se/loa/1.0/loa3",
  "http://id.elegnamnden.se/loa/1.0/loa4",
  "http://id.swedenconnect.se/loa/1.0/uncertified-loa3",
];

/** Claims a user can change themselves, or that are reassigned: never an identity. */
const CHANGEABLE_CLAIMS = new Set(["email", "preferred_username", "upn", "unique_name", "name", "phone_number"]);

export const PROVIDER_FIELDS = [
  "ISSUER",
  "CLIENT_ID",
  "CLIENT_SECRET",
  "ORGANISATION",
  "DOMAINS",
  "ID_CLAIM",
  "PASSWORD_ALLOWED",
  "MFA_ACR",
  "LABEL",
] as const;

export class ProviderConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid identity provider configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ProviderConfigError";
  }
}

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

function isLocalHost(url: URL): boolean {
  return url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
}

/** Issuers over plain HTTP are accepted only on this machine: the test identity provider. */
export function allowsInsecureIssuer(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === "http:" && isLocalHost(url);
}

/** Reads every OIDC_<KEY>_* group; throws a ProviderConfigError listing every problem. */
export function parseProviders(source: Record<string, string | undefined>): ProviderConfig[] {
  const keys = new Set<string>();
  const problems: string[] = [];
  for (const name of Object.keys(source)) {
    const match =
      /^OIDC_([A-Z0-9_]+?)_(ISSUER|CLIENT_ID|CLIENT_SECRET|ORGANISATION|DOMAINS|ID_CLAIM|PASSWORD_ALLOWED|MFA_ACR|LABEL)$/.exec(
        name,
      );
    if (match && source[name]) keys.add(match[1]);
  }
  const providers: ProviderConfig[] = [];
  const domainOwner = new Map<string, string>();
  for (const key of [...keys].sort()) {
    const get = (field: (typeof PROVIDER_FIELDS)[number]) => source[`OIDC_${key}_${field}`]?.trim() || undefined;
    const missing = (["ISSUER", "CLIENT_ID", "CLIENT_SECRET", "ORGANISATION"] as const).filter((f) => !get(f));
    for (const field of missing) problems.push(`OIDC_${key}_${field}: is required`);
    const issuer = get("ISSUER");
    if (issuer) {
      let url: URL | null = null;
      try {
        url = new URL(issuer);
      } catch {
        problems.push(`OIDC_${key}_ISSUER: is not a URL`);
      }
      if (url && url.protocol !== "https:" && !allowsInsecureIssuer(issuer)) {
        problems.push(`OIDC_${key}_ISSUER: must use https (plain http only for a test provider on localhost)`);
      }
    }
    const idClaim = get("ID_CLAIM") ?? "sub";
    if (CHANGEABLE_CLAIMS.has(idClaim.toLowerCase())) {
      problems.push(`OIDC_${key}_ID_CLAIM: ${idClaim} can change or be reassigned; use sub or an HSA-id claim`);
    }
    const passwordAllowed = (get("PASSWORD_ALLOWED") ?? "false").toLowerCase();
    if (!["true", "false"].includes(passwordAllowed))
      problems.push(`OIDC_${key}_PASSWORD_ALLOWED: must be true or false`);
    const domains = list(get("DOMAINS")).map((d) => d.toLowerCase().replace(/^@/, ""));
    for (const domain of domains) {
      const other = domainOwner.get(domain);
      if (other) problems.push(`OIDC_${key}_DOMAINS: ${domain} is already OIDC_${other}_DOMAINS`);
      domainOwner.set(domain, key);
    }
    if (missing.length > 0) continue;
    providers.push({
      key: key.toLowerCase(),
      issuer: issuer!,
      clientId: get("CLIENT_ID")!,
      clientSecret: get("CLIENT_SECRET")!,
      organisation: get("ORGANISATION")!,
      domains,
      idClaim,
      passwordAllowed: passwordAllowed === "true",
      mfaAcr: get("MFA_ACR") ? list(get("MFA_ACR")) : DEFAULT_MFA_ACR,
      label: get("LABEL") ?? null,
    });
  }
  if (problems.length > 0) throw new ProviderConfigError(problems);
  return providers;
}

let configured: ProviderConfig[] | undefined;

/** The providers configured for this process (read once). */
export function getProviders(): ProviderConfig[] {
  configured ??= parseProviders(process.env);
  return configured;
}

/** Tests: replace the configured providers. */
export function setProvidersForTests(providers: ProviderConfig[] | undefined): void {
  configured = providers;
}

export function providerByKey(key: string): ProviderConfig | undefined {
  return getProviders().find((p) => p.key === key);
}

/** The provider whose domains include the e-mail address's domain; the same answer for known and unknown users. */
export function providerForEmail(email: string): ProviderConfig | undefined {
  const domain = email.trim().toLowerCase().split("@").pop() ?? "";
  return domain ? getProviders().find((p) => p.domains.includes(domain)) : undefined;
}

/** What the admin pages may show: which organisations sign in through a provider, nothing else. */
export function organisationsWithProvider(): string[] {
  return getProviders().map((p) => p.organisation);
}

/** The providers that sign in this organisation (the configuration names it by exact name or id). */
export function providersForOrganisation(organisation: { id: string; name: string }): ProviderConfig[] {
  return getProviders().filter((p) => p.organisation === organisation.id || p.organisation === organisation.name);
}

/** What the admin pages call a provider: its label, or its key when it has none. */
export function providerName(provider: Pick<ProviderConfig, "key" | "label">): string {
  return provider.label ?? provider.key;
}
