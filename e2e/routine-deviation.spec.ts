// A routine deviation (issue 17, item 1): a caseworker reports that an own routine was not
// followed; it goes to the managers of her own organisation, not to the partnership's
// coordinator. The manager handles and closes it, the reporter reads the outcome, and the
// coordinator finds nothing (404).
import type { BrowserContext, Page, TestInfo } from "@playwright/test";
import { expect, test, unique } from "./fixtures";

const ANNA = "anna.handlaggare@demo.samsyn.se";
const MATS = "mats.chef@demo.samsyn.se";
const KARIN = "karin.samordnare@demo.samsyn.se";

function flash(page: Page, text: string) {
  return page.getByRole("status").filter({ hasText: text });
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

async function pageFor(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

test("routine deviation: reported → handled and closed by the own manager → the reporter reads the outcome → the coordinator gets 404", async ({
  page,
  loginAs,
  newContext,
  expectAxeClean,
}, testInfo) => {
  test.slow();
  const tag = unique("rut-");
  const description = `GIP erbjöds inte trots att personen hade insatser från tre parter. (${tag})`;
  const summary = `GIP erbjöds inte vid nybesök. (${tag})`;
  const closingNote = `Rutinen för GIP är genomgången med gruppen och läggs in i nybesöksmallen. (${tag})`;

  // 1. Anna reports that her own organisation's routine was not followed.
  await loginAs(ANNA);
  await page.goto("/deviations/new");
  await page.getByRole("radio", { name: "Egen rutin följdes inte" }).check();
  await expect(page.getByLabel(/^Vems rutin följdes inte/).locator("option:checked")).toHaveText(
    "Min egen organisation",
  );
  await page.getByLabel(/^Kategori/).selectOption({ label: "Otydligt ansvar" });
  await page.getByLabel(/^Konsekvens för personen/).selectOption({ label: "Försenad insats" });
  await page.getByLabel(/^Vad hände/).fill(description);
  await expectAxeClean(page);
  await screenshot(page, testInfo, "1-report-routine-sv");
  await page.getByRole("button", { name: "Skicka anmälan" }).click();
  await expect(page).toHaveURL(/\/deviations\/mine$/);
  await expect(
    flash(page, "Anmälan är skickad till cheferna i den organisation vars rutin inte följdes"),
  ).toBeVisible();
  const newest = page.getByRole("table").getByRole("row").nth(1);
  const caseTitle = (await newest.getByRole("link").textContent())!.trim();
  await newest.getByRole("link", { name: caseTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: caseTitle })).toBeVisible();
  const caseUrl = new URL(page.url()).pathname;

  // 2. Mats, the manager at Sjöstads socialtjänst, finds it in his list and sees who reported it.
  const mats = await pageFor(await newContext());
  await loginAs(MATS, mats.context());
  await mats.goto("/deviations");
  const list = mats.getByRole("region", { name: "Rutinavvikelser i din organisation", exact: true });
  await expect(list.getByRole("row").filter({ hasText: caseTitle })).toContainText(description);
  await expectAxeClean(mats);
  await screenshot(mats, testInfo, "2-manager-list-sv");
  await list.getByRole("link", { name: caseTitle, exact: true }).click();
  await expect(mats.getByRole("heading", { level: 1, name: caseTitle })).toBeVisible();
  await expect(mats.getByText(description)).toBeVisible();
  await expect(mats.getByRole("region", { name: "Anmälare", exact: true })).toContainText("Anna Handläggare");
  // What belongs to the partnership is not on a manager's page.
  await expect(mats.getByRole("heading", { name: "Skicka till parterna" })).toHaveCount(0);
  await expect(mats.getByRole("heading", { name: "Styrgruppens dagordning" })).toHaveCount(0);
  await expectAxeClean(mats);

  const handling = mats.getByRole("region", { name: "Chefens hantering", exact: true });
  await handling.getByLabel(/^Avidentifierad sammanfattning/).fill(summary);
  await handling.getByRole("button", { name: "Spara granskning" }).click();
  await expect(flash(mats, "Granskningen är sparad.")).toBeVisible();
  await expect(mats.getByRole("list", { name: "Ärendets steg" }).locator('[aria-current="step"]')).toHaveText(
    /Under beredning/,
  );

  const close = mats.getByRole("region", { name: "Avsluta ärendet", exact: true });
  await close.getByLabel(/^Utfall/).selectOption({ label: "Löst lokalt" });
  await close.getByLabel(/^Avslutande kommentar till anmälaren/).fill(closingNote);
  await close.getByRole("button", { name: "Avsluta ärendet" }).click();
  await expect(flash(mats, "Ärendet är avslutat och anmälaren har fått besked.")).toBeVisible();
  await expect(mats.getByRole("region", { name: "Besked", exact: true })).toContainText(closingNote);
  await expectAxeClean(mats);
  await screenshot(mats, testInfo, "3-manager-closed-sv");
  await mats.getByRole("button", { name: "In English" }).click();
  await expect(mats.getByRole("region", { name: "The manager's handling", exact: true })).toHaveCount(0);
  await expect(mats.getByRole("region", { name: "Outcome", exact: true })).toContainText(closingNote);
  await expectAxeClean(mats);
  await screenshot(mats, testInfo, "4-manager-closed-en");
  await mats.goto("/deviations");
  await expect(
    mats.getByRole("region", { name: "Routine deviations in your organisation", exact: true }),
  ).toBeVisible();
  await expectAxeClean(mats);
  await screenshot(mats, testInfo, "5-manager-list-en");
  await mats.getByRole("button", { name: "På svenska" }).click();

  // 3. Anna reads the outcome.
  await page.goto("/deviations/mine");
  const mine = page.getByRole("row").filter({ has: page.getByRole("link", { name: caseTitle, exact: true }) });
  await expect(mine).toContainText("Avslutad – Löst lokalt");
  await mine.getByRole("link", { name: caseTitle, exact: true }).click();
  await expect(page.getByRole("region", { name: "Besked", exact: true })).toContainText(closingNote);
  await expectAxeClean(page);
  await screenshot(page, testInfo, "6-reporter-outcome-sv");

  // 4. Karin, the partnership's coordinator, never sees the case: not in her inbox, 404 on its page.
  const karin = await pageFor(await newContext());
  await loginAs(KARIN, karin.context());
  await karin.goto(`/deviations?q=${tag}`);
  await expect(karin.getByRole("link", { name: caseTitle, exact: true })).toHaveCount(0);
  const response = await karin.goto(caseUrl);
  expect(response?.status()).toBe(404);
  await expect(karin.getByText(description)).toHaveCount(0);
  await expectAxeClean(karin);
});
