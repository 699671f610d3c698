// Retention (gallring) on the admin page, and the register extract a caseworker produces for
// the person of a plan. Both pages are scanned with axe, in Swedish and in English.
import type { Page } from "@playwright/test";
import type { DB } from "../db/client.server";
import { expect, test } from "./fixtures";

/** Closes the plan and moves every entry in it back to `at`, as if it were written then. */
async function closeLongAgo(db: DB, planId: string, at: string) {
  await db
    .updateTable("plans")
    .set({ status: "closed", outcome: "work", closed_at: at, updated_at: at, created_at: at, activated_at: at })
    .where("id", "=", planId)
    .execute();
  await db.updateTable("plan_history").set({ occurred_at: at }).where("plan_id", "=", planId).execute();
  await db.updateTable("consents").set({ created_at: at }).where("plan_id", "=", planId).execute();
}

/** Saves a screenshot for review when SCREENSHOT_DIR is set. */
async function snap(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

async function toEnglish(page: Page) {
  await page.getByRole("button", { name: "In English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
}

test("the admin sees what is due per organisation, by plan number only, and purges it by typing the count", async ({
  page,
  db,
  createUser,
  loginAs,
  sharedPlan,
  expectAxeClean,
}) => {
  const path = await sharedPlan("Gallras Långtsedan");
  const planId = path.split("/").pop()!;
  await closeLongAgo(db, planId, "2015-03-01T10:00:00.000Z");
  const admin = await createUser({ roles: ["admin"] });
  await loginAs(admin.email);

  await page.goto("/admin/retention");
  await expect(page.getByRole("heading", { level: 1, name: "Gallring" })).toBeVisible();
  const row = page.getByRole("row", { name: /Sjöstads kommun – Socialtjänsten/ });
  await expect(row).toContainText(planId);
  await expect(row).toContainText("forskningsundantaget");
  await expect(page.getByText("Gallras Långtsedan")).toHaveCount(0);
  await expectAxeClean(page);
  await snap(page, "admin-retention-sv");

  const due = Number((await page.getByText(/Totalt \d+ plane?r? ska gallras/).textContent())?.match(/\d+/)?.[0]);
  expect(due).toBeGreaterThan(0);
  const confirm = page.getByLabel(/Skriv antalet planer som ska gallras/);
  await confirm.fill(String(due + 1));
  await page.getByRole("button", { name: "Gallra nu" }).click();
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expect(confirm).toHaveAccessibleDescription(`Skriv ${due}, antalet planer som ska gallras just nu.`);
  await expect(confirm).toHaveValue(String(due + 1));
  await expectAxeClean(page);

  await toEnglish(page);
  await expect(page.getByRole("heading", { level: 1, name: "Retention" })).toBeVisible();
  await expectAxeClean(page);
  await snap(page, "admin-retention-en");
  await page.getByLabel(/Type the number of plans to purge/).fill(String(due));
  await page.getByRole("button", { name: "Purge now" }).click();
  await expect(page.getByText(`The purge is done. Plans purged: ${due}.`)).toBeVisible();
  await expect(page.getByText("No plans are due for purging today.")).toBeVisible();
  expect(await db.selectFrom("plans").select("id").where("id", "=", planId).execute()).toEqual([]);
});

test("a caseworker prints the register extract of a plan's person and downloads it as a file", async ({
  page,
  db,
  createUser,
  loginAs,
  sharedPlan,
  expectAxeClean,
}) => {
  const path = await sharedPlan("Utdrag Exempelsson");
  const planId = path.split("/").pop()!;
  // A caseworker of the lead organisation of their own, so the language switch touches no demo user.
  const caseworker = await createUser({ name: "Handläggare Utdrag" });
  await db
    .insertInto("plan_team")
    .values({ plan_id: planId, user_id: caseworker.id, added_at: new Date().toISOString() })
    .execute();
  await loginAs(caseworker.email);

  await page.goto(path);
  await page.getByRole("link", { name: "Registerutdrag" }).click();
  await expect(page).toHaveURL(new RegExp(`/plans/${planId}/extract$`));
  await expect(page.getByRole("heading", { level: 1, name: "Registerutdrag" })).toBeVisible();
  await expect(page.getByText("Utdrag Exempelsson")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Vem som har läst uppgifterna" })).toBeVisible();
  await expect(
    page.getByText("Samordna arbetsträning och arbetsförmedlingens insatser.", { exact: false }),
  ).toBeVisible();
  await expectAxeClean(page);
  await snap(page, "register-extract-sv");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Ladda ner som fil (JSON)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^registerutdrag-\d{4}-\d{2}-\d{2}\.json$/);
  const { readFile } = await import("node:fs/promises");
  const json = JSON.parse(await readFile((await file.path())!, "utf8")) as { plans: { id: string }[] };
  expect(json.plans.map((p) => p.id)).toEqual([planId]);

  await toEnglish(page);
  await expect(page.getByRole("heading", { level: 1, name: "Register extract" })).toBeVisible();
  await expectAxeClean(page);
  await snap(page, "register-extract-en");
});
