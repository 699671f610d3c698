// Administration: partnerships, organisations and users; forms that explain
// mistakes in Swedish and keep what was typed; lists that search and paginate.
import type { Locator, Page } from "@playwright/test";
import type { DB } from "../db/client.server";
import { DEMO, expect, test, unique } from "./fixtures";

const nameField = (page: Page) => page.getByLabel(/^Namn/);
const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Sök" });
const bodyRows = (page: Page) => page.getByRole("table").getByRole("rowgroup").nth(1).getByRole("row");

/** The password link in the latest e-mail to the address, as kept in the outbox (no SMTP in the tests). */
async function linkMailedTo(db: DB, address: string): Promise<string> {
  const mail = await db
    .selectFrom("outbox")
    .select("text_body")
    .where("to_address", "=", address)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  const link = /https?:\/\/\S+\/reset-password\?token=[a-z2-7]+/.exec(mail.text_body)?.[0];
  if (!link) throw new Error(`no password link in the latest e-mail to ${address}`);
  return link;
}

async function search(page: Page, q: string): Promise<void> {
  await searchBox(page).fill(q);
  await page.getByRole("search").getByRole("button", { name: "Sök" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(q).replace(/%20/g, "\\+")}`));
}

async function expectFieldError(field: Locator, message: string): Promise<void> {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(message);
}

test.beforeEach(async ({ loginAs }) => {
  await loginAs(DEMO.admin);
});

test("admin creates a partnership; mistakes are explained in Swedish and typed values kept", async ({
  page,
  expectAxeClean,
}) => {
  const name = `Förbund Norrås ${unique()}`;

  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
  await expectAxeClean(page);
  await page.getByRole("main").getByRole("link", { name: "Samverkan" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Samverkan" })).toBeVisible();
  await expectAxeClean(page);
  await page.getByRole("link", { name: "Ny samverkan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ny samverkan" })).toBeVisible();
  await expectAxeClean(page);

  // An empty name and an answer time out of range.
  const answerDays = page.getByLabel(/^Svarstid för avvikelser/);
  await answerDays.fill("400");
  // Enter, not a click: leaving the field shows its error first, which pushes the
  // button down between mouse-down and mouse-up, so a first click is lost (app bug, reported).
  await answerDays.press("Enter");
  await expectFieldError(nameField(page), "Fyll i namn.");
  await expectFieldError(answerDays, "Svarstid för avvikelser (dagar) måste vara ett heltal mellan 1 och 365.");
  await expect(answerDays).toHaveValue("400");
  await expect(page).toHaveURL(/\/admin\/partnerships\/new$/);
  await expectAxeClean(page);

  // A name that is already taken: only the server knows.
  await nameField(page).fill("Samordningsförbundet Sjöstad");
  await answerDays.fill("45");
  await page.getByRole("button", { name: "Skapa" }).click();
  await expectFieldError(nameField(page), "Det namnet används redan.");
  await expect(nameField(page)).toHaveValue("Samordningsförbundet Sjöstad");
  await expect(answerDays).toHaveValue("45");
  await expect(page).toHaveURL(/\/admin\/partnerships\/new$/);
  await expectAxeClean(page);

  await nameField(page).fill(name);
  await page.getByRole("button", { name: "Skapa" }).click();
  await expect(page).toHaveURL(/\/admin\/partnerships\/[a-z0-9]+$/);
  await expect(page.getByRole("status")).toHaveText("Skapad.");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(answerDays).toHaveValue("45");
  await expect(page.getByRole("region", { name: "Medlemmar" })).toContainText("Inga");
  await expectAxeClean(page);

  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Samverkan" }).click();
  await search(page, name);
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(bodyRows(page).first().getByRole("link", { name })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Sidor" })).toContainText("Visar 1–1 av 1");
  await expectAxeClean(page);
});

test("admin creates an organisation that is a member of a partnership", async ({
  page,
  createPartnerships,
  expectAxeClean,
}) => {
  const partnership = `Förbund Västerå ${unique()}`;
  const organisation = `Testorg Folkhögskolan ${unique()}`;
  await createPartnerships([partnership]);

  await page.goto("/admin/organisations");
  await expect(page.getByRole("heading", { level: 1, name: "Organisationer" })).toBeVisible();
  await expectAxeClean(page);
  await page.getByRole("link", { name: "Ny organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ny organisation" })).toBeVisible();
  await expectAxeClean(page);

  await nameField(page).fill(organisation);
  await page.getByLabel(/^Typ av organisation/).selectOption({ label: "Vuxenutbildning" });
  const memberships = page.getByRole("group", { name: "Ingår i samverkan" });
  await memberships.getByRole("checkbox", { name: partnership }).check();
  await page.getByRole("button", { name: "Skapa" }).click();

  await expect(page).toHaveURL(/\/admin\/organisations\/[a-z0-9]+$/);
  await expect(page.getByRole("status")).toHaveText("Skapad.");
  await expect(page.getByRole("heading", { level: 1, name: organisation })).toBeVisible();
  await expect(page.getByLabel(/^Typ av organisation/).locator("option:checked")).toHaveText("Vuxenutbildning");
  await expect(memberships.getByRole("checkbox", { name: partnership })).toBeChecked();
  await expect(memberships.getByRole("checkbox", { name: "Samordningsförbundet Sjöstad" })).not.toBeChecked();
  await expectAxeClean(page);

  // The partnership lists its new member.
  await page.goto("/admin/partnerships");
  await search(page, partnership);
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(bodyRows(page).first().getByRole("cell").nth(1)).toHaveText("1");
  await expectAxeClean(page);
  await page.getByRole("link", { name: partnership }).click();
  await expect(page.getByRole("heading", { level: 1, name: partnership })).toBeVisible();
  await expect(page.getByRole("region", { name: "Medlemmar" }).getByRole("link", { name: organisation })).toBeVisible();
  await expectAxeClean(page);
});

test("without JavaScript the organisation form is checked on the server and keeps what was typed", async ({
  loginAs,
  newContext,
  expectAxeClean,
}) => {
  const organisation = `Testorg Ungdomsmottagningen ${unique()}`;
  const context = await newContext({ javaScriptEnabled: false });
  await loginAs(DEMO.admin, context);
  const page = await context.newPage();
  await page.goto("/admin/organisations/new");
  await expect(page.getByRole("heading", { level: 1, name: "Ny organisation" })).toBeVisible();
  await expectAxeClean(page);

  // A name of only spaces passes the browser's own check but not the server's.
  await nameField(page).fill("   ");
  await page.getByLabel(/^Typ av organisation/).selectOption({ label: "Hälso- och sjukvård (region)" });
  const alvbygd = page.getByRole("checkbox", { name: "Samordningsförbundet Älvbygd" });
  await alvbygd.check();
  await page.getByRole("button", { name: "Skapa" }).click();

  await expect(page.getByText("Fyll i namn.")).toBeVisible();
  await expectFieldError(nameField(page), "Fyll i namn.");
  await expect(page.getByLabel(/^Typ av organisation/).locator("option:checked")).toHaveText(
    "Hälso- och sjukvård (region)",
  );
  await expect(alvbygd).toBeChecked();
  await expectAxeClean(page);

  // A taken name, likewise.
  await nameField(page).fill("Sjöstads kommun – Vuxenutbildningen");
  await page.getByRole("button", { name: "Skapa" }).click();
  await expectFieldError(nameField(page), "Det namnet används redan.");
  await expect(nameField(page)).toHaveValue("Sjöstads kommun – Vuxenutbildningen");
  await expect(alvbygd).toBeChecked();
  await expectAxeClean(page);

  await nameField(page).fill(organisation);
  await page.getByRole("button", { name: "Skapa" }).click();
  await expect(page).toHaveURL(/\/admin\/organisations\/[a-z0-9]+$/);
  await expect(page.getByRole("status")).toHaveText("Skapad.");
  await expect(page.getByRole("heading", { level: 1, name: organisation })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Samordningsförbundet Älvbygd" })).toBeChecked();
  await expectAxeClean(page);
});

test("the partnership list searches and paginates, keeping the search across pages", async ({
  page,
  createPartnerships,
  expectAxeClean,
}) => {
  const tag = `Sidtest ${unique()}`;
  await createPartnerships(Array.from({ length: 27 }, (_, i) => `${tag} ${String(i + 1).padStart(2, "0")}`));

  await page.goto("/admin/partnerships");
  await search(page, tag);
  const pages = page.getByRole("navigation", { name: "Sidor" });
  await expect(pages).toContainText("Visar 1–25 av 27");
  await expect(pages).toContainText("Sida 1 av 2");
  await expect(bodyRows(page)).toHaveCount(25);
  await expect(bodyRows(page).first()).toContainText(`${tag} 01`);
  await expect(pages.getByRole("link", { name: "Föregående sida" })).toHaveCount(0);
  await expectAxeClean(page);

  await pages.getByRole("link", { name: "Nästa sida" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(pages).toContainText("Visar 26–27 av 27");
  await expect(pages).toContainText("Sida 2 av 2");
  await expect(bodyRows(page)).toHaveCount(2);
  await expect(bodyRows(page).first()).toContainText(`${tag} 26`);
  await expect(searchBox(page)).toHaveValue(tag);
  await expect(pages.getByRole("link", { name: "Nästa sida" })).toHaveCount(0);
  await expectAxeClean(page);

  await pages.getByRole("link", { name: "Föregående sida" }).click();
  await expect(pages).toContainText("Visar 1–25 av 27");
  await expect(bodyRows(page).first()).toContainText(`${tag} 01`);
  await expectAxeClean(page);

  await page.getByRole("link", { name: "Rensa sökning" }).click();
  await expect(page).toHaveURL(/\/admin\/partnerships\?$|\/admin\/partnerships$/);
  await expect(page.getByRole("link", { name: "Samordningsförbundet Sjöstad" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Rensa sökning" })).toHaveCount(0);
  await expectAxeClean(page);
});

test("the organisation list search finds Vuxenutbildningen and says when nothing matches", async ({
  page,
  expectAxeClean,
}) => {
  await page.goto("/admin/organisations");
  await search(page, "vuxenutbildningen");
  await expect(bodyRows(page)).toHaveCount(1);
  const row = bodyRows(page).first();
  await expect(row.getByRole("link", { name: "Sjöstads kommun – Vuxenutbildningen" })).toBeVisible();
  await expect(row).toContainText("Vuxenutbildning");
  await expect(row).toContainText("Samordningsförbundet Sjöstad");
  await expectAxeClean(page);

  await search(page, "finns-inte-xyz");
  await expect(page.getByText("Inget matchar sökningen ”finns-inte-xyz”.")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await expectAxeClean(page);

  // Wildcards are searched as text, not as patterns.
  await search(page, "%");
  await expect(page.getByText("Inget matchar sökningen ”%”.")).toBeVisible();
  await expectAxeClean(page);
});

test("the user list searches by name and filters by organisation", async ({ page, expectAxeClean }) => {
  await page.goto("/admin/users");
  await search(page, "Anna");
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(bodyRows(page).first().getByRole("link", { name: "Anna Handläggare" })).toBeVisible();
  await expect(bodyRows(page).first()).toContainText("anna.handlaggare@demo.samsyn.se");
  await expect(bodyRows(page).first()).toContainText("Handläggare");
  await expectAxeClean(page);

  await searchBox(page).fill("");
  await page
    .getByLabel("Organisation", { exact: true })
    .selectOption({ label: "Sjöstads kommun – Arbetsmarknadsenheten" });
  await page.getByRole("search").getByRole("button", { name: "Sök" }).click();
  await expect(page).toHaveURL(/organisationId=/);
  // Omar and the demo's generated staff of that organisation; nobody from elsewhere.
  await expect(bodyRows(page).getByRole("link", { name: "Omar Coach" })).toBeVisible();
  for (const row of await bodyRows(page).all())
    await expect(row).toContainText("Sjöstads kommun – Arbetsmarknadsenheten");
  await expect(bodyRows(page).getByRole("link", { name: "Anna Handläggare" })).toHaveCount(0);
  await expect(page.getByLabel("Organisation", { exact: true }).locator("option:checked")).toHaveText(
    "Sjöstads kommun – Arbetsmarknadsenheten",
  );
  await expectAxeClean(page);
});

test("admin resets a password: the user gets a link the admin never sees, chooses a new password and signs in", async ({
  page,
  db,
  newContext,
  createUser,
  expectAxeClean,
}) => {
  const user = await createUser();
  await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
  await page.getByRole("link", { name: user.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: user.name })).toBeVisible();
  const passwordSection = page.getByRole("region", { name: "Lösenord" });
  await expect(passwordSection).toContainText("Du ser aldrig lösenordet.");
  await expectAxeClean(page);

  await passwordSection.getByRole("button", { name: "Skicka länk för nytt lösenord" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "En länk för att välja nytt lösenord har skickats till användarens e-postadress.",
  );
  await expect(page.getByTestId("one-time-password")).toHaveCount(0);
  await expectAxeClean(page);

  // The admin's outbox lists the e-mail but keeps the link to the recipient.
  const link = await linkMailedTo(db, user.email);
  const token = new URL(link).searchParams.get("token")!;
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Utgående e-post" }).click();
  const row = page.getByRole("row").filter({ hasText: user.email }).first();
  await row.getByText("Välj nytt lösenord i Samsyn").click();
  await expect(row).toContainText("Innehållet visas inte");
  expect(await page.content()).not.toContain(token);
  await expectAxeClean(page);

  // The user opens the link from the e-mail in their own browser.
  const theirs = await (await newContext()).newPage();
  await theirs.goto(link);
  await expect(theirs).toHaveURL(/\/reset-password$/);
  await expect(theirs.getByRole("heading", { level: 1, name: "Välj nytt lösenord" })).toBeVisible();
  await expectAxeClean(theirs);

  // A password that is too short is explained, and nothing is saved.
  await theirs.getByLabel("Nytt lösenord").fill("kort");
  await theirs.getByLabel("Upprepa det nya lösenordet").fill("kort");
  await theirs.getByRole("button", { name: "Spara lösenordet" }).click();
  await expect(theirs.getByLabel("Nytt lösenord")).toHaveAttribute("aria-invalid", "true");
  await expect(theirs.getByText("Nytt lösenord måste vara minst 12 tecken.")).toBeVisible();
  await expectAxeClean(theirs);

  const password = `Ett nytt eget lösenord ${unique()}`;
  await theirs.getByLabel("Nytt lösenord").fill(password);
  await theirs.getByLabel("Upprepa det nya lösenordet").fill(password);
  await theirs.getByRole("button", { name: "Spara lösenordet" }).click();
  await expect(theirs).toHaveURL(/\/login$/);
  await expect(theirs.getByRole("status")).toHaveText("Lösenordet är sparat. Logga in med ditt nya lösenord.");

  // The old password no longer works; the new one does.
  await theirs.getByLabel("E-postadress").fill(user.email);
  await theirs.getByLabel("Lösenord").fill(user.password);
  await theirs.getByRole("button", { name: "Logga in" }).click();
  await expect(theirs.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord.");
  await theirs.getByLabel("Lösenord").fill(password);
  await theirs.getByRole("button", { name: "Logga in" }).click();
  await expect(theirs).toHaveURL(/\/start$/);
  await expectAxeClean(theirs);

  // The link is spent: a clear page in Swedish.
  await theirs.goto(link);
  await expect(theirs.getByRole("heading", { level: 1, name: "Länken fungerar inte längre" })).toBeVisible();
  await expect(theirs.getByText("Be din administratör att skicka en ny länk.")).toBeVisible();
  await expectAxeClean(theirs);
});
