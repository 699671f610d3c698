// Log review (issue 11 items 5 and 9, issue 12): the auditor reads the organisation's log in words,
// filters it without the identity number reaching a URL, and checks the chain.
import { expect, test } from "./fixtures";

const ERIK = "erik.granskare@demo.samsyn.se";

test("the auditor reviews the log in words and checks the chain", async ({ page, loginAs, expectAxeClean }) => {
  await loginAs(ERIK);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Loggkontroll" })).toBeVisible();
  const table = page.getByRole("table");
  await expect(table).toBeVisible();
  await expect(table.getByText("Granskade loggen").first()).toBeVisible();
  // Words, never codes such as plan.read or login.succeeded.
  expect(await table.innerText()).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/);
  await expectAxeClean(page);

  await page.getByLabel("Personens personnummer").fill("19800101-0000");
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page.getByText("Ange ett giltigt personnummer eller samordningsnummer (ÅÅÅÅMMDD-NNNN).")).toBeVisible();
  await expect(page.getByLabel("Personens personnummer")).toHaveValue("19800101-0000");
  expect(page.url()).not.toContain("19800101");
  await expectAxeClean(page);

  await page.getByRole("button", { name: "Kontrollera loggens kedja" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Loggen är hel" })).toBeVisible();
  await expectAxeClean(page);
});

test("the filter works without JavaScript", async ({ newContext, loginAs, expectAxeClean }) => {
  const context = await newContext({ javaScriptEnabled: false });
  await loginAs(ERIK, context);
  const page = await context.newPage();
  await page.goto("/audit");
  await page.getByLabel("Från och med").fill("2000-01-02");
  await page.getByLabel("Till och med").fill("2000-01-01");
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page.getByText("Till och med-datumet kan inte vara före från och med-datumet.")).toBeVisible();
  await expectAxeClean(page);
  await page.getByLabel("Till och med").fill("2000-01-03");
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page.getByText("Inga händelser matchar filtret.")).toBeVisible();
  await expect(page.getByLabel("Från och med")).toHaveValue("2000-01-02");
});
