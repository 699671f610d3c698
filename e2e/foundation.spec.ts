// The app shell every page shares: health check, 404 page, language, security
// headers, the origin check and keyboard access.
import { DEMO, expect, test } from "./fixtures";

test.describe("health check", () => {
  test("GET /healthz answers 200 with JSON saying the app and database are ok", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(await response.json()).toMatchObject({ status: "ok", db: "ok" });
  });
});

test.describe("404 page", () => {
  test("an unknown path shows the not-found page inside the layout, with status 404", async ({
    page,
    expectAxeClean,
  }) => {
    const response = await page.goto("/det-har-finns-inte");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Hoppa till huvudinnehållet" })).toBeAttached();
    await expect(page.getByRole("banner").getByRole("link", { name: /Samsyn/ })).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "Till startsidan" })).toBeVisible();
    await expectAxeClean(page);
  });

  test("signed in, the 404 page keeps the main navigation", async ({ page, loginAs, expectAxeClean }) => {
    await loginAs(DEMO.caseworker);
    const response = await page.goto("/admin/finns-inte/heller");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Huvudmeny" });
    await expect(nav.getByRole("link", { name: "Start" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Hoppa till huvudinnehållet" })).toBeAttached();
    await expectAxeClean(page);
  });
});

test.describe("language", () => {
  test("switches to English and back, and the choice holds across pages", async ({ page, expectAxeClean }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await expect(page.getByRole("heading", { level: 1, name: "Logga in" })).toBeVisible();
    await expectAxeClean(page);

    await page.getByRole("button", { name: "In English" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(page.getByLabel("E-mail address")).toBeVisible();
    await expectAxeClean(page);

    // Remembered on the next page load, not just this render.
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expectAxeClean(page);

    await page.getByRole("button", { name: "På svenska" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await expect(page.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
    await expectAxeClean(page);
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await expect(page.getByRole("heading", { level: 1, name: "Logga in" })).toBeVisible();
    await expectAxeClean(page);
  });
});

test.describe("security", () => {
  test("pages carry a nonce-based CSP that forbids framing, nosniff and a referrer policy", async ({
    page,
    expectAxeClean,
  }) => {
    const response = await page.goto("/login");
    expect(response?.status()).toBe(200);
    const headers = response!.headers();

    const csp = headers["content-security-policy"] ?? "";
    const directives = new Map(
      csp
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    const scriptSrc = directives.get("script-src") ?? [];
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    const nonce = scriptSrc.find((s) => s.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
    expect(nonce, `script-src has a nonce: ${csp}`).toBeTruthy();

    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBeTruthy();
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-powered-by"]).toBeUndefined();

    // Every inline script the page runs carries this response's nonce.
    const scriptNonces = await page
      .locator("script")
      .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));

    // A second response gets a fresh nonce.
    const again = await page.request.get("/login");
    expect(again.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
    await expectAxeClean(page);
  });

  test("a POST from a foreign origin is refused with 403", async ({ request }) => {
    const evil = { Origin: "https://evil.example" };
    const login = await request.post("/login", {
      headers: evil,
      form: { email: DEMO.admin, password: DEMO.password },
      maxRedirects: 0,
    });
    expect(login.status()).toBe(403);
    expect(login.headers()["set-cookie"] ?? "").not.toContain("samsyn_session");

    const language = await request.post("/language", {
      headers: evil,
      form: { lang: "en", redirectTo: "/" },
      maxRedirects: 0,
    });
    expect(language.status()).toBe(403);
  });

  test("a signed-in user's session cannot be used from a foreign origin", async ({ page, loginAs, expectAxeClean }) => {
    await loginAs(DEMO.caseworker);
    await page.goto("/start");
    await expect(page.getByRole("heading", { level: 1, name: /^Välkommen/ })).toBeVisible();

    // The browser context's request API sends the session cookie, as a forged cross-site form would.
    const forged = await page.request.post("/logout", { headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);

    await page.reload();
    await expect(page).toHaveURL(/\/start$/);
    await expect(page.getByRole("button", { name: "Logga ut" })).toBeVisible();
    await expectAxeClean(page);
  });
});

test.describe("keyboard", () => {
  test("the skip link is the first Tab stop and moves focus to the main content", async ({ page, expectAxeClean }) => {
    await page.goto("/login");
    await expectAxeClean(page);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Hoppa till huvudinnehållet" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    // The next Tab continues inside main: the first field of the form.
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("E-postadress")).toBeFocused();
  });
});
