// The test identity provider as the demo and the end-to-end tests use it: the demo cast as its
// accounts, one demo organisation signing in through it, and that organisation's users linked
// to their identities. Returns the OIDC_DEMO_* environment for the Samsyn server.
import type { DB } from "../../db/client.server";
import { DEMO_USERS } from "../../db/seed/demo-cast";
import { SYSTEM_ACTOR } from "../../app/features/access/current-user";
import { linkIdentity } from "../../app/features/identity/links.server";
import { demoAccounts, demoSubject, startTestIdp, type TestAccount, type TestIdp } from "./test-idp";

/** The demo organisation whose staff sign in with e-legitimation (the test IdP). */
export const DEMO_EID_ORGANISATION = "Region Sjöland – Vuxenpsykiatrin";

/**
 * A new region worker the provider knows but Samsyn does not yet: an admin creates her account and
 * links this identity in the admin pages (the demo's way to try it, and e2e/identity-admin.spec.ts).
 */
export const DEMO_UNLINKED_ACCOUNT: TestAccount = {
  sub: "demo-nora-nyanstalld",
  name: "Nora Nyanställd",
  hsa_id: "SE2321000016-9001",
};

export async function startDemoIdp(
  db: DB,
  appUrl: string,
  port?: number,
): Promise<{ idp: TestIdp; env: Record<string, string> }> {
  const idp = await startTestIdp({
    accounts: [...demoAccounts(DEMO_USERS), DEMO_UNLINKED_ACCOUNT],
    redirectUris: [`${appUrl}/login/eid/callback`],
    postLogoutRedirectUris: [`${appUrl}/login`],
    port,
  });
  const users = await db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["users.id", "users.email"])
    .where("organisations.name", "=", DEMO_EID_ORGANISATION)
    .execute();
  for (const user of users) {
    const linked = await linkIdentity(db, SYSTEM_ACTOR, {
      userId: user.id,
      issuer: idp.issuer,
      subject: demoSubject(user.email),
    });
    if (!linked.ok) throw new Error(`The demo identity of ${user.email} is linked to another user.`);
  }
  return {
    idp,
    env: {
      OIDC_DEMO_ISSUER: idp.issuer,
      OIDC_DEMO_CLIENT_ID: idp.clientId,
      OIDC_DEMO_CLIENT_SECRET: idp.clientSecret,
      OIDC_DEMO_ORGANISATION: DEMO_EID_ORGANISATION,
      OIDC_DEMO_PASSWORD_ALLOWED: "true",
      OIDC_DEMO_LABEL: "test",
    },
  };
}
