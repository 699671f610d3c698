// Administration: partnerships, organisations and users; forms that explain
// mistakes in Swedish and keep what was typed; lists that search and paginate.
import type { Locator, Page } from "@playwright/test";
import { DEMO, expect, test, unique } from "./fixtures";

const nameField = (page: Page) => page.getByLabel(/^Namn/);
const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Sök" });
const bodyRows = (page: Page) => page.getByRole("table").getByRole("rowgroup").nth(1).getByRole("row");

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
  await page.getByRole("main").getByRole("link", { name: "Samordningsförbund" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Samordningsförbund" })).toBeVisible();
  await expectAxeClean(page);
  await page.getByRole("link", { name: "Nytt samordningsförbund" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nytt samordningsförbund" })).toBeVisible();
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

  await page
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name: "Samordningsförbund" })
    .click();
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
  const memberships = page.getByRole("group", { name: "Ingår i samordningsförbund" });
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
