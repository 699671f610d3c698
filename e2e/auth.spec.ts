// Signing in and out, where people land, who may see admin pages, one-time
// passwords, disabling users, the session cookie and the no-JavaScript path.
import type { Page } from "@playwright/test";
import { DEMO, expect, test, unique } from "./fixtures";

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
}

test("admin signs in through the form, lands on /admin and signs out again", async ({ page, expectAxeClean }) => {
  await page.goto("/login");
  await expectAxeClean(page);
  await signIn(page, DEMO.admin, DEMO.password);

  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: /Alva Admin/ }),
  ).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole("button", { name: "Logga ut" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status")).toHaveText("Du är utloggad.");
  await expect(page.getByRole("button", { name: "Logga ut" })).toHaveCount(0);
  await expectAxeClean(page);

  // The session is gone on the server, not just in this tab.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin$/);
  await expectAxeClean(page);
});

test("a wrong password shows the generic error and keeps the e-mail address", async ({ page, expectAxeClean }) => {
  await page.goto("/login");
  await signIn(page, "erik.granskare@demo.samsyn.se", "inte-rätt-lösenord");

  await expect(page.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord.");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("E-postadress")).toHaveValue("erik.granskare@demo.samsyn.se");
  await expectAxeClean(page);

  // An unknown address gets exactly the same message: nothing tells which part was wrong.
  await signIn(page, `ingen-${unique()}@example.se`, "inte-rätt-lösenord");
  await expect(page.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord.");
  await expectAxeClean(page);
});

test("a signed-out visit to /admin/users goes to sign-in and comes back after it", async ({ page, expectAxeClean }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fusers$/);
  await expect(page.getByRole("heading", { level: 1, name: "Logga in" })).toBeVisible();
  await expectAxeClean(page);

  await signIn(page, DEMO.admin, DEMO.password);
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { level: 1, name: "Användare" })).toBeVisible();
  await expectAxeClean(page);
});

test("a caseworker gets 404 on admin pages", async ({ page, loginAs, expectAxeClean }) => {
  await loginAs(DEMO.caseworker);
  for (const path of ["/admin/users", "/admin"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Administration" }),
    ).toHaveCount(0);
    await expectAxeClean(page);
  }
});

test("admin creates a user with a one-time password; the user must change it and then lands on their start page", async ({
  page,
  loginAs,
  newContext,
  expectAxeClean,
}) => {
  const tag = unique();
  const name = `Nora Ny ${tag}`;
  const email = `nora.ny.${tag}@example.se`;

  await loginAs(DEMO.admin);
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Ny användare" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ny användare" })).toBeVisible();
  await expectAxeClean(page);

  await page.getByLabel("Namn").fill(name);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Organisation").selectOption({ label: "Sjöstads kommun – Vuxenutbildningen" });
  await page.getByRole("button", { name: "Skapa" }).click();

  const otpBox = page.getByTestId("one-time-password");
  await expect(otpBox).toHaveText(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
  const oneTimePassword = (await otpBox.textContent())!.trim();
  await expect(page.getByRole("heading", { name: "Engångslösenord" })).toBeVisible();
  await expectAxeClean(page);

  // Grant a role.
  await page.getByRole("link", { name: "Ge roll" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByLabel(/^Roll\b/).selectOption({ label: "Handläggare" });
  await page.getByRole("button", { name: "Ge roll" }).click();
  await expect(page.getByRole("status")).toHaveText("Rollen är tillagd.");
  await expect(page.getByRole("listitem").filter({ hasText: "Handläggare" })).toBeVisible();
  await expectAxeClean(page);

  // The new user, in a browser of their own.
  const theirs = await (await newContext()).newPage();
  await theirs.goto("/login");
  await signIn(theirs, email, oneTimePassword);
  await expect(theirs).toHaveURL(/\/account\/password$/);
  await expect(theirs.getByText("Du loggade in med ett engångslösenord.")).toBeVisible();
  await expectAxeClean(theirs);

  // Nothing else is reachable until the password is changed.
  await theirs.goto("/start");
  await expect(theirs).toHaveURL(/\/account\/password$/);

  const newPassword = "Min egen lösenfras 2026";
  await theirs.getByLabel("Nuvarande lösenord").fill(oneTimePassword);
  await theirs.getByLabel("Nytt lösenord").fill(newPassword);
  await theirs.getByLabel("Upprepa det nya lösenordet").fill(newPassword);
  await theirs.getByRole("button", { name: "Spara" }).click();

  await expect(theirs).toHaveURL(/\/start$/);
  await expect(theirs.getByRole("heading", { level: 1, name: `Välkommen, ${name}` })).toBeVisible();
  await expect(theirs.getByRole("status")).toContainText("Lösenordet är bytt.");
  await expectAxeClean(theirs);

  // The new password works; the one-time password no longer does.
  await theirs.getByRole("button", { name: "Logga ut" }).click();
  await expect(theirs).toHaveURL(/\/login$/);
  await signIn(theirs, email, oneTimePassword);
  await expect(theirs.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord.");
  await expectAxeClean(theirs);
  await theirs.getByLabel("Lösenord").fill(newPassword);
  await theirs.getByRole("button", { name: "Logga in" }).click();
  await expect(theirs).toHaveURL(/\/start$/);
  await expectAxeClean(theirs);
});

test("disabling a user signs them out at once", async ({ page, loginAs, newContext, createUser, expectAxeClean }) => {
  const victim = await createUser();
  const theirContext = await newContext();
  await loginAs(victim.email, theirContext);
  const theirs = await theirContext.newPage();
  await theirs.goto("/start");
  await expect(theirs.getByRole("heading", { level: 1, name: `Välkommen, ${victim.name}` })).toBeVisible();
  await expectAxeClean(theirs);

  await loginAs(DEMO.admin);
  await page.goto(`/admin/users?q=${encodeURIComponent(victim.email)}`);
  await page.getByRole("link", { name: victim.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: victim.name })).toBeVisible();
  await expectAxeClean(page);
  await page.getByRole("button", { name: "Stäng av användaren" }).click();
  await expect(page.getByRole("status")).toHaveText("Användaren är avstängd och har loggats ut.");
  await expect(page.getByRole("heading", { level: 1, name: victim.name })).toContainText("Avstängd");
  await expect(page.getByRole("button", { name: "Aktivera användaren" })).toBeVisible();
  await expectAxeClean(page);

  // Their very next request.
  await theirs.getByRole("link", { name: "Start" }).click();
  await expect(theirs).toHaveURL(/\/login\?/);
  await expect(theirs.getByRole("status")).toHaveText("Du har loggats ut. Logga in igen för att fortsätta.");
  await expectAxeClean(theirs);

  // And the right password no longer lets them in.
  await signIn(theirs, victim.email, victim.password);
  await expect(theirs.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord.");
  await expectAxeClean(theirs);
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, context, expectAxeClean }) => {
  await page.goto("/login");
  await signIn(page, "omar.coach@demo.samsyn.se", DEMO.password);
  await expect(page).toHaveURL(/\/start$/);
  await expectAxeClean(page);

  const session = (await context.cookies()).find((c) => c.name.endsWith("samsyn_session"));
  expect(session, "a session cookie is set").toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  expect(session!.path).toBe("/");
  // Scripts on the page cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain("samsyn_session");
});

test.describe("without JavaScript", () => {
  test("the login form shows errors and signs in", async ({ newContext, expectAxeClean }) => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/login");
    await expectAxeClean(page);

    await signIn(page, "maria.vux@demo.samsyn.se", "fel-lösenord");
    await expect(page.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord.");
    await expect(page.getByLabel("E-postadress")).toHaveValue("maria.vux@demo.samsyn.se");
    await expect(page.getByLabel("Lösenord")).toHaveValue("");
    await expectAxeClean(page);

    await page.getByLabel("Lösenord").fill(DEMO.password);
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page).toHaveURL(/\/start$/);
    await expect(page.getByRole("heading", { level: 1, name: "Välkommen, Maria Vux" })).toBeVisible();
    await expectAxeClean(page);
  });
});
