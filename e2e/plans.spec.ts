// Joint plans (issue 4): two people saving the same plan, who may open which plan,
// how the plan page and "Min plan" look in both languages, a new plan from the form,
// and the plan page's forms without JavaScript.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test, unique } from "./fixtures";

const ANNA = "anna.handlaggare@demo.samsyn.se";
const OMAR = "omar.coach@demo.samsyn.se";
const LENA = "lena.af@demo.samsyn.se";
const ERIK = "erik.granskare@demo.samsyn.se";

const SANNA = "Sanna Exempelsson";
const MIKAEL = "Mikael Provsson";
const FATIMA = "Fatima Testdotter";

const GOAL = "Personens mål, med egna ord";

/** A valid personnummer (YYYYMMDD-NNNN, Luhn check digit) that no other test uses. */
function freshIdentityNumber(): string {
  const pick = (n: number) => Math.floor(Math.random() * n);
  const year = 1940 + pick(60);
  const month = String(1 + pick(12)).padStart(2, "0");
  const day = String(1 + pick(28)).padStart(2, "0");
  const birthNumber = String(100 + pick(900));
  const nine = `${String(year).slice(2)}${month}${day}${birthNumber}`;
  const sum = [...nine].reduce((acc, ch, i) => {
    const v = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  return `${year}${month}${day}-${birthNumber}${(10 - (sum % 10)) % 10}`;
}

/** The ways an identity number could be spelled in a URL. */
function identityNumberForms(identityNumber: string): string[] {
  const digits = identityNumber.replace(/\D/g, "");
  return [identityNumber, digits, digits.slice(2), `${digits.slice(2, 8)}-${digits.slice(8)}`];
}

/** The caseworker's list "Mina planer", checked with axe. */
async function openMyPlans(page: Page, axe: (page: Page) => Promise<void>): Promise<void> {
  await page.goto("/plans");
  await expect(page.getByRole("heading", { level: 1, name: "Mina planer" })).toBeVisible();
  await axe(page);
}

/** Opens a plan from the caseworker's list "Mina planer" and returns its path. */
async function openPlanFromList(page: Page, personName: string, axe: (page: Page) => Promise<void>): Promise<string> {
  await openMyPlans(page, axe);
  await page.getByRole("link", { name: personName, exact: true }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: new RegExp(`^(GIP|SIP) för ${personName}$`) }),
  ).toBeVisible();
  return new URL(page.url()).pathname;
}

/** The goal as the overview shows it. */
function goalCard(page: Page) {
  return page.getByRole("region", { name: "Mål och behov", exact: true });
}

function flash(page: Page, text: string) {
  return page.getByRole("status").filter({ hasText: text });
}

test("two people save the same plan: the second sees the conflict, loses nothing and can save deliberately", async ({
  page,
  loginAs,
  newContext,
  sharedPlan,
  expectAxeClean,
}) => {
  // Several sign-ins and an axe scan of every page: more than the default timeout on a busy machine.
  test.slow();
  const tag = unique();
  // A plan of its own: another journey saving Sanna's plan in between would be a third version.
  const person = `Konflikt Testsson ${tag}`;
  await sharedPlan(person);
  const annasGoal = `Jag vill arbeta inom handel, gärna på heltid. (${tag}-A)`;
  const omarsGoal = `Jag vill först klara arbetsträningen fem dagar i veckan. (${tag}-O)`;

  // Anna in this browser, Omar in another; both open the plan from their lists.
  await loginAs(ANNA);
  const planPath = await openPlanFromList(page, person, expectAxeClean);
  const omarContext = await newContext();
  await loginAs(OMAR, omarContext);
  const omar = await omarContext.newPage();
  expect(await openPlanFromList(omar, person, expectAxeClean)).toBe(planPath);
  // Both open the goal for editing.
  for (const p of [page, omar]) await p.getByRole("link", { name: "Ändra mål och behov" }).click();
  await expectAxeClean(omar);

  // Anna saves first, and is back at the goal in the overview.
  await page.getByLabel(GOAL).fill(annasGoal);
  await page.getByRole("button", { name: "Spara planen" }).click();
  await expect(flash(page, "Planen är sparad.")).toBeVisible();
  await expect(goalCard(page)).toContainText(annasGoal);
  await expect(goalCard(page)).toBeFocused();
  await expectAxeClean(page);

  // Omar, still on the page as it was, saves a different goal.
  await omar.getByLabel(GOAL).fill(omarsGoal);
  await omar.getByRole("button", { name: "Spara planen" }).click();

  const conflict = omar
    .getByRole("alert")
    .filter({ has: omar.getByRole("heading", { name: "Planen har ändrats av någon annan" }) });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("Anna Handläggare sparade planen");
  await expect(conflict.getByRole("columnheader")).toHaveText(["", "Sparad version", "Din version"]);
  const goalRow = conflict.getByRole("row").filter({ has: omar.getByRole("rowheader", { name: "Mål", exact: true }) });
  await expect(goalRow.getByRole("cell")).toHaveText([annasGoal, omarsGoal]);
  // Nothing is lost: his text is still in the form, and nothing was saved behind his back.
  await expect(omar.getByLabel(GOAL)).toHaveValue(omarsGoal);
  await expect(flash(omar, "Planen är sparad.")).toHaveCount(0);
  await expect(omar.getByRole("link", { name: "Behåll den sparade versionen" })).toBeVisible();
  await expectAxeClean(omar);

  // He saves his version on purpose.
  await omar.getByRole("button", { name: "Spara min version" }).click();
  await expect(flash(omar, "Planen är sparad.")).toBeVisible();
  await expect(omar.getByRole("heading", { name: "Planen har ändrats av någon annan" })).toHaveCount(0);
  await expect(goalCard(omar)).toContainText(omarsGoal);
  await expectAxeClean(omar);

  // Anna sees his goal on her next load, and both saves are in the plan's history.
  await page.reload();
  await expect(goalCard(page)).toContainText(omarsGoal);
  await page.getByRole("link", { name: "Visa planens historik" }).click();
  const history = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Händelse" }) });
  await expect(
    history
      .getByRole("row")
      .filter({ hasText: `Mål: ${annasGoal}` })
      .filter({ hasText: "Anna Handläggare" })
      .first(),
  ).toBeVisible();
  await expect(
    history
      .getByRole("row")
      .filter({ hasText: `Mål: ${omarsGoal}` })
      .filter({ hasText: "Omar Coach" })
      .first(),
  ).toBeVisible();
  await expectAxeClean(page);
});

test("plans are visible only to the team under consent; everyone else gets 404", async ({
  page,
  loginAs,
  newContext,
  expectAxeClean,
}) => {
  // Several sign-ins and an axe scan of every page: more than the default timeout on a busy machine.
  test.slow();
  // Anna leads Mikael's plan; take its address from her list.
  await loginAs(ANNA);
  await openMyPlans(page, expectAxeClean);
  const mikaelsPlan = await page.getByRole("link", { name: MIKAEL, exact: true }).getAttribute("href");
  const sannasPlan = await page.getByRole("link", { name: SANNA, exact: true }).getAttribute("href");
  expect(mikaelsPlan).toMatch(/^\/plans\/[^/]+$/);
  expect(sannasPlan).toMatch(/^\/plans\/[^/]+$/);

  // Lena (Arbetsförmedlingen) is on all three teams, but the consent for Mikael's plan is withdrawn.
  const lenaContext = await newContext();
  await loginAs(LENA, lenaContext);
  const lena = await lenaContext.newPage();
  await lena.goto("/plans");
  const list = lena.getByRole("table");
  await expect(list.getByRole("link", { name: SANNA, exact: true })).toBeVisible();
  await expect(list.getByRole("link", { name: FATIMA, exact: true })).toBeVisible();
  await expect(lena.getByText(MIKAEL)).toHaveCount(0);
  await expectAxeClean(lena);

  // Not even the search finds him.
  await lena.getByRole("searchbox", { name: "Sök på namn eller personnummer" }).fill("Provsson");
  await lena.getByRole("button", { name: "Sök", exact: true }).click();
  await expect(lena.getByText("Ingen av dina planer matchar sökningen.")).toBeVisible();
  await expect(lena.getByText(MIKAEL)).toHaveCount(0);
  await expectAxeClean(lena);

  for (const path of [mikaelsPlan!, `${mikaelsPlan}/my-plan`]) {
    const response = await lena.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(lena.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
    await expect(lena.getByText(MIKAEL)).toHaveCount(0);
    await expectAxeClean(lena);
  }
  // Her own access to Sanna's plan is unaffected.
  expect((await lena.goto(sannasPlan!))?.status()).toBe(200);
  await expect(lena.getByRole("heading", { level: 1, name: `GIP för ${SANNA}` })).toBeVisible();
  await expectAxeClean(lena);

  // The auditor has no plan access through the role.
  const erikContext = await newContext();
  await loginAs(ERIK, erikContext);
  const erik = await erikContext.newPage();
  for (const path of [sannasPlan!, `${sannasPlan}/my-plan`]) {
    const response = await erik.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(erik.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
    await expect(erik.getByText(SANNA)).toHaveCount(0);
    await expectAxeClean(erik);
  }
});

test("the plan page and “Min plan” in Swedish and English", async ({ page, loginAs, expectAxeClean }, testInfo) => {
  // Several sign-ins and an axe scan of every page: more than the default timeout on a busy machine.
  test.slow();
  const shot = async (name: string) => {
    const path = testInfo.outputPath(`${name}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(name, { path, contentType: "image/png" });
  };

  await loginAs(ANNA);
  const planPath = await openPlanFromList(page, SANNA, expectAxeClean);
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  for (const heading of [
    "Mål och behov",
    "Vem gör vad",
    "Möten",
    "Uppföljningar",
    "Anteckningar",
    "Planens status",
    "Personuppgifter",
    "Team",
    "Samtycke",
  ]) {
    await expect(page.getByRole("heading", { level: 2, name: heading, exact: true }), heading).toBeVisible();
  }
  await expect(page.getByText("Matchning mot lediga jobb inom handel", { exact: true })).toBeVisible();
  await expect(
    page.getByText("Övergripande ansvar: Anna Handläggare, Sjöstads kommun – Socialtjänsten · Nästa uppföljning:"),
  ).toBeVisible();
  await expectAxeClean(page);
  await shot("plan-sv");

  await page.getByRole("link", { name: "Skriv ut ”Min plan”" }).click();
  await expect(page).toHaveURL(new RegExp(`${planPath}/my-plan$`));
  await expect(page.getByRole("heading", { level: 1, name: `Min plan – ${SANNA}` })).toBeVisible();
  for (const heading of [
    "Ditt mål",
    "Det här gör jag själv",
    "Vem gör vad",
    "Nästa uppföljning",
    "Dina kontaktpersoner",
  ]) {
    await expect(page.getByRole("heading", { level: 2, name: heading }), heading).toBeVisible();
  }
  await expect(
    page.getByText("Den som håller ihop din plan är Anna Handläggare, Sjöstads kommun – Socialtjänsten."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Skriv ut" })).toBeVisible();
  await expectAxeClean(page);
  await shot("my-plan-sv");

  // Printed, "Min plan" drops the app's chrome.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("link", { name: "Tillbaka till planen" })).toBeHidden();
  await shot("my-plan-sv-print");
  // Handed over on one A4 page.
  const pdfPath = testInfo.outputPath("my-plan.pdf");
  writeFileSync(pdfPath, await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true }));
  await testInfo.attach("my plan printed", { path: pdfPath, contentType: "application/pdf" });
  expect(execFileSync("pdfinfo", [pdfPath], { encoding: "utf8" })).toMatch(/^Pages:\s+1$/m);
  await page.emulateMedia({ media: "screen" });

  await page.getByRole("button", { name: "In English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: `My plan – ${SANNA}` })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Who does what" })).toBeVisible();
  await expectAxeClean(page);
  await shot("my-plan-en");

  await page.getByRole("link", { name: "Back to the plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `GIP for ${SANNA}` })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Who does what" })).toBeVisible();
  await expectAxeClean(page);
  await shot("plan-en");
  await page.getByRole("link", { name: "Edit goal and needs" }).click();
  await expect(page.getByLabel("The person's goal, in their own words")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save the plan" })).toBeVisible();
  await expectAxeClean(page);
  await shot("plan-edit-goal-en");

  await page.getByRole("button", { name: "På svenska" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 1, name: `GIP för ${SANNA}` })).toBeVisible();
  await expectAxeClean(page);
});

test("a new GIP: an invalid identity number is refused in Swedish with the values kept; a valid one opens the plan", async ({
  page,
  loginAs,
  expectAxeClean,
}) => {
  const name = `Tove Testsson ${unique()}`;
  const goal = "Jag vill gå klart gymnasiet på Komvux.";
  const identityNumber = freshIdentityNumber();
  const wrongCheckDigit = `${identityNumber.slice(0, -1)}${(Number(identityNumber.slice(-1)) + 1) % 10}`;
  const visited: string[] = [];
  page.on("request", (request) => visited.push(request.url()));

  await loginAs(ANNA);
  await openMyPlans(page, expectAxeClean);
  await page.getByRole("link", { name: "Ny plan" }).click();
  await expect(page).toHaveURL(/\/plans\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "Ny plan" })).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole("radio", { name: "GIP – gemensam individuell plan" }).check();
  const idField = page.getByLabel("Personnummer eller samordningsnummer");
  await idField.fill(wrongCheckDigit);
  await page.getByLabel(/^Namn/).fill(name);
  await page.getByLabel(GOAL).fill(goal);
  await page.getByRole("button", { name: "Ny plan" }).click();

  const message = "Personnumret är inte giltigt. Kontrollera datum och kontrollsiffra (ÅÅÅÅMMDD-NNNN).";
  await expect(page.getByText(message)).toBeVisible();
  await expect(idField).toHaveAttribute("aria-invalid", "true");
  await expect(idField).toHaveAccessibleDescription(new RegExp(message.replace(/[().]/g, "\\$&")));
  await expect(page).toHaveURL(/\/plans\/new$/);
  await expect(idField).toHaveValue(wrongCheckDigit);
  await expect(page.getByLabel(/^Namn/)).toHaveValue(name);
  await expect(page.getByLabel(GOAL)).toHaveValue(goal);
  await expect(page.getByRole("radio", { name: "GIP – gemensam individuell plan" })).toBeChecked();
  await expectAxeClean(page);

  await idField.fill(identityNumber);
  await page.getByRole("button", { name: "Ny plan" }).click();

  await expect(page).toHaveURL((url) => /^\/plans\/(?!new$)[^/]+$/.test(url.pathname));
  await expect(page.getByRole("heading", { level: 1, name: `GIP för ${name}` })).toBeVisible();
  await expect(flash(page, "Planen är skapad. Lägg till teamet och dokumentera samtycket.")).toBeVisible();
  await expect(page.getByText("Utkast", { exact: true }).first()).toBeVisible();
  await expect(goalCard(page)).toContainText(goal);
  await expect(page.getByText(identityNumber)).toBeVisible();
  await expectAxeClean(page);

  // The new plan is in Anna's list.
  await page.goto("/plans");
  await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  await expectAxeClean(page);

  for (const url of visited) {
    for (const form of identityNumberForms(identityNumber).concat(identityNumberForms(wrongCheckDigit))) {
      expect(url, "no identity number in any URL").not.toContain(form);
    }
  }
});

test("without JavaScript, a caseworker creates a plan and adds a note to it", async ({
  loginAs,
  newContext,
  expectAxeClean,
}) => {
  const context = await newContext({ javaScriptEnabled: false });
  await loginAs(ANNA, context);
  const page = await context.newPage();
  const name = `Nils Utanskript ${unique()}`;
  const note = `Ringde personen och bokade ett första möte. (${unique()})`;

  await page.goto("/plans/new");
  await expect(page.getByRole("heading", { level: 1, name: "Ny plan" })).toBeVisible();
  await expectAxeClean(page);
  await page.getByLabel("Personnummer eller samordningsnummer").fill(freshIdentityNumber());
  await page.getByLabel(/^Namn/).fill(name);
  await page.getByRole("button", { name: "Ny plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `GIP för ${name}` })).toBeVisible();
  await expect(page.getByText("Inga anteckningar ännu.")).toBeVisible();
  await expectAxeClean(page);

  // An empty note is refused by the server, with the reason.
  await page.getByRole("link", { name: "Skriv en anteckning" }).click();
  const noteField = page.getByRole("textbox", { name: /^Anteckning/ });
  await noteField.evaluate((el) => el.removeAttribute("required"));
  await page.getByRole("button", { name: "Spara anteckning" }).click();
  await expect(noteField).toHaveAttribute("aria-invalid", "true");
  await expectAxeClean(page);

  await noteField.fill(note);
  await page.getByRole("button", { name: "Spara anteckning" }).click();
  await expect(flash(page, "Anteckningen är sparad.")).toBeVisible();
  const notes = page.getByRole("region", { name: "Anteckningar", exact: true });
  await expect(page).toHaveURL(/#notes$/);
  await expect(notes.getByText(note)).toBeVisible();
  await expect(notes.getByText("Anna Handläggare")).toBeVisible();
  await expect(page.getByText("Inga anteckningar ännu.")).toHaveCount(0);
  await expectAxeClean(page);
});
