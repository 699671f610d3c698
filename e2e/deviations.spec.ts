// The deviation log (issue 6): a caseworker reports, the coordinator triages and routes
// the case, the party's contact answers without seeing the reporter, the coordinator
// closes it and the reporter reads the closing note.
import type { BrowserContext, Page, TestInfo } from "@playwright/test";
import { expect, test, unique } from "./fixtures";

const ANNA = "anna.handlaggare@demo.samsyn.se";
const KARIN = "karin.samordnare@demo.samsyn.se";
const PER = "per.kontakt@demo.samsyn.se";

const AF = "Arbetsförmedlingen Sjöstad";
const SOC = "Sjöstads kommun – Socialtjänsten";

function flash(page: Page, text: string) {
  return page.getByRole("status").filter({ hasText: text });
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** The step the case is at, in the step indicator under its heading. */
function currentStep(page: Page) {
  return page.getByRole("list", { name: "Ärendets steg" }).locator('[aria-current="step"]');
}

async function pageFor(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

test("report → triage → route to Arbetsförmedlingen → answer → close → the reporter reads the closing note", async ({
  page,
  loginAs,
  newContext,
  expectAxeClean,
}, testInfo) => {
  // Five sign-ins and an axe scan of some fifteen pages: more than the default timeout on a busy machine.
  test.slow();
  const tag = unique("ref-");
  const identityNumber = "19121212-1212";
  const cleanDescription =
    `Arbetsförmedlingen avslutade personens program utan att meddela socialtjänsten. ` +
    `Försörjningsstödet kunde därför inte beräknas i tid och personen fick vänta. (${tag})`;
  const withIdentityNumber = `${cleanDescription} Gäller ${identityNumber}.`;
  const tried = "Vi ringde Arbetsförmedlingens funktionsbrevlåda men fick inget svar på en vecka.";
  const summary = `Avslutat program meddelades inte socialtjänsten; försörjningen försenades. (${tag})`;
  const answer = `Vi inför en rutin där socialtjänsten alltid får besked när ett program avslutas. (${tag})`;
  const closingNote = `Parterna har kommit överens om en gemensam rutin för besked vid avslutade program. (${tag})`;

  // 1. Anna reports. First with an identity number in the description: refused, nothing lost.
  await loginAs(ANNA);
  await page.goto("/deviations/mine");
  await expect(page.getByRole("heading", { level: 1, name: "Mina anmälningar" })).toBeVisible();
  await expectAxeClean(page);
  await page.getByRole("link", { name: "Anmäl avvikelse" }).click();
  await expect(page).toHaveURL(/\/deviations\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "Anmäl avvikelse" })).toBeVisible();
  await expectAxeClean(page);

  await expect(page.getByRole("combobox", { name: /^Samverkan/ })).toHaveValue(/.+/);
  await expect(page.getByRole("combobox", { name: /^Samverkan/ }).locator("option:checked")).toHaveText(
    "Samordningsförbundet Sjöstad",
  );
  await page.getByRole("radio", { name: "Mellan parter (Lex Heller)" }).check();
  const parties = page.getByRole("group", { name: "Berörda parter" });
  await parties.getByRole("checkbox", { name: AF }).check();
  await parties.getByRole("checkbox", { name: SOC }).check();
  await page.getByLabel(/^Kategori/).selectOption({ label: "Informationsöverföring" });
  await page.getByLabel(/^Konsekvens för personen/).selectOption({ label: "Stod utan försörjning" });
  const description = page.getByLabel(/^Vad hände/);
  await description.fill(withIdentityNumber);
  await page.getByLabel("Vad försökte ni lösa på plats").fill(tried);
  await page.getByRole("button", { name: "Skicka anmälan" }).click();

  await expect(page.getByText(`”${identityNumber}” liknar ett personnummer eller samordningsnummer.`)).toBeVisible();
  await expect(
    page.getByText("Avvikelser får inte innehålla personuppgifter. Ta bort det och försök igen."),
  ).toBeVisible();
  await expect(description).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/deviations\/new$/);
  await expect(description).toHaveValue(withIdentityNumber);
  await expect(page.getByLabel("Vad försökte ni lösa på plats")).toHaveValue(tried);
  await expect(page.getByRole("radio", { name: "Mellan parter (Lex Heller)" })).toBeChecked();
  await expect(parties.getByRole("checkbox", { name: AF })).toBeChecked();
  await expect(parties.getByRole("checkbox", { name: SOC })).toBeChecked();
  await expect(page.getByLabel(/^Kategori/).locator("option:checked")).toHaveText("Informationsöverföring");
  await expect(page.getByLabel(/^Konsekvens för personen/).locator("option:checked")).toHaveText(
    "Stod utan försörjning",
  );
  await expectAxeClean(page);
  await screenshot(page, testInfo, "1-report-refused-sv");

  // Then clean: the report is sent and Anna lands on her own reports.
  await description.fill(cleanDescription);
  await page.getByRole("button", { name: "Skicka anmälan" }).click();
  await expect(page).toHaveURL(/\/deviations\/mine$/);
  await expect(
    flash(page, "Tack! Anmälan är skickad till samordnaren. Du följer den under Mina anmälningar."),
  ).toBeVisible();
  const newest = page.getByRole("table").getByRole("row").nth(1);
  await expect(newest).toContainText("Samordningsförbundet Sjöstad");
  await expect(newest).toContainText("Informationsöverföring");
  await expect(newest).toContainText("Inskickad");
  const caseTitle = (await newest.getByRole("link").textContent())!.trim();
  expect(caseTitle).toMatch(/^Avvikelse \d+$/);
  await expectAxeClean(page);
  await newest.getByRole("link", { name: caseTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: caseTitle })).toBeVisible();
  await expect(page.getByText(cleanDescription)).toBeVisible();
  const caseUrl = new URL(page.url()).pathname;
  await expectAxeClean(page);

  // 2. Karin, the coordinator, finds it in her inbox, triages and routes it to Arbetsförmedlingen.
  const karin = await pageFor(await newContext());
  await loginAs(KARIN, karin.context());
  await karin.goto("/deviations");
  await expect(karin.getByRole("heading", { level: 2, name: "Inkorg – Samordningsförbundet Sjöstad" })).toBeVisible();
  await expectAxeClean(karin);
  await karin.getByLabel("Sök i text").fill(tag);
  await karin.getByRole("button", { name: "Filtrera" }).click();
  await expect(karin).toHaveURL(new RegExp(`q=${tag}`));
  const inbox = karin.getByRole("table");
  await expect(inbox.getByRole("row")).toHaveCount(2);
  await expect(inbox.getByRole("row").nth(1)).toContainText("Inskickad");
  await expectAxeClean(karin);
  await inbox.getByRole("link", { name: caseTitle }).click();
  await expect(karin).toHaveURL(new RegExp(`${caseUrl}$`));
  await expect(karin.getByRole("heading", { level: 1, name: caseTitle })).toBeVisible();
  const reporter = karin.getByRole("region", { name: "Anmälare", exact: true });
  await expect(reporter).toContainText(`Anna Handläggare, ${SOC} (Handläggare)`);
  // A new case: received, triage is the primary action, closing is not, and nothing can be published yet.
  await expect(currentStep(karin)).toHaveText(/Inkommen/);
  await expect(karin.getByRole("button", { name: "Spara granskning" })).toHaveClass(/button--primary/);
  await expect(karin.getByRole("button", { name: "Avsluta ärendet" })).toHaveClass(/button--secondary/);
  await expect(karin.getByRole("button", { name: "Publicera för styrgruppen" })).toHaveCount(0);
  await expect(karin.getByRole("button", { name: "Skicka till parterna" })).toHaveCount(0);
  await expect(karin.getByLabel(/^Eskaleringsnivå/)).toHaveCount(1);
  await expectAxeClean(karin);
  await screenshot(karin, testInfo, "2-coordinator-new-case-sv");

  const triage = karin.getByRole("region", { name: "Granska och kategorisera", exact: true });
  await triage.getByLabel(/^Avidentifierad sammanfattning/).fill(summary);
  await triage.getByRole("button", { name: "Spara granskning" }).click();
  await expect(flash(karin, "Granskningen är sparad.")).toBeVisible();
  await expect(currentStep(karin)).toHaveText(/Under beredning/);
  // In review: routing is the next step, and publishing waits for the answers.
  await expect(karin.getByRole("button", { name: "Skicka till parterna" })).toHaveClass(/button--primary/);
  await expect(karin.getByRole("button", { name: "Publicera för styrgruppen" })).toHaveCount(0);
  await expectAxeClean(karin);

  const route = karin.getByRole("region", { name: "Skicka till parterna", exact: true });
  const routeTo = route.getByRole("group", { name: "Skicka till" });
  await expect(routeTo.getByRole("checkbox", { name: AF })).toBeChecked();
  await routeTo.getByRole("checkbox", { name: SOC }).uncheck();
  await expect(route.getByLabel(/^Svar senast/)).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await route.getByRole("button", { name: "Skicka till parterna" }).click();
  await expect(flash(karin, "Ärendet är skickat till parterna.")).toBeVisible();
  await expect(currentStep(karin)).toHaveText(/Väntar på svar/);
  const answers = karin.getByRole("region", { name: "Parternas svar", exact: true });
  await expect(answers.getByRole("listitem").filter({ hasText: AF })).toContainText("Väntar på svar, senast");
  await expect(answers.getByRole("listitem").filter({ hasText: SOC })).toHaveCount(0);
  await expectAxeClean(karin);
  await screenshot(karin, testInfo, "2-coordinator-routed-sv");

  // 3. Per, the contact at Arbetsförmedlingen, answers. He sees the summary, never the reporter or the reporter's text.
  const per = await pageFor(await newContext());
  await loginAs(PER, per.context());
  await per.goto("/deviations");
  const routed = per.getByRole("region", { name: "Ärenden till min organisation", exact: true });
  await expect(routed.getByRole("row").filter({ hasText: caseTitle })).toContainText(summary);
  await expectAxeClean(per);
  await routed.getByRole("link", { name: caseTitle }).click();
  await expect(per.getByRole("heading", { level: 1, name: caseTitle })).toBeVisible();
  await expect(per.getByText(summary)).toBeVisible();
  await expect(per.getByText(cleanDescription)).toHaveCount(0);
  await expect(per.getByText(tried)).toHaveCount(0);
  await expect(per.getByRole("heading", { name: "Anmälare" })).toHaveCount(0);
  await expect(per.getByText("Anna Handläggare")).toHaveCount(0);
  await expect(per.getByText(SOC)).toHaveCount(1); // as a party concerned, never as the reporter's organisation
  await expect(per.getByRole("heading", { name: "Granska och kategorisera" })).toHaveCount(0);
  await expectAxeClean(per);
  await per.getByRole("textbox", { name: /^Svar/ }).fill(answer);
  await per.getByRole("button", { name: "Skicka svar" }).click();
  await expect(flash(per, "Svaret är sparat.")).toBeVisible();
  const perAnswers = per.getByRole("region", { name: "Parternas svar", exact: true });
  await expect(perAnswers.getByRole("listitem").filter({ hasText: answer })).toContainText(AF);
  await expect(perAnswers.getByRole("listitem").filter({ hasText: AF }).first()).toContainText("Svarade");
  await expect(per.getByText("Anna Handläggare")).toHaveCount(0);
  await expectAxeClean(per);
  await screenshot(per, testInfo, "3-contact-answered-sv");

  // 4. Karin reads the answer and closes the case with an outcome and a note to the reporter.
  await karin.reload();
  await expect(currentStep(karin)).toHaveText(/Besvarad/);
  // Answered: closing is the next step, and the case may now be published.
  await expect(karin.getByRole("button", { name: "Avsluta ärendet" })).toHaveClass(/button--primary/);
  await expect(karin.getByRole("button", { name: "Publicera för styrgruppen" })).toBeVisible();
  await expect(karin.getByLabel(/^Eskaleringsnivå/)).toHaveCount(1);
  await expect(karin.getByRole("region", { name: "Parternas svar", exact: true }).getByText(answer)).toBeVisible();
  const close = karin.getByRole("region", { name: "Avsluta ärendet", exact: true });
  await close.getByLabel(/^Utfall/).selectOption({ label: "Förbättring överenskommen" });
  await close.getByLabel(/^Avslutande kommentar till anmälaren/).fill(closingNote);
  await close.getByRole("button", { name: "Avsluta ärendet" }).click();
  await expect(flash(karin, "Ärendet är avslutat och anmälaren har fått besked.")).toBeVisible();
  await expect(currentStep(karin)).toHaveText(/Avslutad/);
  await expect(karin.getByRole("region", { name: "Besked", exact: true })).toContainText(closingNote);
  await expect(karin.getByRole("heading", { name: "Öppna ärendet igen" })).toBeVisible();
  await expectAxeClean(karin);

  // 5. Anna reads the outcome and the closing note under "Mina anmälningar".
  await page.goto("/deviations");
  await expect(page.getByRole("heading", { level: 1, name: "Avvikelser" })).toBeVisible();
  await expectAxeClean(page);
  await page.getByRole("link", { name: "Mina anmälningar" }).click();
  await expect(page).toHaveURL(/\/deviations\/mine$/);
  const mine = page.getByRole("row").filter({ has: page.getByRole("link", { name: caseTitle, exact: true }) });
  await expect(mine).toContainText("Avslutad – Förbättring överenskommen");
  await expectAxeClean(page);
  await mine.getByRole("link", { name: caseTitle }).click();
  const outcome = page.getByRole("region", { name: "Besked", exact: true });
  await expect(outcome).toContainText("Förbättring överenskommen");
  await expect(outcome).toContainText(closingNote);
  await expect(page.getByRole("region", { name: "Parternas svar", exact: true }).getByText(answer)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Avsluta ärendet" })).toHaveCount(0);
  await expectAxeClean(page);
  await screenshot(page, testInfo, "4-reporter-closed-sv");

  await page.getByRole("button", { name: "In English" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: caseTitle.replace("Avvikelse", "Deviation") }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Outcome", exact: true })).toContainText(closingNote);
  await expectAxeClean(page);
  await screenshot(page, testInfo, "5-reporter-closed-en");
  await page.getByRole("button", { name: "På svenska" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
});

test("a contact reads a placeholder, never the reporter's text, until the coordinator has written the summary", async ({
  page,
  loginAs,
  newContext,
  expectAxeClean,
}) => {
  test.slow();
  const tag = unique("raw-");
  const description = `Remissen mellan parterna kom aldrig fram och insatsen försenades. (${tag})`;

  // Karin reports a case herself, asks a question (so it is under review) and routes it without a summary.
  await loginAs(KARIN);
  await page.goto("/deviations/new");
  await page.getByRole("radio", { name: "Mellan parter (Lex Heller)" }).check();
  await page.getByLabel(/^Kategori/).selectOption({ label: "Informationsöverföring" });
  await page.getByLabel(/^Konsekvens för personen/).selectOption({ label: "Försenad insats" });
  await page.getByLabel(/^Vad hände/).fill(description);
  await page.getByRole("button", { name: "Skicka anmälan" }).click();
  await expect(page).toHaveURL(/\/deviations\/mine$/);
  const newest = page.getByRole("table").getByRole("row").nth(1);
  const caseTitle = (await newest.getByRole("link").textContent())!.trim();
  await newest.getByRole("link", { name: caseTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: caseTitle })).toBeVisible();
  const questions = page.getByRole("region", { name: "Frågor till anmälaren", exact: true });
  await questions.getByRole("textbox", { name: /^Fråga/ }).fill("Vilken vecka hände det?");
  await questions.getByRole("button", { name: "Skicka fråga" }).click();
  await expect(flash(page, "Frågan är skickad till anmälaren.")).toBeVisible();
  const route = page.getByRole("region", { name: "Skicka till parterna", exact: true });
  await route.getByRole("group", { name: "Skicka till" }).getByRole("checkbox", { name: AF }).check();
  await route.getByRole("button", { name: "Skicka till parterna" }).click();
  await expect(flash(page, "Ärendet är skickat till parterna.")).toBeVisible();

  // Per, the contact at Arbetsförmedlingen, reads the placeholder in his list and on the case.
  const per = await pageFor(await newContext());
  await loginAs(PER, per.context());
  await per.goto("/deviations");
  const routed = per.getByRole("region", { name: "Ärenden till min organisation", exact: true });
  await expect(
    routed.getByRole("row").filter({ has: per.getByRole("link", { name: caseTitle, exact: true }) }),
  ).toContainText("Samordnaren har inte skrivit någon sammanfattning ännu.");
  await routed.getByRole("link", { name: caseTitle, exact: true }).click();
  await expect(per.getByRole("heading", { level: 1, name: caseTitle })).toBeVisible();
  await expect(per.getByText("Samordnaren har inte skrivit någon sammanfattning ännu.")).toBeVisible();
  await expect(per.getByText(description)).toHaveCount(0);
  await expect(per.getByRole("heading", { name: "Vad hände" })).toHaveCount(0);
  await expectAxeClean(per);
});
