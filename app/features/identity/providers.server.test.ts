// Provider configuration is read from the environment and refused, with every problem named,
// when it could let a changeable claim identify users or send sign-ins over plain HTTP.
import { afterEach, describe, expect, it } from "vitest";
import { eidRouteFor } from "./login-routing.server";
import { parseProviders, ProviderConfigError, setProvidersForTests } from "./providers.server";

const REGION = {
  OIDC_REGION_ISSUER: "https://idp.region.example",
  OIDC_REGION_CLIENT_ID: "samsyn",
  OIDC_REGION_CLIENT_SECRET: "s3cret",
  OIDC_REGION_ORGANISATION: "Region Sjöland – Vuxenpsykiatrin",
  OIDC_REGION_DOMAINS: "regionsjoland.se, @vard.example",
  OIDC_REGION_ID_CLAIM: "hsa_id",
};

afterEach(() => setProvidersForTests(undefined));

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseProviders(env);
    return [];
  } catch (error) {
    return error instanceof ProviderConfigError ? error.problems : [String(error)];
  }
}

describe("provider configuration", () => {
  it("reads a provider with its domains, claim and password setting", () => {
    expect(parseProviders(REGION)).toEqual([
      expect.objectContaining({
        key: "region",
        domains: ["regionsjoland.se", "vard.example"],
        idClaim: "hsa_id",
        passwordAllowed: false,
        label: null,
      }),
    ]);
  });

  it("refuses an e-mail claim, plain http elsewhere than localhost, and missing fields", () => {
    const problems = problemsOf({
      ...REGION,
      OIDC_REGION_ID_CLAIM: "email",
      OIDC_REGION_ISSUER: "http://idp.region.example",
      OIDC_KOMMUN_ISSUER: "https://kommun.example",
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("OIDC_REGION_ID_CLAIM"),
        expect.stringContaining("OIDC_REGION_ISSUER: must use https"),
        "OIDC_KOMMUN_CLIENT_ID: is required",
      ]),
    );
    expect(problemsOf({ ...REGION, OIDC_REGION_ISSUER: "http://localhost:4000" })).toEqual([]);
  });

  it("routes /login by the domain alone: a known and an unknown address get the same answer", () => {
    setProvidersForTests(parseProviders(REGION));
    const form = (email: string, password = "") => {
      const data = new FormData();
      data.set("email", email);
      data.set("password", password);
      return data;
    };
    expect(eidRouteFor(form("henrik@regionsjoland.se"))).toBe("/login/eid?provider=region");
    expect(eidRouteFor(form("finns-inte@regionsjoland.se", "ett lösenord"))).toBe("/login/eid?provider=region");
    expect(eidRouteFor(form("anna@kommun.example", "ett lösenord"))).toBeNull();
    setProvidersForTests(parseProviders({ ...REGION, OIDC_REGION_PASSWORD_ALLOWED: "true" }));
    expect(eidRouteFor(form("henrik@regionsjoland.se", "ett lösenord"))).toBeNull();
    expect(eidRouteFor(form("henrik@regionsjoland.se"))).toBe("/login/eid?provider=region");
  });
});
