// The person's letter prints on one A4 page, the address where a C5 window envelope shows it,
// with the convener's phone and e-mail. Checked on the PDF the browser prints.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { expect, test } from "./fixtures";

const ANNA = "anna.handlaggare@demo.samsyn.se";

test("the letter fits one A4 page with the address in the envelope window", async ({
  page,
  db,
  loginAs,
  expectAxeClean,
}, testInfo) => {
  const plan = await db
    .selectFrom("plans")
    .innerJoin("plan_person_details as p", "p.plan_id", "plans.id")
    .select("plans.id")
    .where("p.name", "=", "Sanna Exempelsson")
    .executeTakeFirstOrThrow();
  const meeting = await db
    .selectFrom("meetings")
    .select("id")
    .where("plan_id", "=", plan.id)
    .orderBy("created_at")
    .executeTakeFirstOrThrow();
  await db.updateTable("users").set({ phone: "08-123 45 67" }).where("email", "=", ANNA).execute();
  await loginAs(ANNA);
  await page.goto(`/meetings/${meeting.id}/letter`);
  await expect(page).toHaveTitle("Brev till personen – Samsyn");
  await expect(page.getByRole("heading", { level: 1, name: /till möte om din plan/ })).toBeVisible();
  const address = page.getByRole("group", { name: "Mottagare" });
  await expect(address).toContainText("Sanna Exempelsson");
  await expect(address).toContainText("Storgatan 12");
  await expect(page.getByText("Telefon: 08-123 45 67")).toBeVisible();
  await expectAxeClean(page);
  const screen = testInfo.outputPath("letter-screen.png");
  await page.screenshot({ path: screen, fullPage: true });
  await testInfo.attach("letter on screen", { path: screen, contentType: "image/png" });

  // Printed: one A4 page; the address block inside the window, 20 mm from the left and 45–50 mm down.
  await page.emulateMedia({ media: "print" });
  const box = await address.boundingBox();
  const mm = 96 / 25.4;
  expect(box!.x / mm).toBeGreaterThanOrEqual(20);
  expect(box!.x / mm).toBeLessThanOrEqual(25);
  expect(box!.y / mm).toBeGreaterThanOrEqual(45);
  expect(box!.y / mm).toBeLessThanOrEqual(50);
  expect((box!.x + box!.width) / mm).toBeLessThanOrEqual(110);
  expect((box!.y + box!.height) / mm).toBeLessThanOrEqual(90);
  const pdfPath = testInfo.outputPath("letter.pdf");
  writeFileSync(pdfPath, await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true }));
  await testInfo.attach("letter printed", { path: pdfPath, contentType: "application/pdf" });
  const info = execFileSync("pdfinfo", [pdfPath], { encoding: "utf8" });
  expect(info).toMatch(/^Pages:\s+1$/m);
  expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
});
