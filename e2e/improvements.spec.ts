// The improvement register (docs/decisions/0025-improvement-register.md): the coordinator records
// an improvement from a case closed with an improvement agreed, the owner's contact marks it done,
// and the live term summary shows it with the trend of its category. Every page is scanned with
// axe and photographed at 1366×768, in Swedish and in English.
import type { Page, TestInfo } from "@playwright/test";
import { loadCurrentUser } from "../app/features/auth/auth.server";
import { closeCase, reportDeviation, triage } from "../app/features/deviations/deviations.server";
import { expect, test, unique } from "./fixtures";

const KARIN = "karin.samordnare@demo.samsyn.se";
const PER = "per.kontakt@demo.samsyn.se";
const ANNA = "anna.handlaggare@demo.samsyn.se";
const SJOSTAD = "Samordningsförbundet Sjöstad";
const VIEWPORT = { width: 1366, height: 768 };

function termKeyOf(date: Date): string {
  const [year, month] = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
  })
    .format(date)
    .split("-")
    .map(Number);
  return `${month <= 6 ? "VT" : "HT"}${year}`;
}

function isoDateInDays(days: number): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test("the coordinator records an improvement from a closed case, the owner marks it done, the summary shows it", async ({
  page,
  db,
  loginAs,
  newContext,
  expectAxeClean,
}, testInfo) => {
  test.slow();
  await page.setViewportSize(VIEWPORT);
  const tag = unique("e2e");
  const title = `Kontrollpunkt för beslut om arbetsträning ${tag}`;
  // A case closed with an improvement agreed, made through the app's own commands.
  const user = async (email: string) => {
    const row = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    return (await loadCurrentUser(db, row.id, "e2e"))!;
  };
  const [anna, karin] = [await user(ANNA), await user(KARIN)];
  const partnership = await db
    .selectFrom("partnerships")
    .select("id")
    .where("name", "=", SJOSTAD)
    .executeTakeFirstOrThrow();
  const reported = await reportDeviation(db, anna, {
    partnershipId: partnership.id,
    eventDate: isoDateInDays(-3),
    kind: "between_parties",
    category: "information_transfer",
    consequence: "delayed_measure",
    partyIds: [],
    description: "Beslut om arbetsträning nådde inte fram mellan parterna.",
    triedLocally: "",
    suggestedImprovement: "",
  });
  if (!reported.ok) throw new Error(reported.error);
  const caseId = reported.value.id;
  await triage(db, karin, caseId, {
    kind: "between_parties",
    category: "information_transfer",
    consequence: "delayed_measure",
    partyIds: [],
    summary: `Beslut nådde inte fram mellan parterna (${tag}).`,
  });
  const closed = await closeCase(db, karin, caseId, {
    outcome: "improvement_agreed",
    note: "Parterna inför en kontrollpunkt.",
  });
  if (!closed.ok) throw new Error(closed.error);
  const { number } = await db
    .selectFrom("deviations")
    .select("number")
    .where("id", "=", caseId)
    .executeTakeFirstOrThrow();

  // The coordinator finds the case among those to record from.
  await loginAs(KARIN);
  await page.goto("/improvements");
  await expect(page.getByRole("heading", { level: 1, name: "Förbättringsregister" })).toBeVisible();
  await expect(
    page.getByRole("row").filter({ hasText: "Rutin för att skicka studieintyg" }).getByText("Försenad"),
  ).toBeVisible();
  await screenshot(page, testInfo, "improvements-list-sv");
  await expectAxeClean(page);
  await page.getByRole("link", { name: `Registrera förbättring från avvikelse ${number}`, exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Registrera förbättring" })).toBeVisible();
  await expect(page.getByLabel("Vad ska göras")).toHaveValue(`Beslut nådde inte fram mellan parterna (${tag}).`);
  await expect(page.getByRole("checkbox", { name: "Informationsöverföring" })).toBeChecked();
  await screenshot(page, testInfo, "improvements-new-sv");
  await expectAxeClean(page);
  await page.getByLabel("Vad ska göras").fill(title);
  await page.getByLabel("Ägande part").selectOption({ label: "Arbetsförmedlingen Sjöstad" });
  await page.getByLabel("Kontaktperson hos ägaren").selectOption({ label: "Per Kontakt (Arbetsförmedlingen Sjöstad)" });
  await page.getByLabel("Klart senast").fill(isoDateInDays(60));
  await page.getByRole("button", { name: "Registrera förbättring" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Förbättringen är registrerad." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("link", { name: `Från avvikelse ${number}`, exact: true })).toBeVisible();

  // The owner's named contact marks it done.
  const perContext = await newContext();
  await perContext.clearCookies();
  const perPage = await perContext.newPage();
  await perPage.setViewportSize(VIEWPORT);
  await loginAs(PER, perContext);
  await perPage.goto("/improvements");
  await perPage.getByRole("link", { name: title }).click();
  await expect(perPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  // The owner does not see which case it came from.
  await expect(perPage.getByRole("link", { name: `Från avvikelse ${number}`, exact: true })).toHaveCount(0);
  await screenshot(perPage, testInfo, "improvements-item-sv");
  await expectAxeClean(perPage);
  await perPage.getByRole("radio", { name: "Genomförd" }).check();
  await perPage.getByLabel("Kommentar om läget").fill("Kontrollpunkten är införd hos båda parter.");
  await perPage.getByRole("button", { name: "Spara uppföljningen" }).click();
  await expect(perPage.getByRole("status").filter({ hasText: "Uppföljningen är sparad." })).toBeVisible();
  await expect(perPage.getByText("Genomförd", { exact: true }).first()).toBeVisible();
  await expectAxeClean(perPage);

  // The coordinator's live term summary shows it among the done, with its category's trend.
  await page.goto(`/reports/${partnership.id}/${termKeyOf(new Date())}`);
  const register = page.getByRole("region", { name: "Förbättringsregister" });
  await expect(register).toBeVisible();
  const done = register.getByRole("table").filter({ hasText: title });
  await expect(done).toContainText("Kategorier: Informationsöverföring.");
  await expect(done.getByRole("row")).toHaveCount(2);
  await register.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, "improvements-summary-sv");
  await expectAxeClean(page);
});

test("the register's pages and the summary's register in English", async ({
  page,
  db,
  loginAs,
  expectAxeClean,
}, testInfo) => {
  test.slow();
  const partnership = await db
    .selectFrom("partnerships")
    .select("id")
    .where("name", "=", SJOSTAD)
    .executeTakeFirstOrThrow();
  const enPage = page;
  await enPage.setViewportSize(VIEWPORT);
  await enPage.goto("/login");
  await enPage.getByRole("button", { name: "In English" }).click();
  await expect(enPage.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await loginAs(KARIN);
  await enPage.goto("/improvements");
  await expect(enPage.getByRole("heading", { level: 1, name: "Improvement register" })).toBeVisible();
  await screenshot(enPage, testInfo, "improvements-list-en");
  await expectAxeClean(enPage);
  await enPage.goto("/improvements/new");
  await expect(enPage.getByRole("heading", { level: 1, name: "Record an improvement" })).toBeVisible();
  await screenshot(enPage, testInfo, "improvements-new-en");
  await expectAxeClean(enPage);
  await enPage.goto("/improvements?status=overdue");
  await enPage.getByRole("link", { name: "Rutin för att skicka studieintyg direkt till Arbetsförmedlingen" }).click();
  await expect(enPage.getByRole("heading", { level: 2, name: "Follow up" })).toBeVisible();
  await screenshot(enPage, testInfo, "improvements-item-en");
  await expectAxeClean(enPage);
  await enPage.goto(`/reports/${partnership.id}/${termKeyOf(new Date())}`);
  const enRegister = enPage.getByRole("region", { name: "Improvement register" });
  await expect(enRegister.getByText("Done improvements and the trend since")).toBeVisible();
  await enRegister.scrollIntoViewIfNeeded();
  await screenshot(enPage, testInfo, "improvements-summary-en");
});
