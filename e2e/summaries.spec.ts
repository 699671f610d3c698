// Period summaries for steering groups (issue 7): the coordinator opens the term summary,
// freezes it for a named meeting and releases it; a steering member opens the released
// snapshot, prints it to PDF and downloads a table as CSV. Nobody else gets in.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { expect, test, unique } from "./fixtures";

const KARIN = "karin.samordnare@demo.samsyn.se";
const SARA = "sara.styrgrupp@demo.samsyn.se";
const ANNA = "anna.handlaggare@demo.samsyn.se";
const SJOSTAD = "Samordningsförbundet Sjöstad";

function flash(page: Page, text: string) {
  return page.getByRole("status").filter({ hasText: text });
}

/** The term (VT = Jan–Jun, HT = Jul–Dec) a date in Stockholm falls in, as labelled in the app: "HT 2026". */
function termOf(date: Date): string {
  const [year, month] = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
  })
    .format(date)
    .split("-")
    .map(Number);
  return `${month <= 6 ? "VT" : "HT"} ${year}`;
}

function isoDateInDays(days: number): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** The text of a PDF, or null when poppler's pdftotext is not installed. */
function pdfText(path: string): string | null {
  try {
    return execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function pdfPageCount(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test("the coordinator freezes and releases the term summary; a steering member opens the released snapshot and prints it", async ({
  page,
  loginAs,
  newContext,
  expectAxeClean,
}, testInfo) => {
  // axe scans the whole summary (every table and chart) several times: slow on a busy machine.
  test.slow();
  const term = termOf(new Date());
  const meetingName = `Styrgruppen ${term} – extra möte ${unique()}`;
  const meetingDate = isoDateInDays(21);

  // Karin opens the summary for the current term from /reports.
  await loginAs(KARIN);
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Sammanställningar" })).toBeVisible();
  const working = page.getByRole("region", { name: `Aktuell sammanställning: ${SJOSTAD}`, exact: true });
  await expect(working.getByRole("heading", { name: "Terminer" })).toBeVisible();
  await expectAxeClean(page);
  await working.getByRole("link", { name: term, exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: `${SJOSTAD} – ${term}` })).toBeVisible();
  await expect(
    page.getByText(/^Aktuell sammanställning · \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2} · Beräknad /),
  ).toBeVisible();
  for (const heading of ["Avvikelser", "Gemensamma planer", "Planeringsmöten", "Utveckling över sex perioder"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading, exact: true }), heading).toBeVisible();
  }
  await expect(page.getByRole("table", { name: "Avvikelser per kategori" })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Diagram: Avvikelser per kategori/ })).toBeVisible();
  await expectAxeClean(page);
  await screenshot(page, testInfo, "1-working-summary-sv");

  // Freeze it for a named meeting.
  const freeze = page.getByRole("region", { name: "Frys för styrgruppsmöte", exact: true });
  await freeze.getByLabel(/^Möte \(/).fill(meetingName);
  await freeze.getByLabel(/^Mötesdatum/).fill(meetingDate);
  await freeze.getByRole("button", { name: "Frys för styrgruppsmöte" }).click();

  await expect(page).toHaveURL(/\/reports\/snapshots\/[^/]+$/);
  const snapshotPath = new URL(page.url()).pathname;
  await expect(flash(page, "Sammanställningen är fryst.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: `${SJOSTAD} – ${term}` })).toBeVisible();
  await expect(
    page.getByText(new RegExp(`^Fryst .+ av Karin Samordnare för ${meetingName.replace(/[()]/g, "\\$&")} \\(`)),
  ).toBeVisible();
  await expect(page.getByText("Inte delad", { exact: true })).toBeVisible();
  await expectAxeClean(page);

  // Release it to the steering group.
  await page.getByRole("button", { name: "Dela med styrgruppen" }).click();
  await expect(flash(page, "Sammanställningen är delad med styrgruppen.")).toBeVisible();
  await expect(page.getByText("Delad med styrgruppen", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Dela med styrgruppen" })).toHaveCount(0);
  await expectAxeClean(page);

  // Sara, on the steering group, finds the released snapshot and opens it.
  const sara = await (await newContext()).newPage();
  await loginAs(SARA, sara.context());
  await sara.goto("/reports");
  await expect(
    sara.getByText("Här finns de sammanställningar som samordnaren har delat med styrgruppen."),
  ).toBeVisible();
  await expect(sara.getByRole("heading", { name: /^Aktuell sammanställning/ })).toHaveCount(0);
  await expectAxeClean(sara);
  await sara.getByRole("link", { name: new RegExp(`^${meetingName}, `) }).click();
  await expect(sara).toHaveURL(new RegExp(`${snapshotPath}$`));
  await expect(sara.getByRole("heading", { level: 1, name: `${SJOSTAD} – ${term}` })).toBeVisible();
  await expect(sara.getByText(`för ${meetingName} (`)).toBeVisible();
  await expect(sara.getByRole("button", { name: "Dela med styrgruppen" })).toHaveCount(0);
  await expect(sara.getByText("Återkalla", { exact: true })).toHaveCount(0);
  await expect(sara.getByRole("button", { name: "Skriv ut" })).toBeVisible();
  await expectAxeClean(sara);
  await screenshot(sara, testInfo, "2-released-snapshot-sv");

  // She prints it: A4 PDF through the browser's print stylesheet.
  const dir = mkdtempSync(join(tmpdir(), "samsyn-print-"));
  try {
    const pdfPath = join(dir, "sammanstallning.pdf");
    await sara.emulateMedia({ media: "print" });
    await sara.pdf({ path: pdfPath, format: "A4", printBackground: true });
    await sara.emulateMedia({ media: "screen" });
    await testInfo.attach("snapshot.pdf", { path: pdfPath, contentType: "application/pdf" });
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(1);
    expect(statSync(pdfPath).size).toBeGreaterThan(10_000);
    const text = pdfText(pdfPath);
    if (text !== null) {
      const flat = text.replace(/\s+/g, " ");
      expect(flat).toContain(`${SJOSTAD} – ${term}`);
      expect(flat).toContain(meetingName);
      expect(flat).toContain("Avvikelser per kategori");
      // The print stylesheet drops the app's chrome and the buttons.
      expect(flat).not.toContain("Logga ut");
      expect(flat).not.toContain("Skriv ut");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a steering member downloads a table of a released snapshot as CSV (UTF-8 with BOM)", async ({
  page,
  loginAs,
  expectAxeClean,
}) => {
  // The demo's released snapshot of the last full term.
  await loginAs(SARA);
  await page.goto("/reports");
  const released = page
    .getByRole("table")
    .getByRole("link", { name: /^Styrgruppen (VT|HT) \d{4}, / })
    .first();
  await expectAxeClean(page);
  await released.click();
  await expect(
    page.getByRole("heading", { level: 1, name: new RegExp(`^${SJOSTAD} – (VT|HT) \\d{4}$`) }),
  ).toBeVisible();
  const snapshotPath = new URL(page.url()).pathname;
  await expectAxeClean(page);

  // A table's CSV link downloads UTF-8 CSV with a BOM.
  const csvLink = page.getByRole("link", { name: "CSV – Exportera ”Avvikelser per kategori” som CSV" });
  const href = await csvLink.getAttribute("href");
  expect(href).toBe(`${snapshotPath}/csv/deviations-by-category`);
  const [download] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const downloaded = readFileSync(await download.path());
  expect([...downloaded.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = downloaded.subarray(3).toString("utf8");
  expect(csv.split("\r\n")[0]).toBe("Avvikelser per kategori;Antal");
  expect(csv).toContain("Informationsöverföring;");

  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/csv\b/);
  expect(response.headers()["content-type"]).toContain("charset=utf-8");
  expect([...(await response.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
});

test("a caseworker gets 404 on every summary page", async ({ page, loginAs, db, expectAxeClean }) => {
  const partnership = await db
    .selectFrom("partnerships")
    .select("id")
    .where("name", "=", SJOSTAD)
    .executeTakeFirstOrThrow();
  const snapshot = await db
    .selectFrom("summary_snapshots")
    .select("id")
    .where("partnership_id", "=", partnership.id)
    .executeTakeFirstOrThrow();
  const term = termOf(new Date()).replace(" ", "");

  await loginAs(ANNA);
  await page.goto("/start");
  await expect(
    page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Sammanställningar" }),
  ).toHaveCount(0);
  await expectAxeClean(page);
  for (const path of ["/reports", `/reports/${partnership.id}/${term}`, `/reports/snapshots/${snapshot.id}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
    await expectAxeClean(page);
  }
  for (const path of [
    `/reports/${partnership.id}/${term}/csv/deviations-by-category`,
    `/reports/snapshots/${snapshot.id}/csv/deviations-by-category`,
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(response.headers()["content-type"] ?? "").not.toContain("text/csv");
  }
});

test("the coordinator retracts a frozen summary with a reason; an impossible period is a 404 page", async ({
  page,
  loginAs,
  db,
  expectAxeClean,
}) => {
  const partnership = await db
    .selectFrom("partnerships")
    .select("id")
    .where("name", "=", SJOSTAD)
    .executeTakeFirstOrThrow();
  const meetingName = `Styrgruppen extra ${unique()}`;

  // A snapshot of its own, dated before every other meeting so that it sorts last in the lists the
  // other tests pick the first snapshot from; the demo's released snapshot stays as it is.
  await loginAs(KARIN);
  await page.goto(`/reports/${partnership.id}/VT2025`);
  await expect(page.getByRole("heading", { level: 1, name: `${SJOSTAD} – VT 2025` })).toBeVisible();
  const freeze = page.getByRole("region", { name: "Frys för styrgruppsmöte", exact: true });
  await freeze.getByLabel(/^Möte \(/).fill(meetingName);
  await freeze.getByLabel(/^Mötesdatum/).fill("2020-01-15");
  await freeze.getByRole("button", { name: "Frys för styrgruppsmöte" }).click();
  await expect(flash(page, "Sammanställningen är fryst.")).toBeVisible();

  // Without a reason the form comes back open, saying what is missing.
  await page.locator("summary").filter({ hasText: "Återkalla" }).click();
  await page.getByRole("button", { name: "Återkalla" }).click();
  await expect(page.getByText("Fyll i skäl.")).toBeVisible();
  await expectAxeClean(page);
  await page.getByLabel(/^Skäl/).fill("Fel period valdes.");
  await page.getByRole("button", { name: "Återkalla" }).click();
  await expect(flash(page, "Sammanställningen är återkallad.")).toBeVisible();
  await expect(page.getByText(/^Återkallad .+: Fel period valdes\.$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Dela med styrgruppen" })).toHaveCount(0);
  await expectAxeClean(page);

  await page.goto("/reports");
  await expect(page.getByRole("row", { name: new RegExp(`^${meetingName}, .* Återkallad$`) })).toBeVisible();

  for (const period of ["VT0000", "T1-0000"]) {
    const response = await page.goto(`/reports/${partnership.id}/${period}`);
    expect(response?.status(), period).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
    const csv = await page.request.get(`/reports/${partnership.id}/${period}/csv/deviations-by-category`);
    expect(csv.status(), period).toBe(404);
  }
  await expectAxeClean(page);
});
