// Demo improvement register (docs/decisions/0025-improvement-register.md): what Sjöstad's steering
// group decided, recorded through the app's own commands and then dated back – one from the case
// closed with an improvement agreed (done months ago, so the summaries show a trend since), one
// from the escalated case, one overdue, one of the steering group's own.
import type { DB } from "../client.server";
import type { DeviationCategory } from "../schema";
import { loadCurrentUser } from "../../app/features/auth/auth.server";
import { recordImprovement, updateImprovement } from "../../app/features/improvements/register.server";
import type { Result } from "../../app/lib/result";
import { addDays, todayInStockholm } from "../../app/lib/time";

async function user(db: DB, email: string) {
  const row = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const found = await loadCurrentUser(db, row.id, "seed");
  if (!found) throw new Error(`demo user ${email} is disabled`);
  return found;
}

function expectOk<T>(result: Result<T, string, unknown>, what: string): T {
  if (!result.ok) throw new Error(`demo improvement: ${what} refused (${result.error})`);
  return result.value;
}

const orgId = async (db: DB, name: string) =>
  (await db.selectFrom("organisations").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

const caseWith = async (db: DB, summary: string) =>
  (await db.selectFrom("deviations").select("id").where("summary", "=", summary).executeTakeFirstOrThrow()).id;

const at = (date: string) => `${date}T09:00:00.000Z`;

export async function seedDemoImprovements(db: DB): Promise<void> {
  const karin = await user(db, "karin.samordnare@demo.samsyn.se");
  const per = await user(db, "per.kontakt@demo.samsyn.se");
  const partnershipId = (
    await db
      .selectFrom("partnerships")
      .select("id")
      .where("name", "=", "Samordningsförbundet Sjöstad")
      .executeTakeFirstOrThrow()
  ).id;
  const today = todayInStockholm();
  const record = async (
    what: string,
    input: {
      owner: string;
      contactId?: string;
      dueInDays: number;
      categories: DeviationCategory[];
      source?: string;
      createdDaysAgo: number;
      description?: string;
    },
  ) => {
    const { id } = expectOk(
      await recordImprovement(db, karin, {
        partnershipId,
        title: what,
        description: input.description,
        ownerOrganisationId: await orgId(db, input.owner),
        ownerContactId: input.contactId,
        dueDate: addDays(today, input.dueInDays),
        categories: input.categories,
        sourceDeviationId: input.source ? await caseWith(db, input.source) : undefined,
      }),
      what,
    );
    const created = at(addDays(today, -input.createdDaysAgo));
    await db
      .updateTable("improvements")
      .set({ created_at: created, updated_at: created })
      .where("id", "=", id)
      .execute();
    return id;
  };

  // Done about six months ago, so the term summaries show the responsibility cases per term since.
  const done = await record("Gemensam överenskommelse om kostnadsfördelning för arbetsträning", {
    owner: "Sjöstads kommun – Arbetsmarknadsenheten",
    dueInDays: -180,
    categories: ["responsibility"],
    source: "Oklart betalningsansvar för arbetsträning mellan tre parter.",
    createdDaysAgo: 205,
    description: "Arbetsmarknadsenheten står för de tre första månaderna, därefter Arbetsförmedlingen.",
  });
  expectOk(
    await updateImprovement(db, karin, done, {
      version: 1,
      status: "done",
      statusNote: "Överenskommelsen är undertecknad av båda parter och gäller från terminsstart.",
      dueDate: addDays(today, -180),
    }),
    "marking done",
  );
  await db
    .updateTable("improvements")
    .set({ done_at: at(addDays(today, -195)), updated_at: at(addDays(today, -195)) })
    .where("id", "=", done)
    .execute();

  await record("Nationell begäran om samordnade regler mellan ersättningssystemen", {
    owner: "Samordningsförbundet Sjöstad – kansliet",
    dueInDays: 90,
    categories: ["rules_and_law"],
    source: "Regelkrock mellan ersättningssystem gav en månad utan ersättning.",
    createdDaysAgo: 250,
  });
  // Overdue: due a month ago and still open; Per Kontakt is the named contact.
  await record("Rutin för att skicka studieintyg direkt till Arbetsförmedlingen", {
    owner: "Arbetsförmedlingen Sjöstad",
    contactId: per.id,
    dueInDays: -30,
    categories: ["information_transfer"],
    createdDaysAgo: 120,
  });
  await record("Gemensam telefontid för parterna fredag eftermiddag", {
    owner: "Sjöstads kommun – Socialtjänsten",
    dueInDays: 60,
    categories: ["availability"],
    createdDaysAgo: 40,
  });
}
