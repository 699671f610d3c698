// Signing in and out, where people land, who may see admin pages, new users choosing their
// password by link, disabling users, the session cookie and the no-JavaScript path.
import type { Page } from "@playwright/test";
import type { DB } from "../db/client.server";
import { ACCOUNT_FREE_FAILURES, accountKey } from "../app/features/auth/throttle.server";
import { DEMO, enterSecondFactor, expect, test, unique } from "./fixtures";

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

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
}

test("admin signs in through the form, lands on /admin and signs out again", async ({ page, db, expectAxeClean }) => {
  await page.goto("/login");
  await expectAxeClean(page);
  await signIn(page, DEMO.admin, DEMO.password);
  // Admins always pass a second factor (docs/decisions/0019-e-legitimation-and-second-factor.md).
  await expect(page).toHaveURL(/\/login\/second-factor$/);
  await expectAxeClean(page);
  await enterSecondFactor(page, db, DEMO.admin);

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

test("a signed-out visit to /admin/users goes to sign-in and comes back after it", async ({
  page,
  db,
  expectAxeClean,
}) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fusers$/);
  await expect(page.getByRole("heading", { level: 1, name: "Logga in" })).toBeVisible();
  await expectAxeClean(page);

  await signIn(page, DEMO.admin, DEMO.password);
  await enterSecondFactor(page, db, DEMO.admin);
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

test("admin creates a user, who gets a link by e-mail, chooses a password and lands on their start page", async ({
  page,
  db,
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
  await expect(page.getByText("Du ser aldrig lösenordet.")).toBeVisible();
  await expectAxeClean(page);

  await page.getByLabel("Namn").fill(name);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Organisation").selectOption({ label: "Sjöstads kommun – Vuxenutbildningen" });
  await page.getByRole("button", { name: "Skapa" }).click();

  // The admin lands on the new user's page and never sees a password.
  await expect(page).toHaveURL(/\/admin\/users\/[a-z0-9]+$/);
  await expect(page.getByRole("status")).toHaveText(
    "Användaren är skapad och har fått en länk för att välja lösenord.",
  );
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("one-time-password")).toHaveCount(0);
  await expectAxeClean(page);

  // Grant a role.
  await page.getByLabel(/^Roll\b/).selectOption({ label: "Handläggare" });
  await page.getByRole("button", { name: "Ge roll" }).click();
  await expect(page.getByRole("status")).toHaveText("Rollen är tillagd.");
  await expect(page.getByRole("listitem").filter({ hasText: "Handläggare" })).toBeVisible();
  await expectAxeClean(page);

  // The e-mail, read from the outbox (no SMTP server in the tests).
  const link = await linkMailedTo(db, email);
  const theirs = await (await newContext()).newPage();
  await theirs.goto(link);
  await expect(theirs).toHaveURL(/\/reset-password$/);
  await expect(theirs.getByRole("heading", { level: 1, name: "Välkommen till Samsyn" })).toBeVisible();
  await expect(theirs.getByText(email)).toBeVisible();
  await expectAxeClean(theirs);

  const password = "Min egen lösenfras 2026";
  await theirs.getByLabel("Nytt lösenord").fill(password);
  await theirs.getByLabel("Upprepa det nya lösenordet").fill(password);
  await theirs.getByRole("button", { name: "Spara lösenordet" }).click();
  await expect(theirs).toHaveURL(/\/login$/);
  await expect(theirs.getByRole("status")).toHaveText("Lösenordet är sparat. Logga in med ditt nya lösenord.");
  await expectAxeClean(theirs);

  await signIn(theirs, email, password);
  await expect(theirs).toHaveURL(/\/start$/);
  await expect(theirs.getByRole("heading", { level: 1, name: `Välkommen, ${name}` })).toBeVisible();
  await expectAxeClean(theirs);

  // The link worked once.
  await theirs.goto(link);
  await expect(theirs.getByRole("heading", { level: 1, name: "Länken fungerar inte längre" })).toBeVisible();
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

test("while someone guesses a user's password, the user still gets in from a browser they have used before", async ({
  page,
  db,
  newContext,
  createUser,
  expectAxeClean,
}) => {
  const user = await createUser();
  // The user signs in once from this browser, which remembers it (the device cookie), and signs out.
  await page.goto("/login");
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/start$/);
  await page.getByRole("button", { name: "Logga ut" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // Someone else guesses; after an hour of it the account makes every new browser wait.
  const attacker = await (await newContext()).newPage();
  await attacker.goto("/login");
  for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
    await signIn(attacker, user.email, `gissning-${i}-${unique()}`);
    await expect(attacker.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord.");
  }
  await db
    .updateTable("login_throttle")
    .set({ failures: 20, next_attempt_at: new Date(Date.now() + 10 * 60_000).toISOString() })
    .where("key", "=", accountKey(user.email))
    .execute();
  // Even the right password waits in a browser that has never signed in to the account.
  await signIn(attacker, user.email, user.password);
  await expect(attacker.getByRole("alert")).toHaveText(
    /^För många misslyckade inloggningsförsök\. Vänta (10|9) minuter och försök igen/,
  );
  await expectAxeClean(attacker);

  // The user is not locked out.
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/start$/);
  await expect(page.getByRole("heading", { level: 1, name: `Välkommen, ${user.name}` })).toBeVisible();
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
