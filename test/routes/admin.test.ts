// The admin area: only admins get in; everyone else sees "no such page".
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { makeOrganisation, makePartnership, makeUser, signedInRequest } from "../factories";
import { loader as usersLoader } from "../../app/routes/admin.users._index";
import { action as newUserAction } from "../../app/routes/admin.users.new";
import { action as userAction } from "../../app/routes/admin.users.$userId";
import { validateSessionToken, createSession } from "~/features/auth/session.server";
import { action as newPartnershipAction } from "../../app/routes/admin.partnerships.new";
import { action as editPartnershipAction } from "../../app/routes/admin.partnerships.$partnershipId";
import { action as newOrganisationAction } from "../../app/routes/admin.organisations.new";
import { action as editOrganisationAction } from "../../app/routes/admin.organisations.$organisationId";

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

  it("create a user who gets a link to choose a password: the admin never sees a secret", async () => {
    const db = getDb();
    const admin = await makeUser(db, { roles: [{ role: "admin" }] });
    const org = await makeOrganisation(db);
    const response = (await newUserAction(
      args(
        await signedInRequest(
          admin.id,
          "/admin/users/new",
          form({ name: "Ny Person", email: "Ny.Person@Example.se", organisationId: org.id }),
        ),
      ),
    )) as Response;
    expect(response.status).toBe(303);
    const row = await db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "ny.person@example.se")
      .executeTakeFirstOrThrow();
    expect(response.headers.get("Location")).toBe(`/admin/users/${row.id}`);
    expect(await response.text()).toBe("");
    // No password exists until the user chooses one.
    expect(row.password_hash).toBeNull();
    const [mail] = await db.selectFrom("outbox").selectAll().where("to_address", "=", "ny.person@example.se").execute();
    const token = /reset-password\?token=([a-z2-7]+)/.exec(mail.text_body)?.[1];
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(mail.hide_body).toBe(1);
    const everything = JSON.stringify([
      await db.selectFrom("audit_events").selectAll().execute(),
      await db.selectFrom("password_links").selectAll().execute(),
    ]);
    expect(everything).not.toContain(token);
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

type FormReplyData = {
  init: { status: number };
  data: { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } };
};

// Issue 12: unknown ids and names already in use are named failures, never a 500 from a
// foreign-key or UNIQUE constraint.
describe("admin forms answer mistakes with field errors, not 500", () => {
  const partnershipFields = { answerDays: "30", suppressionK: "3", overdueActionDays: "14" };

  it("a partnership name that differs only in the case of å, ä or ö is taken", async () => {
    const db = getDb();
    const admin = await makeUser(db, { roles: [{ role: "admin" }] });
    const existing = await makePartnership(db, `Älvdalens förbund ${Date.now()}`);
    for (const name of [existing.name, existing.name.toUpperCase(), ` ${existing.name} `]) {
      const reply = (await newPartnershipAction(
        args(await signedInRequest(admin.id, "/admin/partnerships/new", form({ name, ...partnershipFields }))),
      )) as unknown as FormReplyData;
      expect(reply.init.status, name).toBe(400);
      expect(reply.data.result.error.name).toEqual(["Det namnet används redan."]);
    }
    // Renaming another partnership to it, likewise.
    const other = await makePartnership(db);
    const renamed = (await editPartnershipAction(
      args(
        await signedInRequest(
          admin.id,
          `/admin/partnerships/${other.id}`,
          form({ name: existing.name, ...partnershipFields }),
        ),
        { partnershipId: other.id },
      ),
    )) as unknown as FormReplyData;
    expect(renamed.init.status).toBe(400);
    expect(renamed.data.result.error.name).toEqual(["Det namnet används redan."]);
  });

  it("an organisation with a partnership that does not exist, or an organisation name in use", async () => {
    const db = getDb();
    const admin = await makeUser(db, { roles: [{ role: "admin" }] });
    const real = await makePartnership(db);
    const unknown = (await newOrganisationAction(
      args(
        await signedInRequest(
          admin.id,
          "/admin/organisations/new",
          form({ name: `Ny org ${Date.now()}`, kind: "other", partnershipIds: "finns-inte" }),
        ),
      ),
    )) as unknown as FormReplyData;
    expect(unknown.init.status).toBe(400);
    expect(unknown.data.result.error.partnershipIds?.[0]).toMatch(/finns inte längre/);

    const org = await makeOrganisation(db);
    const taken = (await newOrganisationAction(
      args(
        await signedInRequest(
          admin.id,
          "/admin/organisations/new",
          form({ name: org.name.toUpperCase(), kind: "other", partnershipIds: real.id }),
        ),
      ),
    )) as unknown as FormReplyData;
    expect(taken.init.status).toBe(400);
    expect(taken.data.result.error.name).toEqual(["Det namnet används redan."]);
  });

  it("unknown ids in the address give 404", async () => {
    const admin = await makeUser(getDb(), { roles: [{ role: "admin" }] });
    expect(
      await status(
        editOrganisationAction(
          args(await signedInRequest(admin.id, "/admin/organisations/nope", form({ name: "X", kind: "other" })), {
            organisationId: "nope",
          }),
        ),
      ),
    ).toBe(404);
    expect(
      await status(
        editPartnershipAction(
          args(await signedInRequest(admin.id, "/admin/partnerships/nope", form({ name: "X", ...partnershipFields })), {
            partnershipId: "nope",
          }),
        ),
      ),
    ).toBe(404);
    for (const intent of ["update", "grant", "reset-password", "enable", "revoke"]) {
      expect(
        await status(
          userAction(
            args(
              await signedInRequest(
                admin.id,
                "/admin/users/nope",
                form({
                  intent,
                  name: "X",
                  email: "x@example.se",
                  organisationId: "x",
                  role: "caseworker",
                  grantId: "x",
                }),
              ),
              { userId: "nope" },
            ),
          ),
        ),
        intent,
      ).toBe(404);
    }
  });

  it("a user in an organisation or a partnership role in a partnership that does not exist", async () => {
    const db = getDb();
    const admin = await makeUser(db, { roles: [{ role: "admin" }] });
    const target = await makeUser(db);
    const moved = (await userAction(
      args(
        await signedInRequest(
          admin.id,
          `/admin/users/${target.id}`,
          form({ intent: "update", name: "Flyttad", email: target.email, organisationId: "finns-inte" }),
        ),
        { userId: target.id },
      ),
    )) as unknown as FormReplyData;
    expect(moved.init.status).toBe(400);
    expect(moved.data.result.error.organisationId).toEqual(["Välj organisation."]);
    expect(moved.data.result.initialValue.name).toBe("Flyttad");

    const granted = (await userAction(
      args(
        await signedInRequest(
          admin.id,
          `/admin/users/${target.id}`,
          form({ intent: "grant", role: "steering", partnershipId: "finns-inte" }),
        ),
        { userId: target.id },
      ),
    )) as unknown as FormReplyData;
    expect(granted.init.status).toBe(400);
    expect(granted.data.result.error.partnershipId[0]).toContain("Styrgruppsledamot");

    const other = await makeUser(db);
    const taken = (await userAction(
      args(
        await signedInRequest(
          admin.id,
          `/admin/users/${target.id}`,
          form({
            intent: "update",
            name: "X",
            email: other.email.toUpperCase(),
            organisationId: target.organisationId,
          }),
        ),
        { userId: target.id },
      ),
    )) as unknown as FormReplyData;
    expect(taken.init.status).toBe(400);
    expect(taken.data.result.error.email).toEqual(["Det finns redan en användare med den e-postadressen."]);
  });
});
