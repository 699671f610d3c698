// Sign-in with the organisation's e-legitimation through a real OpenID Connect provider (the test
// IdP that global-setup starts, oidc-provider), and the second factor for password accounts:
// enrolling with a QR code and signing in with a code the test computes.
import { DEMO, expect, nextTotpCode, test } from "./fixtures";

const EID_LINK = "Logga in med e-legitimation (test)";

test("a region worker signs in with e-legitimation and logs out of the provider too", async ({
  page,
  expectAxeClean,
}) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "Logga in" })).toBeVisible();
  await page.screenshot({ path: "test-results/eid-login-sv.png", fullPage: true });
  await expectAxeClean(page);

  await page.getByRole("link", { name: EID_LINK }).click();
  // The provider's own page: who signs in, and at which level.
  await expect(page.getByRole("heading", { level: 1, name: "Test-IdP: välj vem som loggar in" })).toBeVisible();
  await page.getByLabel("Henrik Psykiatri").check();
  await page.getByRole("button", { name: "Logga in" }).click();

  await expect(page).toHaveURL(/\/start$/);
  await expect(page.getByRole("heading", { level: 1, name: "Välkommen, Henrik Psykiatri" })).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole("button", { name: "Logga ut" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Logga ut från test-IdP:n?" })).toBeVisible();
  await page.getByRole("button", { name: "Ja, logga ut" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status")).toHaveText("Du är utloggad.");

  // Signed out at the provider too: the next sign-in asks who signs in again.
  await page.getByRole("link", { name: EID_LINK }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Test-IdP: välj vem som loggar in" })).toBeVisible();
});

test("an identity nobody linked gets a clear page, and the refusal is audited", async ({
  page,
  db,
  expectAxeClean,
}) => {
  const before = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("action", "=", "login.unknown_identity")
    .executeTakeFirstOrThrow();
  await page.goto("/login");
  await page.getByRole("link", { name: EID_LINK }).click();
  // Anna works for the social services, which does not sign in through this provider.
  await page.getByLabel("Anna Handläggare").check();
  await page.getByRole("button", { name: "Logga in" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Du har inget konto i Samsyn" })).toBeVisible();
  await expect(page.getByText("Be din administratör att lägga upp dig i Samsyn")).toBeVisible();
  await expect(page.getByRole("button", { name: "Logga ut" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/eid-unknown-sv.png", fullPage: true });
  await expectAxeClean(page);
  const after = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("action", "=", "login.unknown_identity")
    .executeTakeFirstOrThrow();
  expect(Number(after.n)).toBe(Number(before.n) + 1);
});

test("an admin enrols a second factor with the QR code and signs in with a computed code", async ({
  page,
  db,
  createUser,
  expectAxeClean,
}) => {
  const admin = await createUser({ roles: ["admin"] });
  await page.goto("/login");
  await page.getByLabel("E-postadress").fill(admin.email);
  await page.getByLabel("Lösenord").fill(admin.password);
  await page.getByRole("button", { name: "Logga in" }).click();

  // No session yet: the account must enrol first.
  await expect(page.getByRole("heading", { level: 1, name: "Aktivera tvåstegsverifiering" })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR-kod för autentiseringsappen" })).toBeVisible();
  await page.screenshot({ path: "test-results/eid-enrol-sv.png", fullPage: true });
  await expectAxeClean(page);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin$/);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Aktivera tvåstegsverifiering" })).toBeVisible();

  // What an authenticator app does with the key: the test computes the code from it.
  const typed = (await page.getByTestId("totp-key").textContent()) ?? "";
  const key = Buffer.from(base32Decode(typed.replace(/\s/g, ""))).toString("hex");
  await page.getByRole("textbox", { name: /^Kod/ }).fill("000000");
  await page.getByRole("button", { name: "Aktivera" }).click();
  await expect(page.getByRole("alert")).toHaveText("Koden stämmer inte. Skriv den kod som appen visar nu.");
  await expectAxeClean(page);
  await page.getByRole("textbox", { name: /^Kod/ }).fill(await nextTotpCode(db, admin.email, key));
  await page.getByRole("button", { name: "Aktivera" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Dina reservkoder" })).toBeVisible();
  const codes = page.getByRole("list", { name: "Dina reservkoder" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await page.screenshot({ path: "test-results/eid-recovery-sv.png", fullPage: true });
  await expectAxeClean(page);
  await page.getByRole("link", { name: "Jag har sparat koderna – fortsätt" }).click();
  await expect(page).toHaveURL(/\/admin$/);

  // Next time: password, then a code.
  await page.getByRole("button", { name: "Logga ut" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("E-postadress").fill(admin.email);
  await page.getByLabel("Lösenord").fill(admin.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tvåstegsverifiering" })).toBeVisible();
  await page.screenshot({ path: "test-results/eid-code-sv.png", fullPage: true });
  await expectAxeClean(page);
  await page.getByRole("textbox", { name: /^Kod/ }).fill(await nextTotpCode(db, admin.email, key));
  await page.getByRole("button", { name: "Verifiera" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
});

test("the sign-in pages in English", async ({ page, db, expectAxeClean }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "In English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in with e-legitimation (test)" })).toBeVisible();
  await page.screenshot({ path: "test-results/eid-login-en.png", fullPage: true });
  await expectAxeClean(page);

  await page.getByLabel("E-mail address").fill(DEMO.admin);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-step verification" })).toBeVisible();
  await page.screenshot({ path: "test-results/eid-code-en.png", fullPage: true });
  await expectAxeClean(page);
  await page.getByLabel("Code").fill(await nextTotpCode(db, DEMO.admin));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/admin$/);
});

/** RFC 4648 base32 (what authenticator apps read), without padding. */
function base32Decode(text: string): Uint8Array {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text.toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(bytes);
}
