// Convening without JavaScript: the invitee search is a GET form, the invitees chosen so far
// survive each search, and the meeting is sent with a participant without an account. Then the
// page titles of every meeting page in English.
import { expect, test } from "./fixtures";

const ANNA = "anna.handlaggare@demo.samsyn.se";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a caseworker searches for a colleague, keeps the team chosen, and convenes", async ({
    page,
    db,
    loginAs,
    expectAxeClean,
  }, testInfo) => {
    const plan = await db
      .selectFrom("plans")
      .innerJoin("plan_person_details as p", "p.plan_id", "plans.id")
      .select(["plans.id"])
      .where("p.name", "=", "Sanna Exempelsson")
      .executeTakeFirstOrThrow();
    // A caseworker of a partnership organisation who is not on the plan's team.
    const other = await db
      .selectFrom("users")
      .innerJoin("role_grants", "role_grants.user_id", "users.id")
      .select(["users.id", "users.name"])
      .where("role_grants.role", "=", "caseworker")
      .where("users.email", "like", "%@demo.samsyn.se")
      .where("users.id", "not in", (eb) =>
        eb.selectFrom("plan_team").select("plan_team.user_id").where("plan_team.plan_id", "=", plan.id),
      )
      .orderBy("users.name")
      .executeTakeFirstOrThrow();
    await loginAs(ANNA);
    await page.goto(`/plans/${plan.id}/meetings/new`);
    await expect(page.getByRole("heading", { level: 1, name: "Kalla till möte" })).toBeVisible();
    await expect(page.getByLabel("Kallas som: Omar Coach")).toHaveValue("summons");
    await expectAxeClean(page);

    // Search by part of the name: the search goes into the address; Omar stays chosen.
    await page.getByLabel("Sök på namn eller organisation").fill(other.name.split(" ")[0]!.toLowerCase());
    await page.getByRole("button", { name: "Sök", exact: true }).click();
    await expect(page).toHaveURL(/[?&]q=/);
    const hit = page.getByRole("listitem").filter({ hasText: other.name });
    await expect(hit).toBeVisible();
    await expect(page.getByLabel("Kallas som: Omar Coach")).toHaveValue("summons");
    await expectAxeClean(page);
    const searched = testInfo.outputPath("convene-search-nojs.png");
    await page.screenshot({ path: searched, fullPage: true });
    await testInfo.attach("convene: search without JavaScript", { path: searched, contentType: "image/png" });

    const covered = (await hit.getByRole("button", { name: /^Lägg till/ }).count()) > 0;
    if (covered) {
      await hit.getByRole("button", { name: /^Lägg till/ }).click();
      await expect(page.getByLabel(`Kallas som: ${other.name}`)).toHaveValue("invitation");
      await expect(page.getByLabel("Kallas som: Omar Coach")).toHaveValue("summons");
    } else {
      await expect(hit).toContainText("Samtycke saknas");
    }

    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Datum").fill(tomorrow);
    await page.getByLabel("Klockslag").fill("13:00");
    await page.getByLabel("Plats").fill("Socialtjänsten, rum Ekorren");
    await page.getByLabel("Syfte med mötet").fill("Följa upp arbetsträningen.");
    const external = page.getByRole("group", { name: "Deltagare utan konto 1" });
    await external.getByLabel("Namn").fill("Greta Godman");
    await external.getByLabel("Roll").selectOption({ label: "God man" });
    await external.getByLabel(/^Hur når vi hen/).fill("070-123 45 67");
    await page.getByRole("button", { name: "Skicka kallelsen" }).click();
    await expect(page.getByText("Kallelsen är skickad.")).toBeVisible();
    await expect(page.getByText("Greta Godman (god man)")).toBeVisible();
    const meetingId = page.url().split("/").pop()!;
    const ics = await (await page.request.get(`/meetings/${meetingId}/calendar.ics`)).text();
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).not.toMatch(/Greta|Godman|070-123 45 67/);
    if (covered) expect(ics).toContain(other.name);
    await expectAxeClean(page);

    // Every meeting page has its title in English too.
    await page.getByRole("button", { name: "In English" }).click();
    await expect(page).toHaveTitle("Meeting – Samsyn");
    await page.goto(`/meetings/${meetingId}/letter`);
    await expect(page).toHaveTitle("Letter to the person – Samsyn");
    await expect(page.getByText("Greta Godman, guardian (god man)")).toBeVisible();
    await page.goto(`/plans/${plan.id}/meetings/new`);
    await expect(page).toHaveTitle("Convene a meeting – Samsyn");
    await page.getByRole("button", { name: "På svenska" }).click();
  });
});
