// The admin pages' sign-in forms as the browser posts them: validation in Swedish with what was
// typed kept, a refused identity, the organisation's switch, and 404 for everyone but admins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { setProvidersForTests } from "~/features/identity/providers.server";
import { makeOrganisation, makePartnership, makeUser, signedInRequest } from "../factories";
import { action as userAction, loader as userLoader } from "../../app/routes/admin.users.$userId";
import {
  action as organisationAction,
  loader as organisationLoader,
} from "../../app/routes/admin.organisations.$organisationId";

const ISSUER = "https://idp.region.test";
const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "", clientIp: "127.0.0.1" } }) as never;

async function status(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return value.status;
    const init = (value as { init?: { status?: number } } | null)?.init;
    return init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

function form(fields: Record<string, string>) {
  const body = new URLSearchParams(fields);
  return { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } };
}

type Reply = {
  init: { status: number };
  data: { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
};

let region: { id: string; name: string };

beforeAll(async () => {
  region = await makeOrganisation(getDb(), { kind: "healthcare" });
  setProvidersForTests([
    {
      key: "region",
      issuer: ISSUER,
      clientId: "samsyn",
      clientSecret: "secret",
      organisation: region.name,
      domains: [],
      idClaim: "sub",
      passwordAllowed: true,
      mfaAcr: [],
      label: "SITHS",
    },
  ]);
});

afterAll(() => setProvidersForTests(undefined));

describe("linking an e-legitimation on the admin user page", () => {
  it("answers 400 in Swedish and keeps what was typed", async () => {
    const db = getDb();
    const admin = await makeUser(db, { roles: [{ role: "admin" }] });
    const user = await makeUser(db, { organisationId: region.id });
    const path = `/admin/users/${user.id}`;
    const post = async (fields: Record<string, string>) =>
      (await userAction(args(await signedInRequest(admin.id, path, form(fields)), { userId: user.id }))) as unknown;

    const blank = (await post({ intent: "link-identity", providerKey: "region", identifier: "  " })) as Reply;
    expect(blank.init.status).toBe(400);
    expect(blank.data.result.error.identifier).toEqual(["Fyll i identifierare."]);

    const spaced = (await post({ intent: "link-identity", providerKey: "region", identifier: "anna lind" })) as Reply;
    expect(spaced.init.status).toBe(400);
    expect(spaced.data.result.error.identifier).toEqual(["Identifieraren får inte innehålla mellanslag."]);
    expect(spaced.data.result.initialValue.identifier).toBe("anna lind");

    const ok = (await post({ intent: "link-identity", providerKey: "region", identifier: "anna-1" })) as Response;
    expect(ok.status).toBe(303);

    // The same identity for someone else: a clear refusal, the typed value kept, the link where it was.
    const other = await makeUser(db, { organisationId: region.id });
    const refused = (await userAction(
      args(
        await signedInRequest(
          admin.id,
          `/admin/users/${other.id}`,
          form({ intent: "link-identity", providerKey: "region", identifier: "anna-1" }),
        ),
        { userId: other.id },
      ),
    )) as unknown as Reply;
    expect(refused.init.status).toBe(400);
    expect(refused.data.result.error.identifier[0]).toContain("redan kopplad till en annan användare");
    expect(refused.data.result.initialValue.identifier).toBe("anna-1");
    const links = await db.selectFrom("identity_links").select("user_id").where("subject", "=", "anna-1").execute();
    expect(links).toEqual([{ user_id: user.id }]);

    // The page lists it with the provider's name.
    const page = (await userLoader(args(await signedInRequest(admin.id, path), { userId: user.id }))) as {
      signIn: { links: { providerName: string; subject: string }[] };
    };
    expect(page.signIn.links).toMatchObject([{ providerName: "SITHS", subject: "anna-1" }]);
  });
});

describe("the organisation page's second-factor switch", () => {
  it("turns the requirement on and off", async () => {
    const db = getDb();
    const admin = await makeUser(db, { roles: [{ role: "admin" }] });
    const path = `/admin/organisations/${region.id}`;
    const value = async () =>
      (
        await db
          .selectFrom("organisations")
          .select("second_factor_required")
          .where("id", "=", region.id)
          .executeTakeFirstOrThrow()
      ).second_factor_required;
    const on = (await organisationAction(
      args(
        await signedInRequest(admin.id, path, form({ intent: "second-factor-required", secondFactorRequired: "on" })),
        { organisationId: region.id },
      ),
    )) as Response;
    expect(on.status).toBe(303);
    expect(await value()).toBe(1);
    const page = (await organisationLoader(
      args(await signedInRequest(admin.id, path), { organisationId: region.id }),
    )) as { signIn: unknown };
    expect(page.signIn).toEqual({
      providers: [{ name: "SITHS", idClaim: "sub", passwordAllowed: true }],
      passwordSignIn: true,
      secondFactorRequired: true,
    });
    // An unticked checkbox is not sent at all.
    await organisationAction(
      args(await signedInRequest(admin.id, path, form({ intent: "second-factor-required" })), {
        organisationId: region.id,
      }),
    );
    expect(await value()).toBe(0);
  });
});

describe("someone who is not an admin", () => {
  it("gets 404 for every sign-in form and page, and nothing changes", async () => {
    const db = getDb();
    const partnership = await makePartnership(db);
    const target = await makeUser(db, { organisationId: region.id });
    const coordinator = await makeUser(db, {
      organisationId: region.id,
      roles: [{ role: "coordinator", partnershipId: partnership.id }],
    });
    const userPath = `/admin/users/${target.id}`;
    const orgPath = `/admin/organisations/${region.id}`;
    for (const fields of <Record<string, string>[]>[
      { intent: "link-identity", providerKey: "region", identifier: "coordinator-own" },
      { intent: "unlink-identity", issuer: ISSUER, subject: "anything" },
      { intent: "reset-second-factor" },
    ]) {
      const request = await signedInRequest(coordinator.id, userPath, form(fields));
      expect(await status(userAction(args(request, { userId: target.id })))).toBe(404);
    }
    expect(await status(userLoader(args(await signedInRequest(coordinator.id, userPath), { userId: target.id })))).toBe(
      404,
    );
    const switchOn = await signedInRequest(
      coordinator.id,
      orgPath,
      form({ intent: "second-factor-required", secondFactorRequired: "on" }),
    );
    expect(await status(organisationAction(args(switchOn, { organisationId: region.id })))).toBe(404);
    expect(await db.selectFrom("identity_links").select("subject").where("user_id", "=", target.id).execute()).toEqual(
      [],
    );
  });
});
