// Regressions: each test asserts the correct behaviour for a bug found while writing the
// e2e suite (fields keep text after saving, the conflict panel naming the wrong person,
// overflowing fact lists, clipped chart labels, left-aligned numbers) or by the security probe
// (another organisation's person details shown and overwritten through a new plan).
import type { Page } from "@playwright/test";
import { expect, test, unique } from "./fixtures";

const ANNA = "anna.handlaggare@demo.samsyn.se";
const OMAR = "omar.coach@demo.samsyn.se";
const LENA = "lena.af@demo.samsyn.se";
const KARIN = "karin.samordnare@demo.samsyn.se";
const GOAL = "Personens mål, med egna ord";

async function openPlan(page: Page, personName: string): Promise<void> {
  await page.goto("/plans");
  await page.getByRole("link", { name: personName, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`för ${personName}$`) })).toBeVisible();
}

// Bug 1: after a successful save with JavaScript on, the form keeps what was typed, so the
// user cannot tell it was saved and a second click saves it twice.
test("after a note is saved, the note form is closed and the note is listed", async ({ page, loginAs }) => {
  await loginAs(ANNA);
  await openPlan(page, "Mikael Provsson");
  await page.getByRole("link", { name: "Skriv en anteckning" }).click();
  const note = `Anteckning ${unique()}`;
  const field = page.getByRole("textbox", { name: /^Anteckning/ });
  await field.fill(note);
  await page.getByRole("button", { name: "Spara anteckning" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Anteckningen är sparad." })).toBeVisible();
  await expect(page.getByRole("region", { name: "Anteckningar", exact: true }).getByText(note)).toBeVisible();
  // Back at the overview: the form is closed, so a second click cannot save the note twice.
  await expect(field).toHaveCount(0);
});

// Bug 2: the conflict panel names the author of the latest history entry of any kind
// (a note, an action, a team change) as the one who "saved the plan".
test("the conflict panel names the person who saved the plan, not the last person to add a note", async ({
  page,
  loginAs,
  newContext,
  sharedPlan,
}) => {
  const tag = unique();
  // A plan of its own, so no other journey saves it in between.
  const planPath = await sharedPlan(`Konflikt Regressionsson ${tag}`);
  await loginAs(ANNA);
  await page.goto(`${planPath}?edit=goal`);
  const omar = await (await newContext()).newPage();
  await loginAs(OMAR, omar.context());
  await omar.goto(`${planPath}?edit=goal`);

  await page.getByLabel(GOAL).fill(`Annas mål ${tag}`);
  await page.getByRole("button", { name: "Spara planen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Planen är sparad." })).toBeVisible();

  // Lena only adds a note: she does not save the plan.
  const lena = await (await newContext()).newPage();
  await loginAs(LENA, lena.context());
  await lena.goto(`${planPath}?edit=notes`);
  await lena.getByRole("textbox", { name: /^Anteckning/ }).fill(`Lenas anteckning ${tag}`);
  await lena.getByRole("button", { name: "Spara anteckning" }).click();
  await expect(lena.getByRole("status").filter({ hasText: "Anteckningen är sparad." })).toBeVisible();

  await omar.getByLabel(GOAL).fill(`Omars mål ${tag}`);
  await omar.getByRole("button", { name: "Spara planen" }).click();
  const conflict = omar
    .getByRole("alert")
    .filter({ has: omar.getByRole("heading", { name: "Planen har ändrats av någon annan" }) });
  await expect(conflict).toContainText("Anna Handläggare sparade planen");
});

// Bug 3: in the plan page's side column, long words in a fact list (".facts": organisation
// names, information categories, the identity number) run past the card's right edge.
test("fact lists on the plan page stay inside their cards", async ({ page, loginAs }) => {
  await loginAs(ANNA);
  await openPlan(page, "Sanna Exempelsson");
  // Every card open, so the consent's organisations and categories are on the page too.
  await page.getByRole("link", { name: "Visa och dokumentera samtycken" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Samtycke" })).toBeVisible();
  const overflowing = await page.locator(".card .facts dd").evaluateAll((dds) =>
    dds
      .filter((dd) => {
        const card = dd.closest(".card")!;
        const padding = parseFloat(getComputedStyle(card).paddingRight);
        return dd.getBoundingClientRect().right > card.getBoundingClientRect().right - padding + 0.5;
      })
      .map((dd) => dd.textContent),
  );
  expect(overflowing).toEqual([]);
});

// Bug 4: the last x-axis label of the trend chart ("HT 2026") is cut off at the SVG's right
// edge, on screen and in print.
test("every label of the summary charts is inside its chart", async ({ page, loginAs }) => {
  await loginAs(KARIN);
  await page.goto("/reports");
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 2, name: "Utveckling över sex perioder" })).toBeVisible();
  const clipped = await page.locator("svg.chart").evaluateAll((charts) =>
    charts.flatMap((svg) => {
      const frame = svg.getBoundingClientRect();
      return [...svg.querySelectorAll("text")]
        .filter((text) => {
          const box = text.getBoundingClientRect();
          return (
            box.left < frame.left - 0.5 ||
            box.top < frame.top - 0.5 ||
            box.right > frame.right + 0.5 ||
            box.bottom > frame.bottom + 0.5
          );
        })
        .map((text) => text.textContent);
    }),
  );
  expect(clipped).toEqual([]);
});

// Bug 5: numeric columns (class "num") are meant to be right-aligned, but ".table td"
// (more specific) sets text-align: left.
test("numbers in summary tables are right-aligned", async ({ page, loginAs }) => {
  await loginAs(KARIN);
  await page.goto("/reports");
  await page.getByRole("table").getByRole("link").first().click();
  const cell = page.getByRole("table", { name: "Avvikelser per kategori" }).locator("td.num").first();
  await expect(cell).toHaveCSS("text-align", "right");
});

// Bug 6 (issue 11): a plan created for an identity number another organisation already has showed
// that organisation's address and phone, and overwrote the name on its plan.
test("a plan for a number another organisation has shows and changes nothing of theirs", async ({
  page,
  loginAs,
  newContext,
  expectAxeClean,
}) => {
  const { DEMO_PERSONS } = await import("../db/seed/demo-plans");
  const name = `Annat Namn ${unique()}`;
  const maria = await (await newContext()).newPage();
  await loginAs("maria.vux@demo.samsyn.se", maria.context());
  await maria.goto("/plans/new");
  await maria.getByLabel("Personnummer eller samordningsnummer").fill(DEMO_PERSONS.sanna.identityNumber);
  await maria.getByLabel(/^Namn/).fill(name);
  await maria.getByRole("button", { name: "Ny plan" }).click();
  await expect(maria.getByRole("heading", { level: 1, name: `GIP för ${name}` })).toBeVisible();
  const persons = maria.getByRole("region", { name: "Personuppgifter" });
  await expect(persons).toBeVisible();
  for (const theirs of ["Storgatan 12", "070-123 45 67", "Sanna Exempelsson"]) {
    await expect(maria.getByText(theirs)).toHaveCount(0);
  }
  await expectAxeClean(maria);

  await loginAs(ANNA);
  await openPlan(page, "Sanna Exempelsson");
  await expect(page.getByText("Storgatan 12, 123 45 Sjöstad")).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);
});
