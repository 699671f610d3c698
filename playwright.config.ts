import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Playwright cannot download browsers on every machine we run on; use the
// system Chromium when there is one, otherwise Playwright's own.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const executablePath = existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;

export default defineConfig({
  testDir: "e2e",
  // The server is built by `npm run test:e2e` and started once by global setup
  // on a free port against a throwaway, freshly seeded database.
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  // Generous: a scan with axe takes a second or two on a small CI machine, and some flows scan many pages.
  timeout: 120_000,
  expect: { timeout: 5_000 },
  // One line per test; on failure the error, and the trace path for `npx playwright show-trace`.
  reporter: [["list", { printSteps: false }]],
  outputDir: "test-results",
  use: {
    ...devices["Desktop Chrome"],
    locale: "sv-SE",
    timezoneId: "Europe/Stockholm",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // E2E_ENGINE=postgres (npm run test:e2e does it when TEST_POSTGRES_URL is set) runs the plan and
  // deviation journeys again against a server on PostgreSQL.
  projects:
    process.env.E2E_ENGINE === "postgres"
      ? [{ name: "postgres", testMatch: ["plans.spec.ts", "deviations.spec.ts"] }]
      : [{ name: "chromium" }],
});
