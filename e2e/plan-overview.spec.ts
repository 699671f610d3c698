// The plan page as it is read every day: an overview first, one section's form at a time, a
// confirmation before anything is removed, and the page coming back to the section that changed.
import type { Page } from "@playwright/test";
import { expect, test, unique } from "./fixtures";

const ANNA = "anna.handlaggare@demo.samsyn.se";
const SANNA = "Sanna Exempelsson";

async function openFromList(page: Page, personName: string): Promise<void> {
  await page.goto("/plans");
  await page.getByRole("link", { name: personName, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`för ${personName}$`) })).toBeVisible();
}

test("Sanna's plan: the goal, who does what and the follow-ups fit in one and a half screens, with no form open", async ({
  page,
  loginAs,
  expectAxeClean,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await loginAs(ANNA);
  await openFromList(page, SANNA);
  const whoDoesWhat = page.getByRole("region", { name: "Vem gör vad" });
  // Actions grouped by the organisation responsible, with who and when.
  await expect(whoDoesWhat.getByRole("heading", { level: 3, name: "Arbetsförmedlingen Sjöstad" })).toBeVisible();
  await expect(whoDoesWhat).toContainText("Ansvarig: Lena Arbetsförmedlare");
  await expect(whoDoesWhat.getByText("Försenad")).toBeVisible();
  // Nothing to fill in until a section is opened.
  await expect(page.getByRole("textbox")).toHaveCount(0);
  const bottom = await page
    .getByRole("region", { name: "Uppföljningar" })
    .evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
  expect(bottom).toBeLessThanOrEqual(1.5 * 768);
  await expectAxeClean(page);
  const path = testInfo.outputPath("plan-overview-1366.png");
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach("plan overview 1366×768", { path, contentType: "image/png" });

  await page.setViewportSize({ width: 390, height: 844 });
  await expectAxeClean(page);
  const phone = testInfo.outputPath("plan-overview-390.png");
  await page.screenshot({ path: phone, fullPage: true });
  await testInfo.attach("plan overview 390×844", { path: phone, contentType: "image/png" });
});

test("removing a team member asks first and says what follows; after the save the team has focus", async ({
  page,
  loginAs,
  sharedPlan,
  expectAxeClean,
}) => {
  const planPath = await sharedPlan(`Teamsson ${unique()}`);
  await loginAs(ANNA);
  await page.goto(planPath);
  const team = page.getByRole("region", { name: "Team", exact: true });
  await expect(team.getByRole("button")).toHaveCount(0);

  await team.getByRole("link", { name: "Ändra teamet" }).click();
  await team.getByRole("link", { name: "Ta bort Lena Arbetsförmedlare" }).click();
  const confirmation = team.getByRole("group", { name: "Ta bort Lena Arbetsförmedlare ur teamet?" });
  await expect(confirmation).toContainText("förlorar åtkomsten till planen direkt");
  await expectAxeClean(page);

  // Cancelling keeps her.
  await confirmation.getByRole("link", { name: "Avbryt" }).click();
  await expect(confirmation).toHaveCount(0);
  await expect(team).toContainText("Lena Arbetsförmedlare");

  await team.getByRole("link", { name: "Ta bort Lena Arbetsförmedlare" }).click();
  await team.getByRole("button", { name: "Ja, ta bort ur teamet" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Teammedlemmen är borttagen." })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${planPath}#team$`));
  await expect(team).toBeFocused();
  await expect(team).not.toContainText("Lena Arbetsförmedlare");
  await expectAxeClean(page);
});

test("closing a plan is a step of its own that says what follows", async ({ page, loginAs, sharedPlan }) => {
  const planPath = await sharedPlan(`Avslutsson ${unique()}`);
  await loginAs(ANNA);
  await page.goto(planPath);
  const status = page.getByRole("region", { name: "Planens status" });
  await expect(status.getByRole("button", { name: "Avsluta planen" })).toHaveCount(0);
  await status.getByRole("link", { name: "Avsluta planen …" }).click();
  await expect(status).toContainText("När planen avslutas kan ingen längre ändra den");
  await status.getByRole("link", { name: "Avbryt" }).click();
  await expect(status.getByRole("button", { name: "Avsluta planen" })).toHaveCount(0);
});

test("without JavaScript, a section opens, saves and the page returns to it", async ({
  loginAs,
  newContext,
  sharedPlan,
  expectAxeClean,
}) => {
  const planPath = await sharedPlan(`Skriptlös ${unique()}`);
  const context = await newContext({ javaScriptEnabled: false });
  await loginAs(ANNA, context);
  const page = await context.newPage();
  await page.goto(planPath);
  await page.getByRole("link", { name: "Ändra mål och behov" }).click();
  const goal = `Jag vill börja studera svenska. (${unique()})`;
  await page.getByLabel("Personens mål, med egna ord").fill(goal);
  await page.getByRole("button", { name: "Spara planen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Planen är sparad." })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${planPath}#goal$`));
  await expect(page.getByRole("region", { name: "Mål och behov" })).toContainText(goal);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expectAxeClean(page);
});

test("in English, the overview and an opened section", async ({ page, loginAs, sharedPlan, expectAxeClean }) => {
  const planPath = await sharedPlan(`Engelsson ${unique()}`);
  // Omar, not Anna: the language is the user's, and other journeys read Anna's pages in Swedish.
  await loginAs("omar.coach@demo.samsyn.se");
  await page.goto(planPath);
  await page.getByRole("button", { name: "In English" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Who does what" })).toBeVisible();
  await page.getByRole("link", { name: "Change the team" }).click();
  await page.getByRole("link", { name: "Remove Lena Arbetsförmedlare" }).click();
  await expect(page.getByRole("group", { name: "Remove Lena Arbetsförmedlare from the team?" })).toContainText(
    "loses access to the plan at once",
  );
  await expectAxeClean(page);
  await page.getByRole("button", { name: "På svenska" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Vem gör vad" })).toBeVisible();
});
