// Every role's start page is a work queue: counts that link to the filtered lists, the most
// urgent first, and an empty queue that says what would appear there. Notifications name their
// case and date, and each user chooses what also comes by e-mail.
import { expect, test } from "./fixtures";

const KARIN = "karin.samordnare@demo.samsyn.se";
const PER = "per.kontakt@demo.samsyn.se";
const SARA = "sara.styrgrupp@demo.samsyn.se";
const ERIK = "erik.granskare@demo.samsyn.se";
const ADMIN = "admin@demo.samsyn.se";
const ANNA = "anna.handlaggare@demo.samsyn.se";
const GUN = "gun.chef@demo.samsyn.se";

test.describe("start page work queues", () => {
  test("the coordinator sees new cases and overdue answers, linking to the filtered inbox", async ({
    page,
    loginAs,
    expectAxeClean,
  }, testInfo) => {
    await loginAs(KARIN);
    await page.goto("/start");
    const queue = page.getByRole("region", { name: /Att göra som samordnare/ });
    await expect(queue).toBeVisible();
    const newCases = queue.getByRole("link", { name: /nya? ärenden? att ta emot/ });
    await expect(newCases).toBeVisible();
    await expect(queue.getByRole("link", { name: /försenade? svar från/ }).first()).toBeVisible();
    await expectAxeClean(page);
    await testInfo.attach("coordinator-start", {
      body: await page.screenshot({ fullPage: true }),
      contentType: "image/png",
    });
    await newCases.click();
    await expect(page).toHaveURL(/\/deviations\?.*status=submitted/);
  });

  test("the contact sees the cases to answer, overdue first", async ({ page, loginAs, expectAxeClean }, testInfo) => {
    await loginAs(PER);
    await page.goto("/start");
    const queue = page.getByRole("region", { name: "Ärenden att besvara" });
    const items = queue.getByRole("listitem");
    await expect(items.first()).toContainText(/Ärende \d+: skulle ha besvarats/);
    await expectAxeClean(page);
    await testInfo.attach("contact-start", {
      body: await page.screenshot({ fullPage: true }),
      contentType: "image/png",
    });
    await items.first().getByRole("link").click();
    await expect(page).toHaveURL(/\/deviations\/[^/?]+$/);
  });

  test("the steering member, the auditor and the admin each get their own queue", async ({
    page,
    loginAs,
    expectAxeClean,
  }) => {
    await loginAs(SARA);
    await page.goto("/start");
    await expect(page.getByRole("region", { name: /Nytt för styrgruppen/ })).toBeVisible();
    await expect(page.getByText("Det finns inget att visa här ännu")).toHaveCount(0);
    await expectAxeClean(page);

    await loginAs(ERIK);
    await page.goto("/start");
    const audit = page.getByRole("region", { name: "Logggranskning" });
    await expect(audit.getByRole("link", { name: "Granska loggen" })).toBeVisible();
    await audit.getByRole("button", { name: "Kontrollera att loggen är hel" }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expectAxeClean(page);

    await loginAs(ADMIN);
    await page.goto("/start");
    await expect(page.getByRole("region", { name: "Att åtgärda som administratör" })).toBeVisible();
    await expectAxeClean(page);
  });

  test("the manager's queue and the caseworker's, in Swedish and English", async ({
    page,
    loginAs,
    expectAxeClean,
  }) => {
    await loginAs(ANNA);
    await page.goto("/start");
    await expect(page.getByRole("region", { name: "Samtycken att förnya" })).toBeVisible();
    await expectAxeClean(page);

    await loginAs(GUN);
    await page.goto("/start");
    await expect(page.getByRole("region", { name: "Rutinavvikelser i din organisation" })).toBeVisible();
    await page.getByRole("button", { name: "In English" }).click();
    await expect(page.getByRole("region", { name: "Routine deviations in your organisation" })).toBeVisible();
    await expectAxeClean(page);
    await page.getByRole("button", { name: "På svenska" }).click();
    await expect(page.getByRole("region", { name: "Rutinavvikelser i din organisation" })).toBeVisible();
  });
});

test.describe("notifications", () => {
  test("name the case and are grouped by day; one can be marked read; e-mail is the user's choice", async ({
    page,
    loginAs,
    expectAxeClean,
  }, testInfo) => {
    await loginAs(KARIN);
    await page.goto("/notifications");
    await expect(page.getByRole("heading", { level: 1, name: "Aviseringar" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
    await expect(page.getByText(/Ärende \d+/).first()).toBeVisible();
    const unread = page.locator(".notification--unread");
    const before = await unread.count();
    if (before > 0) {
      await unread.first().getByRole("button", { name: "Markera som läst" }).click();
      await expect(page.locator(".notification--unread")).toHaveCount(before - 1);
    }
    await expectAxeClean(page);
    await testInfo.attach("notifications", {
      body: await page.screenshot({ fullPage: true }),
      contentType: "image/png",
    });

    await page.getByRole("link", { name: "Välj vad som kommer med e-post" }).click();
    const digest = page.getByLabel(/daglig sammanfattning/);
    await digest.check();
    await page.getByRole("button", { name: "Spara val" }).click();
    await expect(page.getByText("Dina val för e-post är sparade.")).toBeVisible();
    await expect(page.getByLabel(/daglig sammanfattning/)).toBeChecked();
    await expectAxeClean(page);
    await page.getByLabel(/daglig sammanfattning/).uncheck();
    await page.getByRole("button", { name: "Spara val" }).click();
  });
});
