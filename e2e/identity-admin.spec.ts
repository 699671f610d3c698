// What an admin decides about sign-in, end to end: linking a new region worker's e-legitimation at
// the test IdP (refusing one that belongs to someone else), the worker signing in with it, removing
// the link; an organisation's second-factor switch, after which its password users must enrol; and a
// reset of a lost second factor.
import { newId, nowIso } from "../db/portable";
import { DEMO_EID_ORGANISATION, DEMO_UNLINKED_ACCOUNT } from "../test/idp/demo-idp";
import { demoSubject } from "../test/idp/test-idp";
import { expect, nextTotpCode, test, unique } from "./fixtures";

const EID_LINK = "Logga in med e-legitimation (test)";

test.use({ viewport: { width: 1366, height: 768 } });

test("an admin links a new worker's e-legitimation, the worker signs in with it, and the link is removed", async ({
  page,
  createUser,
  loginAs,
  newContext,
  expectAxeClean,
}) => {
  const admin = await createUser({ roles: ["admin"] });
  const nora = await createUser({ organisation: DEMO_EID_ORGANISATION, name: DEMO_UNLINKED_ACCOUNT.name });
  await loginAs(admin.email);
  await page.goto(`/admin/users/${nora.id}`);
  const signIn = page.getByRole("region", { name: "Inloggning" });
  await expect(signIn.getByText("Ingen e-legitimation är kopplad till användaren.")).toBeVisible();
  await expect(signIn.getByText("Inte aktiverad.")).toBeVisible();
  await expectAxeClean(page);

  // Nothing typed: a Swedish message at the field.
  await signIn.getByRole("button", { name: "Koppla" }).click();
  await expect(signIn.getByText("Fyll i identifierare.")).toBeVisible();
  await expect(signIn.getByLabel("Identitetsleverantör")).toHaveValue("demo");
  await expectAxeClean(page);

  // Henrik's identity is his: refused, not moved, and what was typed stays.
  const identifier = signIn.getByRole("textbox", { name: /^Identifierare/ });
  await identifier.fill(demoSubject("henrik.psykiatri@demo.samsyn.se"));
  await signIn.getByRole("button", { name: "Koppla" }).click();
  await expect(signIn.getByText("Den här e-legitimationen är redan kopplad till en annan användare.")).toBeVisible();
  await expect(identifier).toHaveValue(demoSubject("henrik.psykiatri@demo.samsyn.se"));

  await identifier.fill(DEMO_UNLINKED_ACCOUNT.sub);
  await signIn.getByRole("button", { name: "Koppla" }).click();
  await expect(page.getByRole("status")).toHaveText("E-legitimationen är kopplad till användaren.");
  await expect(signIn.getByRole("code")).toHaveText(DEMO_UNLINKED_ACCOUNT.sub);
  await page.screenshot({ path: "test-results/identity-admin-user-sv.png", fullPage: true });
  await expectAxeClean(page);

  // Nora signs in through the test IdP in a browser of her own.
  const noraContext = await newContext();
  const noraPage = await noraContext.newPage();
  await noraPage.goto("/login");
  await noraPage.getByRole("link", { name: EID_LINK }).click();
  await noraPage.getByLabel(DEMO_UNLINKED_ACCOUNT.name).check();
  await noraPage.getByRole("button", { name: "Logga in" }).click();
  await expect(noraPage).toHaveURL(/\/start$/);
  await expect(noraPage.getByRole("heading", { level: 1, name: `Välkommen, ${nora.name}` })).toBeVisible();

  // The admin removes the link, after a second question; Nora's e-legitimation session ends with it.
  await signIn.locator("summary", { hasText: "Ta bort koppling" }).click();
  await expect(signIn.getByText("Användaren kan då inte längre logga in med den här e-legitimationen")).toBeVisible();
  await expectAxeClean(page);
  await signIn.getByRole("button", { name: "Ja, ta bort kopplingen" }).click();
  await expect(page.getByRole("status")).toHaveText("Kopplingen är borttagen.");
  await expect(signIn.getByText("Ingen e-legitimation är kopplad till användaren.")).toBeVisible();
  await noraPage.reload();
  await expect(noraPage).toHaveURL(/\/login/);

  // The page in English.
  await page.getByRole("button", { name: "In English" }).click();
  await expect(page.getByRole("region", { name: "Sign-in" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Link an e-legitimation" })).toBeVisible();
  await page.screenshot({ path: "test-results/identity-admin-user-en.png", fullPage: true });
  await expectAxeClean(page);
});

test("an admin requires a second factor for an organisation, and its password users must enrol", async ({
  page,
  db,
  createUser,
  loginAs,
  newContext,
  expectAxeClean,
}) => {
  const admin = await createUser({ roles: ["admin"] });
  await loginAs(admin.email);

  // The region's provider is shown, read-only.
  const region = await db
    .selectFrom("organisations")
    .select("id")
    .where("name", "=", DEMO_EID_ORGANISATION)
    .executeTakeFirstOrThrow();
  await page.goto(`/admin/organisations/${region.id}`);
  const regionSignIn = page.getByRole("region", { name: "Inloggning" });
  await expect(regionSignIn.getByText("test (identifierare: sub)")).toBeVisible();
  await expect(regionSignIn.getByText("Tillåten", { exact: true })).toBeVisible();
  await expect(regionSignIn.getByRole("textbox")).toHaveCount(0);
  await page.screenshot({ path: "test-results/identity-admin-organisation-sv.png", fullPage: true });
  await expectAxeClean(page);

  // A new organisation of its own, so no other journey's sign-in changes.
  const name = `Sjöstads kommun – Testenhet ${unique()}`;
  const now = nowIso();
  const organisationId = newId();
  await db
    .insertInto("organisations")
    .values({ id: organisationId, name, kind: "social_services", created_at: now, updated_at: now })
    .execute();
  const worker = await createUser({ organisation: name });

  await page.goto(`/admin/organisations/${organisationId}`);
  const signIn = page.getByRole("region", { name: "Inloggning" });
  await expect(signIn.getByText("Ingen. Organisationens användare loggar in med lösenord.")).toBeVisible();
  const required = signIn.getByRole("checkbox", { name: "Kräv tvåstegsverifiering för alla med lösenord" });
  await expect(required).not.toBeChecked();
  await required.check();
  await signIn.getByRole("button", { name: "Spara kravet på tvåstegsverifiering" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Nu krävs tvåstegsverifiering för alla i organisationen som loggar in med lösenord.",
  );
  await expect(required).toBeChecked();
  await expectAxeClean(page);
  const events = await db
    .selectFrom("audit_events")
    .select(["user_id", "details"])
    .where("action", "=", "organisation.second_factor")
    .where("record_id", "=", organisationId)
    .execute();
  expect(events).toEqual([{ user_id: admin.id, details: JSON.stringify({ required: true }) }]);

  // The worker's next password sign-in asks for enrolment first.
  const workerContext = await newContext();
  const workerPage = await workerContext.newPage();
  await workerPage.goto("/login");
  await workerPage.getByLabel("E-postadress").fill(worker.email);
  await workerPage.getByLabel("Lösenord").fill(worker.password);
  await workerPage.getByRole("button", { name: "Logga in" }).click();
  await expect(workerPage.getByRole("heading", { level: 1, name: "Aktivera tvåstegsverifiering" })).toBeVisible();
  await expectAxeClean(workerPage);
  // What the worker's authenticator app does with the key: the test reads it and computes the code.
  const pending = await db
    .selectFrom("totp_credentials")
    .select("secret")
    .where("user_id", "=", worker.id)
    .executeTakeFirstOrThrow();
  await workerPage.getByRole("textbox", { name: /^Kod/ }).fill(await nextTotpCode(db, worker.email, pending.secret));
  await workerPage.getByRole("button", { name: "Aktivera" }).click();
  await expect(workerPage.getByRole("heading", { level: 1, name: "Dina reservkoder" })).toBeVisible();

  // The worker loses the phone: the admin resets the second factor, after a second question.
  await page.goto(`/admin/users/${worker.id}`);
  const userSignIn = page.getByRole("region", { name: "Inloggning" });
  await expect(
    userSignIn.getByText("Aktiverad. 10 oanvända reservkoder. Krävs vid inloggning med lösenord."),
  ).toBeVisible();
  await userSignIn.locator("summary", { hasText: "Återställ tvåstegsverifiering" }).click();
  await expect(userSignIn.getByText("För en användare som har tappat bort sin telefon.")).toBeVisible();
  await page.screenshot({ path: "test-results/identity-admin-reset-sv.png", fullPage: true });
  await expectAxeClean(page);
  await userSignIn.getByRole("button", { name: "Ja, återställ tvåstegsverifieringen" }).click();
  await expect(page.getByRole("status")).toHaveText("Tvåstegsverifieringen är återställd och användaren är utloggad.");
  await expect(userSignIn.getByText("Inte aktiverad. Krävs vid inloggning med lösenord.")).toBeVisible();

  // Signed out, and the next password sign-in sets up a new key.
  await workerPage.goto("/start");
  await expect(workerPage).toHaveURL(/\/login/);
  await workerPage.getByLabel("E-postadress").fill(worker.email);
  await workerPage.getByLabel("Lösenord").fill(worker.password);
  await workerPage.getByRole("button", { name: "Logga in" }).click();
  await expect(workerPage.getByRole("heading", { level: 1, name: "Aktivera tvåstegsverifiering" })).toBeVisible();

  // The organisation pages in English.
  await page.goto(`/admin/organisations/${region.id}`);
  await page.getByRole("button", { name: "In English" }).click();
  await expect(page.getByRole("region", { name: "Sign-in" }).getByText("test (identifier: sub)")).toBeVisible();
  await page.screenshot({ path: "test-results/identity-admin-organisation-en.png", fullPage: true });
  await expectAxeClean(page);
});
