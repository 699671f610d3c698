// Route changes are announced: after a client-side navigation focus lands on the new page's
// heading, so a screen reader says where the user arrived. A first load leaves focus alone.
import { DEMO, expect, test } from "./fixtures";

test("after a link click focus is on the new page's h1, not on the first load", async ({
  page,
  loginAs,
  expectAxeClean,
}) => {
  await loginAs(DEMO.caseworker);
  await page.goto("/start");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("BODY");

  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Planer" }).click();
  await expect(page).toHaveURL(/\/plans$/);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toBeFocused();
  await expect(heading).toHaveAttribute("tabindex", "-1");
  await expectAxeClean(page);

  // By keyboard too: Enter on a navigation link.
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Start" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/start$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
});
