import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { deviationSetup } from "../../../test/deviations";
import { planSetup } from "../../../test/plans";
import { findNameShapes, findPatterns } from "./patterns";
import { findPersonalData, namesVisibleTo, personalDataIn } from "./personal-data.server";

describe("the personal-data guard", () => {
  it.each([
    ["Personen 19121212-1212 fick vänta", "identity_number"],
    ["Personen 191212121212 fick vänta", "identity_number"],
    ["Personen 121212-1212 fick vänta", "identity_number"],
    ["Personen 121212+1212 fick vänta", "identity_number"],
    ["Personen 1212121212 fick vänta", "identity_number"],
    ["Personen 19121212-1213 (fel kontrollsiffra) fick vänta", "identity_number"],
    ["Samordningsnummer 19701063-2391 saknades", "identity_number"],
    ["Mejla sanna.exempel@example.se om detta", "email"],
    ["Ring 070-123 45 67 efter lunch", "phone"],
    // Ten digits could as well be someone born 2007-01-23: refused either way.
    ["Ring 0701234567", "identity_number"],
    ["Ring +46 70 123 45 67", "phone"],
    ["Växeln 08-123 456 78 svarade inte", "phone"],
  ])("refuses %s", (text, kind) => {
    expect(findPatterns(text).map((f) => f.kind)).toContain(kind);
  });

  it.each([
    "Personen stod utan ersättning i 45 dagar mellan 2026-01-15 och 2026-03-01.",
    "Handläggningstiden var 12 veckor, mot normalt 4.",
    "Ärendet skickades mellan tre parter under HT 2026.",
    "Kostnaden var 12 500 kronor per månad.",
    "Remissen från vårdcentralen kom aldrig fram till Arbetsförmedlingen.",
  ])("accepts %s", (text) => {
    expect(findPatterns(text)).toEqual([]);
  });

  it("refuses the full name of a person on the writer's own plan, in any case, and names the field", async () => {
    const db = getDb();
    const { lead } = await planSetup("Sanna Exempelsson");
    const result = await findPersonalData(db, lead, {
      description: "Vi kunde inte hjälpa SANNA EXEMPELSSON eftersom reglerna krockade.",
      triedLocally: "Ringde Försäkringskassan.",
    });
    expect(Object.keys(result)).toEqual(["description"]);
    expect(result.description).toEqual([{ kind: "person_name", match: "SANNA EXEMPELSSON" }]);
    // A first name alone is not a full name.
    expect(await findPersonalData(db, lead, { description: "Sanna fick vänta." })).toEqual({});
    // Nor is the name written in lower case by someone who may see the plan any less refused.
    expect(await findPersonalData(db, lead, { description: "Ärendet om sanna exempelsson dröjde." })).toEqual({
      description: [{ kind: "person_name", match: "sanna exempelsson" }],
    });
  });

  it.each([
    ["Mikael Provsson fick vänta.", "Mikael Provsson"],
    ["Vi pratade med Anna von Essen om saken.", "Anna von Essen"],
    ["Handläggaren Anna-Karin Lindqvist var sjuk.", "Anna-Karin Lindqvist"],
    ["Mohammed Ali kom inte till mötet.", "Mohammed Ali"],
  ])("refuses the name-shaped %s", (text, match) => {
    expect(findNameShapes(text)).toEqual([{ kind: "person_name", match }]);
  });

  it.each([
    "Sanna fick vänta.",
    "Det gällde Anna. Sedan hörde ingen av sig.",
    "Arbetsförmedlingen Sjöstad och Försäkringskassan Sjöstad svarade inte.",
    "Personen hamnade mellan sjukpenning och arbetsmarknadsinsatser (klassiskt Lex Heller-fall).",
    "Sjöstads kommun – Socialtjänsten fick inget besked från Region Sjöland – Vuxenpsykiatrin.",
    "anna svensson skrev med små bokstäver.",
  ])("lets %s through", (text) => {
    expect(findNameShapes(text)).toEqual([]);
  });

  it("compares only with persons on plans the writer may see", async () => {
    const db = getDb();
    const { lead } = await planSetup("Mikael Provsson");
    const { coordinator } = await deviationSetup();
    expect(await namesVisibleTo(db, lead)).toContain("Mikael Provsson");
    expect(await namesVisibleTo(db, coordinator)).toEqual([]);
    // A real name in a shape the guard does not know is refused only for someone who may see its plan.
    const text = { description: "Ärendet om mikael provsson dröjde." };
    expect(await personalDataIn(db, coordinator, text)).toBeNull();
    expect(await personalDataIn(db, lead, text)).toMatchObject({ ok: false, error: "personal_data" });
  });

  it("answers a real name exactly as an invented one of the same shape", async () => {
    const db = getDb();
    await planSetup("Mikael Provsson");
    const { coordinator } = await deviationSetup();
    const answer = async (name: string) =>
      JSON.stringify(await personalDataIn(db, coordinator, { description: `${name} fick vänta.` })).replaceAll(
        name,
        "NAMN",
      );
    expect(await answer("Mikael Provsson")).toBe(await answer("Mikael Påhittsson"));
    expect(await answer("Mikael Provsson")).toContain("personal_data");
  });
});
