// The admin area: only admins get in; everyone else sees "no such page".
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { makeOrganisation, makePartnership, makeUser, signedInRequest } from "../../test/factories";
import { loader as usersLoader } from "./admin.users._index";
import { action as newUserAction } from "./admin.users.new";
import { action as userAction } from "./admin.users.$userId";
import { validateSessionToken, createSession } from "~/features/auth/session.server";

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "", clientIp: "127.0.0.1" } }) as never;

async function status(promise: Promise<unknown>) {
  try {
    const value = await promise;
    return value instanceof Response ? value.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

function form(fields: Record<string, string>) {
  const body = new URLSearchParams(fields);
  return { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } };
}

describe("admin routes", () => {
  it("answer 404 to every role but admin", async () => {
    const partnership = await makePartnership();
    for (const role of ["caseworker", "coordinator", "contact", "steering", "auditor"] as const) {
      const user = await makeUser(getDb(), {
        roles: [{ role, partnershipId: role === "coordinator" || role === "steering" ? partnership.id : undefined }],
      });
      expect(await status(usersLoader(args(await signedInRequest(user.id, "/admin/users"))))).toBe(404);
      expect(
        await status(
          newUserAction(
            args(
              await signedInRequest(
                user.id,
                "/admin/users/new",
                form({ name: "X", email: "x@example.se", organisationId: "x" }),
              ),
            ),
          ),
        ),
      ).toBe(404);
    }
    const admin = await makeUser(getDb(), { roles: [{ role: "admin" }] });
    expect(await status(usersLoader(args(await signedInRequest(admin.id, "/admin/users"))))).toBe(200);
  });

  it("create a user with a one-time password that is stored only as a hash", async () => {
    const db = getDb();
    const admin = await makeUser(db, { roles: [{ role: "admin" }] });
    const org = await makeOrganisation(db);
    const result = (await newUserAction(
      args(
        await signedInRequest(
          admin.id,
          "/admin/users/new",
          form({ name: "Ny Person", email: "Ny.Person@Example.se", organisationId: org.id }),
        ),
      ),
    )) as { created: { id: string; oneTimePassword: string } };
    expect(result.created.oneTimePassword).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    const row = await db.selectFrom("users").selectAll().where("id", "=", result.created.id).executeTakeFirstOrThrow();
    expect(row.email).toBe("ny.person@example.se");
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.must_change_password).toBe(1);
    const audit = JSON.stringify(await db.selectFrom("audit_events").selectAll().execute());
    expect(audit).not.toContain(result.created.oneTimePassword);
  });

  it("refuses a duplicate e-mail with a Swedish message and keeps what was typed", async () => {
    const db = getDb();
    const admin = await makeUser(db, { roles: [{ role: "admin" }] });
    const existing = await makeUser(db);
    const response = (await newUserAction(
      args(
        await signedInRequest(
          admin.id,
          "/admin/users/new",
          form({ name: "Dubbel", email: existing.email, organisationId: existing.organisationId }),
        ),
      ),
    )) as unknown as {
      init: { status: number };
      data: { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    };
    expect(response.init.status).toBe(400);
    expect(response.data.result.error.email).toEqual(["Det finns redan en användare med den e-postadressen."]);
    expect(response.data.result.initialValue.name).toBe("Dubbel");
  });

  it("disabling a user ends their sessions at once", async () => {
    const db = getDb();
    const admin = await makeUser(db, { roles: [{ role: "admin" }] });
    const target = await makeUser(db);
    const { token } = await createSession(db, target.id);
    const response = await userAction(
      args(await signedInRequest(admin.id, `/admin/users/${target.id}`, form({ intent: "disable" })), {
        userId: target.id,
      }),
    );
    expect((response as Response).status).toBe(303);
    expect(await validateSessionToken(db, token)).toBeNull();
  });

  it("a partnership role needs a partnership", async () => {
    const db = getDb();
    const admin = await makeUser(db, { roles: [{ role: "admin" }] });
    const target = await makeUser(db);
    const response = (await userAction(
      args(
        await signedInRequest(admin.id, `/admin/users/${target.id}`, form({ intent: "grant", role: "coordinator" })),
        { userId: target.id },
      ),
    )) as unknown as { init: { status: number }; data: { result: { error: Record<string, string[]> } } };
    expect(response.init.status).toBe(400);
    expect(response.data.result.error.partnershipId[0]).toContain("Samordnare");
  });

  it("answers 404 for a user that does not exist", async () => {
    const admin = await makeUser(getDb(), { roles: [{ role: "admin" }] });
    expect(
      await status(
        userAction(
          args(await signedInRequest(admin.id, "/admin/users/nope", form({ intent: "disable" })), { userId: "nope" }),
        ),
      ),
    ).toBe(404);
  });
});
