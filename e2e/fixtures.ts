// The e2e test API: Playwright's `test` with the Samsyn server's baseURL, a
// direct database handle, sign-in without the form, extra browser contexts and
// an axe check. Specs import { test, expect } from here, never from @playwright/test.
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { createDb, type DB } from "../db/client.server";
import { newId, nowIso } from "../db/portable";
import type { Role } from "../db/schema";
import { DEMO_PASSWORD, DEMO_TOTP_KEYS } from "../db/seed/demo-cast";
import { TOTP_PERIOD_S, totpCode } from "../app/features/identity/totp.server";

export { expect };

export const DEMO = {
  password: DEMO_PASSWORD,
  admin: "admin@demo.samsyn.se",
  caseworker: "anna.handlaggare@demo.samsyn.se",
} as const;

/**
 * A TOTP code for the user's key that the server has not accepted yet: the current step's, or
 * the next one's when a parallel test just used it (the server accepts one step of drift).
 */
export async function nextTotpCode(db: DB, email: string, key = DEMO_TOTP_KEYS[email]): Promise<string> {
  if (!key) throw new Error(`nextTotpCode: no known TOTP key for ${email}`);
  for (;;) {
    const row = await db
      .selectFrom("totp_credentials")
      .innerJoin("users", "users.id", "totp_credentials.user_id")
      .select("totp_credentials.last_step")
      .where("users.email", "=", email)
      .executeTakeFirst();
    const now = Math.floor(Date.now() / 1000 / TOTP_PERIOD_S);
    const step = Math.max(now, (row?.last_step ?? -1) + 1);
    if (step <= now + 1) return totpCode(key, step * TOTP_PERIOD_S * 1000);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** On the second-factor page after a password: types a fresh code from the user's known key. */
export async function enterSecondFactor(page: Page, db: DB, email: string, key?: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "Tvåstegsverifiering" })).toBeVisible();
  await page.getByLabel("Kod").fill(await nextTotpCode(db, email, key));
  await page.getByRole("button", { name: "Verifiera" }).click();
}

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

function requiredEnv(name: "E2E_BASE_URL" | "E2E_DATABASE_URL"): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run the suite with \`npx playwright test\` so e2e/global-setup.ts starts the server.`,
    );
  return value;
}

// Contexts opened with javaScriptEnabled: false. axe is a script, so it cannot run in them.
const scriptlessContexts = new WeakSet<BrowserContext>();

async function analyze(page: Page) {
  return (await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()).violations;
}

/**
 * A page in a context without JavaScript is scanned as a copy: its current DOM
 * with every script removed (what such a visitor has), served at the same URL
 * in a scripting context so the app's own stylesheets apply.
 */
async function analyzeScriptless(page: Page) {
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, "");
  const browser = page.context().browser();
  if (!browser) throw new Error("expectAxeClean: the page has no browser to scan a copy in");
  // Scripts on explicitly: a test-wide javaScriptEnabled: false would otherwise reach this context too.
  const scanContext = await browser.newContext({ viewport: page.viewportSize(), javaScriptEnabled: true });
  try {
    const copy = await scanContext.newPage();
    const url = page.url();
    await copy.route(
      (u) => u.href === url,
      (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await copy.goto(url);
    return await analyze(copy);
  } finally {
    await scanContext.close();
  }
}

/** Fails with the rule ids and the elements when axe finds any WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectAxeClean(page: Page): Promise<void> {
  const violations = scriptlessContexts.has(page.context()) ? await analyzeScriptless(page) : await analyze(page);
  const found = violations.flatMap((v) =>
    v.nodes.map((node) => `${v.id} (${v.impact ?? "?"}) at ${node.target.map(String).join(" ")}: ${v.help}`),
  );
  expect(found, `axe found ${found.length} violation(s) on ${page.url()}:\n${found.join("\n")}`).toEqual([]);
}

/** The session cookie exactly as the app would set it (name and encoding come from the app's own code). */
async function sessionCookieFor(db: DB, userId: string, baseURL: string): Promise<{ name: string; value: string }> {
  // auth.server reads APP_URL once (through getEnv) to choose the cookie's name; point it at the test server first.
  process.env.APP_URL = baseURL;
  const [{ createSession }, { sessionCookieHeader }] = await Promise.all([
    import("../app/features/auth/session.server"),
    import("../app/features/auth/auth.server"),
  ]);
  const { token } = await createSession(db, userId);
  const pair = (await sessionCookieHeader(token)).split(";")[0];
  const eq = pair.indexOf("=");
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

let counter = 0;
/** A string unique to this run, worker and call: safe for names and e-mail addresses in parallel tests. */
export function unique(prefix = ""): string {
  const info = base.info();
  return `${prefix}${Date.now().toString(36)}${info.workerIndex}${(counter++).toString(36)}`;
}

// Counts the shared plans a worker has made across its tests, so each person is new.
let sharedPlanSerial = 0;

interface TestFixtures {
  /** Signs `email` in on `context` (the test's own by default) through a session made in the database. */
  loginAs: (email: string, context?: BrowserContext) => Promise<void>;
  /** A fresh browser context (same locale and base URL as the test's), closed after the test. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  /** A throwaway user made directly in the database, with the demo password. */
  createUser: (options?: { roles?: Role[]; organisation?: string; name?: string }) => Promise<TestUser>;
  /** Throwaway partnerships made directly in the database, for list tests. */
  createPartnerships: (names: string[]) => Promise<void>;
  /**
   * A fresh draft GIP for `personName` led by Anna (Socialtjänsten), with Omar and Lena on the team
   * under consent, made through the app's own functions. Returns its path. For journeys that save
   * the plan itself, so they cannot race other journeys saving a shared demo plan.
   */
  sharedPlan: (personName: string) => Promise<string>;
  expectAxeClean: (page: Page) => Promise<void>;
}

interface WorkerFixtures {
  db: DB;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  baseURL: async ({}, use) => {
    await use(requiredEnv("E2E_BASE_URL"));
  },

  db: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      const db = createDb(requiredEnv("E2E_DATABASE_URL"));
      await use(db);
      await db.destroy();
    },
    { scope: "worker" },
  ],

  newContext: async ({ browser, baseURL }, use, testInfo) => {
    const opened: BrowserContext[] = [];
    const { locale, timezoneId } = testInfo.project.use;
    await use(async (options = {}) => {
      const context = await browser.newContext({ baseURL, locale, timezoneId, ...options });
      opened.push(context);
      if (options.javaScriptEnabled === false) scriptlessContexts.add(context);
      return context;
    });
    await Promise.all(opened.map((c) => c.close()));
  },

  loginAs: async ({ context, db, baseURL }, use) => {
    await use(async (email, target = context) => {
      const user = await db
        .selectFrom("users")
        .select("id")
        .where("email", "=", email.toLowerCase())
        .executeTakeFirst();
      if (!user) throw new Error(`loginAs: no user ${email}`);
      const url = baseURL ?? requiredEnv("E2E_BASE_URL");
      const cookie = await sessionCookieFor(db, user.id, url);
      await target.addCookies([{ ...cookie, url, httpOnly: true, sameSite: "Lax" }]);
    });
  },

  createUser: async ({ db }, use) => {
    const { hashPassword } = await import("../app/features/auth/password.server");
    let hash: string | undefined;
    await use(
      async ({ roles = ["caseworker"] as Role[], organisation = "Sjöstads kommun – Socialtjänsten", name } = {}) => {
        hash ??= await hashPassword(DEMO_PASSWORD);
        const org = await db
          .selectFrom("organisations")
          .select("id")
          .where("name", "=", organisation)
          .executeTakeFirstOrThrow();
        const id = newId();
        const tag = unique();
        const user: TestUser = {
          id,
          email: `e2e-${tag}@example.se`,
          name: name ?? `Testperson ${tag}`,
          password: DEMO_PASSWORD,
        };
        const now = nowIso();
        await db
          .insertInto("users")
          .values({
            id,
            email: user.email,
            name: user.name,
            organisation_id: org.id,
            password_hash: hash,
            created_at: now,
            updated_at: now,
          })
          .execute();
        for (const role of roles) {
          await db
            .insertInto("role_grants")
            .values({ id: newId(), user_id: id, role, partnership_id: null, created_at: now })
            .execute();
        }
        return user;
      },
    );
  },

  createPartnerships: async ({ db }, use) => {
    await use(async (names) => {
      const now = nowIso();
      await db
        .insertInto("partnerships")
        .values(names.map((name) => ({ id: newId(), name, created_at: now, updated_at: now })))
        .execute();
    });
  },

  sharedPlan: async ({ db }, use) => {
    const { recordConsent } = await import("../app/features/consent/consent.server");
    const { addTeamMember } = await import("../app/features/plans/team.server");
    const { createPlan } = await import("../app/features/plans/plans.server");
    const { addDays, todayInStockholm } = await import("../app/lib/time");
    const { demoCaseworker, demoIdentityNumber } = await import("../db/seed/demo-plans");
    await use(async (personName) => {
      const [anna, omar, lena] = await Promise.all(
        ["anna.handlaggare", "omar.coach", "lena.af"].map((name) => demoCaseworker(db, `${name}@demo.samsyn.se`)),
      );
      // Born 1 Jan 1975, a birth number no other worker's plans use in this run.
      const birthNumber = String((base.info().workerIndex * 100 + sharedPlanSerial++) % 1000).padStart(3, "0");
      const created = await createPlan(db, anna, {
        kind: "GIP",
        person: {
          identityNumber: demoIdentityNumber("19750101", birthNumber),
          name: personName,
          protectedIdentity: false,
        },
        goal: "Jag vill ha ett eget arbete.",
        needs: "Arbetsträning.",
      });
      if (!created.ok) throw new Error("sharedPlan: the plan was refused");
      const planId = created.value;
      await addTeamMember(db, anna, planId, omar.id);
      await addTeamMember(db, anna, planId, lena.id);
      const today = todayInStockholm();
      await recordConsent(db, anna, planId, {
        grantor: "self",
        categories: ["labour_market_measures"],
        form: "written",
        organisationIds: [omar.organisationId, lena.organisationId],
        purpose: "Samordna arbetsträning och arbetsförmedlingens insatser.",
        givenOn: today,
        validFrom: today,
        validUntil: addDays(today, 365),
      });
      return `/plans/${planId}`;
    });
  },

  // A test that turns scripts off with test.use({ javaScriptEnabled: false }) gets its page scanned as a copy too.
  expectAxeClean: async ({ javaScriptEnabled, context }, use) => {
    if (javaScriptEnabled === false) scriptlessContexts.add(context);
    await use(expectAxeClean);
  },
});
