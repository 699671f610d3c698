import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { okValue } from "../deviations";
import { signedInRequest } from "../factories";
import { closedCase, improvementSetup } from "../improvements";
import { recordImprovement } from "~/features/improvements/register.server";
import { action as itemAction, loader as itemLoader } from "../../app/routes/improvements.$improvementId";
import { loader as indexLoader } from "../../app/routes/improvements._index";
import { action as newAction, loader as newLoader } from "../../app/routes/improvements.new";

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "", clientIp: "127.0.0.1" } }) as never;

function post(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
  return { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } };
}

async function settle(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, response: value };
    const v = value as { init?: { status?: number }; data?: unknown };
    return { status: v?.init?.status ?? 200, body: v?.data ?? value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, response: thrown };
    throw thrown;
  }
}

type Reply = { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> }; detail?: unknown };

const form = (partnershipId: string, ownerOrganisationId: string) => ({
  partnershipId,
  title: "Gemensam kontrollpunkt för beslut",
  description: "Varje vecka.",
  ownerOrganisationId,
  dueDate: "2026-06-30",
  categories: ["information_transfer", "capacity"],
});

const countIn = async (partnershipId: string) =>
  (await getDb().selectFrom("improvements").select("id").where("partnership_id", "=", partnershipId).execute()).length;

describe("/improvements/new", () => {
  it("answers 400 with the values kept for a missing title, a bad date, no category or personal data; stores nothing", async () => {
    const cast = await improvementSetup();
    const good = form(cast.partnership.id, cast.party.organisationId);
    const cases: [Record<string, string | string[]>, string][] = [
      [{ ...good, title: "" }, "title"],
      [{ ...good, dueDate: "2026-02-30" }, "dueDate"],
      [{ ...good, categories: [] }, "categories"],
      [{ ...good, categories: ["not_a_category"] }, "categories"],
      [{ ...good, title: "Ring 070-123 45 67 om beslutet" }, "title"],
    ];
    for (const [fields, field] of cases) {
      const result = await settle(
        newAction(args(await signedInRequest(cast.coordinator.id, "/improvements/new", post(fields)))),
      );
      expect(result.status, field).toBe(400);
      const reply = (result.body as Reply).result;
      expect(Object.keys(reply.error)).toContain(field);
      expect(reply.initialValue.description).toBe("Varje vecka.");
    }
    expect(await countIn(cast.partnership.id)).toBe(0);
    const ok = await settle(
      newAction(args(await signedInRequest(cast.coordinator.id, "/improvements/new", post(good)))),
    );
    expect(ok.status).toBe(303);
    expect(await countIn(cast.partnership.id)).toBe(1);
  });

  it("is not found for a caseworker, and for a case the coordinator does not coordinate; an open case is not a source", async () => {
    const cast = await improvementSetup();
    const good = form(cast.partnership.id, cast.party.organisationId);
    const denied = await settle(
      newAction(args(await signedInRequest(cast.reporter.id, "/improvements/new", post(good)))),
    );
    expect(denied.status).toBe(404);
    expect((await settle(newLoader(args(await signedInRequest(cast.reporter.id, "/improvements/new"))))).status).toBe(
      404,
    );
    const other = await improvementSetup();
    const foreignCase = await closedCase(other, "improvement_agreed");
    const foreign = await settle(
      newLoader(args(await signedInRequest(cast.coordinator.id, `/improvements/new?from=${foreignCase}`))),
    );
    expect(foreign.status).toBe(404);
    const open = await closedCase(cast, null);
    const notEligible = await settle(
      newLoader(args(await signedInRequest(cast.coordinator.id, `/improvements/new?from=${open}`))),
    );
    expect(notEligible).toMatchObject({ status: 200, body: { notEligible: true } });
    const posted = await settle(
      newAction(
        args(
          await signedInRequest(cast.coordinator.id, "/improvements/new", post({ ...good, sourceDeviationId: open })),
        ),
      ),
    );
    expect(posted.status).toBe(400);
    expect(await countIn(cast.partnership.id)).toBe(0);
  });
});

describe("/improvements/:id", () => {
  it("answers 409 to a stale save with what applies now and the typed values kept, 400 to a missing note; nothing is lost", async () => {
    const db = getDb();
    const cast = await improvementSetup();
    const { id } = okValue(
      await recordImprovement(db, cast.coordinator, {
        ...form(cast.partnership.id, cast.party.organisationId),
        categories: ["information_transfer"],
        ownerContactId: cast.namedContact.id,
      }),
    );
    const path = `/improvements/${id}`;
    const save = async (userId: string, fields: Record<string, string>) =>
      settle(itemAction(args(await signedInRequest(userId, path, post(fields)), { improvementId: id })));
    expect(
      (await save(cast.namedContact.id, { version: "1", status: "done", statusNote: "Infört.", dueDate: "2026-06-30" }))
        .status,
    ).toBe(303);
    const stale = await save(cast.partyManager.id, {
      version: "1",
      status: "open",
      statusNote: "Behöver mer tid.",
      dueDate: "2026-12-31",
    });
    expect(stale.status).toBe(409);
    const reply = stale.body as Reply;
    expect(reply.detail).toMatchObject({ version: 2, status: "done", statusNote: "Infört." });
    expect(reply.result.initialValue).toMatchObject({ statusNote: "Behöver mer tid.", dueDate: "2026-12-31" });
    const noNote = await save(cast.coordinator.id, {
      version: "2",
      status: "dropped",
      statusNote: "",
      dueDate: "2026-06-30",
    });
    expect(noNote.status).toBe(400);
    expect(Object.keys((noNote.body as Reply).result.error)).toEqual(["statusNote"]);
    const badDate = await save(cast.coordinator.id, {
      version: "2",
      status: "open",
      statusNote: "",
      dueDate: "imorgon",
    });
    expect(badDate.status).toBe(400);
    const row = await db.selectFrom("improvements").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "done", status_note: "Infört.", due_date: "2026-06-30", version: 2 });
  });

  it("is not found for a caseworker and an unknown id, on both the page and the save", async () => {
    const db = getDb();
    const cast = await improvementSetup();
    const { id } = okValue(
      await recordImprovement(db, cast.coordinator, {
        ...form(cast.partnership.id, cast.party.organisationId),
        categories: ["information_transfer"],
      }),
    );
    for (const target of [id, "finns-inte"]) {
      const page = await settle(
        itemLoader(args(await signedInRequest(cast.reporter.id, `/improvements/${target}`), { improvementId: target })),
      );
      expect(page.status).toBe(404);
      const saved = await settle(
        itemAction(
          args(
            await signedInRequest(
              cast.reporter.id,
              `/improvements/${target}`,
              post({ version: "1", status: "dropped", statusNote: "x", dueDate: "2026-01-01" }),
            ),
            { improvementId: target },
          ),
        ),
      );
      expect(saved.status).toBe(404);
    }
    const list = await settle(
      indexLoader(args(await signedInRequest(cast.reporter.id, "/improvements?status=bogus&page=-3"))),
    );
    expect(list).toMatchObject({ status: 200, body: { list: { total: 0 }, mayRecord: false } });
  });
});
